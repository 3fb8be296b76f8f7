/**
 * The per-post breakdown posted as a thread reply under the report: every post's number,
 * title, rates and quadrant, grouped by quadrant. Titles are the most hostile text we show,
 * so each is flattened, escaped and cut before it is placed.
 */
import { QUADRANT_IDS, type QuadrantId, type QuadrantReport, type RatedPost } from '../../../src/quadrants/types';
import { creatorHandle, safeMrkdwn } from '../escape';
import { packLines, SLACK_LIMITS } from '../limits';
import { capBlocks, context, fallbackText, header, pct, QUADRANT_HINT, QUADRANT_LABEL, section, type Block, type SlackMessage } from './common';

/** Longest title shown, in escaped characters: enough to recognise a post, short enough for 35 of them. */
export const TITLE_MAX = 80;

const EXCLUDED_LABEL = { 'low-views': 'not enough views yet', 'missing-data': 'missing a share or save counter' } as const;

function titleOf(post: RatedPost): string {
  const t = safeMrkdwn(post.title, TITLE_MAX);
  return t === '' ? '_(no caption)_' : t;
}

function postLine(post: RatedPost): string {
  const extra = [post.template ? 'template' : null, post.pinned ? 'pinned' : null, post.isPhoto ? 'photo post' : null].filter(Boolean);
  const rates = `shares ${pct(post.shareRate)} · saves ${pct(post.saveRate)}`;
  const why = post.excluded ? ` · ${EXCLUDED_LABEL[post.excluded]}` : '';
  return `\`#${post.index}\` ${titleOf(post)} · ${rates}${why}${extra.length > 0 ? ` · ${extra.join(', ')}` : ''}`;
}

interface Group {
  title: string;
  posts: RatedPost[];
}

function groups(report: QuadrantReport): Group[] {
  const byQuadrant = (q: QuadrantId): Group => ({
    title: `*${QUADRANT_LABEL[q]}* (${QUADRANT_HINT[q]})`,
    posts: report.posts.filter((p) => p.quadrant === q),
  });
  const out = QUADRANT_IDS.map(byQuadrant);
  out.push({ title: '*Not placed*', posts: report.posts.filter((p) => p.quadrant === null) });
  return out.filter((g) => g.posts.length > 0);
}

/** Block Kit for the thread reply. */
export function renderBreakdownBlocks(report: QuadrantReport): SlackMessage {
  const who = creatorHandle(report.creator);
  const blocks: Block[] = [header(`Per-post breakdown · ${who}`)];
  const textLines: string[] = [`Per-post breakdown for ${safeMrkdwn(who, 100)} (#1 is the newest post):`];
  for (const g of groups(report)) {
    const lines = [`${g.title} · ${g.posts.length}`, ...g.posts.map(postLine)];
    for (const chunk of packLines(lines, SLACK_LIMITS.sectionText)) blocks.push(section(chunk));
    textLines.push(`${g.title.replace(/\*/g, '')}: ${g.posts.map((p) => `#${p.index} ${titleOf(p)}`).join('; ')}`);
  }
  blocks.push(context(['#1 is the newest post; rates are per view. Reply in this thread to discuss.']));
  return { text: fallbackText(textLines.join('\n')), blocks: capBlocks(blocks) };
}
