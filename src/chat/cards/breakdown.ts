/**
 * The per-post breakdown that goes under a report (a thread on Slack and Discord, the lines below
 * the read-out in the CLI): every post with its number, title, views and rates, by quadrant.
 * Titles are the most hostile text we show: each one is an untrusted span, cut short. Each post's
 * number links to the video on TikTok, by a URL we build from the validated handle and video id.
 */
import { QUADRANT_IDS, type QuadrantReport, type RatedPost } from '../../quadrants/types';
import type { Block, Card, ListItem } from '../card';
import { QUADRANT_HINTS, QUADRANT_NAMES, creatorName, formatCount, formatRate, plural } from '../format';
import { postUrl } from '../../render/post-url';
import { join, link, say, strong, untrusted, words, type Inline } from '../inline';

/** Longest title shown: enough to recognise a post, short enough for 35 of them. */
export const TITLE_MAX = 80;

function titleOf(post: RatedPost) {
  return post.title.trim() === '' ? words('(no caption)') : say`“${untrusted(post.title, TITLE_MAX)}”`;
}

function extras(post: RatedPost): string {
  const list = [post.template ? 'template' : '', post.pinned ? 'pinned' : '', post.isPhoto ? 'photo post' : ''].filter(Boolean);
  return list.length > 0 ? ` · ${list.join(', ')}` : '';
}

/** The post's number, as a link to the video when the creator's handle and the id are valid. */
function numberOf(label: string, post: RatedPost, handle: string | undefined): Inline {
  const url = handle === undefined ? null : postUrl(handle, post.id);
  return url ? [link(label, url)] : words(label);
}

/**
 * One post: number (a link to the video when `handle` is the creator's valid handle), title,
 * views, rates, and why it was left out if it was.
 */
export function postItem(post: RatedPost, minViews: number, label = `#${post.index}`, handle?: string): ListItem {
  const rates = `shares ${formatRate(post.shareRate)} · saves ${formatRate(post.saveRate)} · downloads ${formatRate(post.downloadRate)}`;
  const why =
    post.excluded === 'low-views'
      ? ` · ${minViews > 1 ? `fewer than ${formatCount(minViews)} views` : 'no views'} yet`
      : post.excluded === 'missing-data'
        ? ' · share or save count missing'
        : post.quadrant === null
          ? ' · too few posts to split'
          : '';
  return { text: say`${numberOf(label, post, handle)} ${titleOf(post)} · ${words(`${formatCount(post.views)} views · ${rates}${why}${extras(post)}`)}` };
}

function groups(report: QuadrantReport): Block[] {
  const out: Block[] = [];
  for (const q of QUADRANT_IDS) {
    const posts = report.posts.filter((p) => p.quadrant === q);
    if (posts.length === 0) continue;
    out.push({
      kind: 'list',
      title: [strong(`${QUADRANT_NAMES[q]} (${QUADRANT_HINTS[q]}) · ${posts.length}`)],
      items: posts.map((p) => postItem(p, report.flags.minViews, `#${p.index}`, report.creator.username)),
    });
  }
  const left = report.posts.filter((p) => p.quadrant === null);
  if (left.length > 0) {
    out.push({ kind: 'list', title: [strong(`Not placed · ${left.length}`)], items: left.map((p) => postItem(p, report.flags.minViews, `#${p.index}`, report.creator.username)) });
  }
  return out;
}

/** The breakdown card for one report. */
export function breakdownCard(report: QuadrantReport): Card {
  const who = creatorName(report.creator);
  const blocks = groups(report);
  if (blocks.length === 0) blocks.push({ kind: 'text', text: words('No posts to break down.') });
  return {
    title: join([words('Per-post breakdown ·'), who], ' '),
    summary: say`Per-post breakdown for ${who}: ${words(plural(report.posts.length, 'post'))}, #1 is the newest.`,
    blocks,
    footer: [words('#1 is the newest post; the numbers match the chart; rates are per view.')],
    tone: 'normal',
  };
}

/** Plain-text name for the breakdown thread. */
export function breakdownThreadName(report: QuadrantReport): string {
  const who = report.creator.username ? `@${report.creator.username.replace(/[^A-Za-z0-9._]/g, '').slice(0, 40)}` : `creator ${report.creator.userid.replace(/\D/g, '').slice(0, 25)}`;
  return `Quadrants: ${who}, last ${plural(report.window.posts, 'post')}`;
}
