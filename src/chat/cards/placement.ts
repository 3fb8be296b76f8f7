/**
 * The placement card: one post measured against its creator's recent medians.
 */
import type { PostPlacement } from '../../quadrants/types';
import type { Block, Card, CardChart } from '../card';
import { QUADRANT_HINTS, QUADRANT_MEANING, QUADRANT_NAMES, creatorName, formatCount, formatRate, formatUnixDate, plural } from '../format';
import { say, strong, untrusted, words, type Inline } from '../inline';
import { SURFACES, type Surface } from '../surfaces';
import { dataLine } from './data-line';

const TITLE_MAX = 300;

/** Where the post landed, or why it could not be placed. */
export function verdict(p: PostPlacement): Inline {
  const { post, baseline } = p;
  if (post.quadrant) {
    return say`Lands in ${strong(QUADRANT_NAMES[post.quadrant])} (${words(QUADRANT_HINTS[post.quadrant])}) against the last ${words(plural(baseline.window.posts, 'post'))}: ${words(QUADRANT_MEANING[post.quadrant])}.`;
  }
  if (post.excluded === 'low-views') {
    const bar = baseline.flags.minViews > 1 ? `fewer than ${formatCount(baseline.flags.minViews)} views` : 'no views';
    return words(`Not placed: the post has ${bar} so far; check again in a day or two.`);
  }
  if (post.excluded === 'missing-data') return words('Not placed: TikLiveAPI did not return its share or save count.');
  return words('Not placed: the recent posts could not be split into quadrants (too few, or all alike).');
}

export function placementAlt(p: PostPlacement): string {
  const { post, baseline } = p;
  const where = post.quadrant ? QUADRANT_NAMES[post.quadrant] : 'not placed';
  return `Scatter chart of the creator's last ${plural(baseline.window.posts, 'post')} with this post highlighted: share rate ${formatRate(post.shareRate)}, save rate ${formatRate(post.saveRate)}, ${where}.`;
}

export interface PlacementCardOptions {
  charts?: CardChart[];
  breakdown: Surface | null;
}

export function placementCard(p: PostPlacement, options: PlacementCardOptions): Card {
  const { post, baseline } = p;
  const m = baseline.medians;
  const caption = post.title.trim() === '' ? words('(no caption)') : say`“${untrusted(post.title, TITLE_MAX)}”`;
  const blocks: Block[] = [
    { kind: 'text', text: say`${strong('Post:')} ${caption}, published ${words(formatUnixDate(post.createdAt))}` },
    { kind: 'text', text: verdict(p) },
    {
      kind: 'fields',
      fields: [
        { label: words('Share rate'), value: words(`${formatRate(post.shareRate)} (median ${formatRate(m.shareRate)})`) },
        { label: words('Save rate'), value: words(`${formatRate(post.saveRate)} (median ${formatRate(m.saveRate)})`) },
        { label: words('Download rate'), value: words(`${formatRate(post.downloadRate)} (median ${formatRate(m.downloadRate)})`) },
        { label: words('Views'), value: words(formatCount(post.views)) },
      ],
    },
  ];
  if (post.template) {
    blocks.push({
      kind: 'list',
      title: null,
      items: [{ icon: 'template', text: say`${strong('Template alert:')} ${words(`it is downloaded far more than usual (${formatCount(post.downloads)} downloads); other creators are likely reusing it.`)}` }],
    });
  }
  const advice = post.quadrant ? baseline.recommendations.find((r) => r.quadrant === post.quadrant) : undefined;
  if (advice) blocks.push({ kind: 'text', text: say`${strong('Next step:')} ${words(advice.text)}` });
  const footer = [dataLine(p)];
  if (options.charts?.length) footer.push(words('On the chart this post is the marked point; the other points are the recent posts, #1 the newest.'));
  const threadNote = options.breakdown ? words(`The recent posts it is measured against are broken down ${SURFACES[options.breakdown].under}.`) : null;
  const where = post.quadrant ? QUADRANT_NAMES[post.quadrant] : 'not placed';
  return {
    title: say`Post check · ${creatorName(baseline.creator)} · ${words(`against the last ${plural(baseline.window.posts, 'post')}`)}`,
    summary: say`Post check for ${creatorName(baseline.creator)}: ${words(where)}, share rate ${words(formatRate(post.shareRate))} (median ${words(formatRate(m.shareRate))}), save rate ${words(formatRate(post.saveRate))} (median ${words(formatRate(m.saveRate))}).`,
    blocks,
    footer,
    ...(threadNote ? { threadNote } : {}),
    tone: post.quadrant === 'dead' ? 'warning' : 'normal',
    ...(options.charts?.length ? { charts: options.charts } : {}),
    at: p.fetchedAt,
  };
}
