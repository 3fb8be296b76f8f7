/**
 * Plain-text read-outs for a comparison (creators as letters A, B, … as on the chart) and for
 * one post placed against its creator's recent medians.
 */
import { creatorLetter } from '../chart/parts';
import { PLACED_POST_LABEL } from '../chart/config';
import { QUADRANT_IDS, type CompareReport, type PostPlacement } from '../quadrants/types';
import { DEMO_NOTICE, footer, postLine } from './text-parts';
import { QUADRANT_LABEL, QUADRANT_MEANING, cleanTitle, creatorName, formatCount, formatRate, formatUnixDate, plural } from './words';

const SHORT: Record<(typeof QUADRANT_IDS)[number], string> = {
  'viral-evergreen': 'Evergreen',
  'niche-reference': 'Reference',
  'viral-disposable': 'Disposable',
  dead: 'Dead',
};

/** A comparison as plain text: who is A/B/…, pooled medians, pooled counts, each creator's own medians and next step. */
export function renderCompareText(r: CompareReport): string {
  const who = r.creators.map((c, i) => `${creatorLetter(i)} = ${creatorName(c.report.creator)}`).join(', ');
  const lines = [`Shares vs saves compared: ${who}`];
  if (r.demo) lines.push(DEMO_NOTICE);
  const m = r.pooledMedians;
  lines.push('', `Shared medians (all creators' posts together): share rate ${formatRate(m.shareRate)}, save rate ${formatRate(m.saveRate)}.`);
  lines.push('Posts per quadrant against the shared medians:', '');
  lines.push(`     ${QUADRANT_IDS.map((q) => SHORT[q].padStart(11)).join('')}   own medians (share / save)`);
  r.creators.forEach((c, i) => {
    const counts = QUADRANT_IDS.map((q) => String(c.pooledCounts[q]).padStart(11)).join('');
    const own = `${formatRate(c.report.medians.shareRate)} / ${formatRate(c.report.medians.saveRate)}`;
    lines.push(`  ${creatorLetter(i)}  ${counts}   ${own}   (${plural(c.report.window.posts, 'post')})`);
  });
  lines.push('', 'Next step for each, against their own medians:');
  r.creators.forEach((c, i) => {
    if (c.report.headline) lines.push(`  ${creatorLetter(i)}: ${c.report.headline.text}`);
  });
  lines.push('', `On the chart, ${creatorLetter(0)}3 is ${creatorName(r.creators[0]?.report.creator ?? { username: '', userid: '?' })}'s post 3 (1 = newest).`);
  lines.push(...footer(r.chartUrl, r.credits));
  return `${lines.join('\n')}\n`;
}

function placementVerdict(p: PostPlacement): string {
  const post = p.post;
  if (post.quadrant) return `${QUADRANT_LABEL[post.quadrant]}: ${QUADRANT_MEANING[post.quadrant]}.`;
  if (post.excluded === 'low-views') return 'Not placed: the post has no views yet (or too few to judge); check again in a day or two.';
  if (post.excluded === 'missing-data') return 'Not placed: TikLiveAPI did not return its share or save count.';
  return 'Not placed: the recent posts could not be split into quadrants (too few, or all alike).';
}

/** One post against its creator's recent medians, as plain text. */
export function renderPlacementText(p: PostPlacement): string {
  const b = p.baseline;
  const lines = [`Post by ${creatorName(b.creator)}, published ${formatUnixDate(p.post.createdAt)}: ${cleanTitle(p.post.title)}`];
  if (p.demo) lines.push(DEMO_NOTICE);
  lines.push('', postLine(p.post, PLACED_POST_LABEL));
  lines.push('', `Measured against the last ${plural(b.window.posts, 'post')} (medians: share rate ${formatRate(b.medians.shareRate)}, save rate ${formatRate(b.medians.saveRate)}):`);
  lines.push(`  ${placementVerdict(p)}`);
  if (p.post.template) {
    lines.push(`  It is being downloaded far more than usual (${formatCount(p.post.downloads)} downloads), a sign other creators are reusing it as a template.`);
  }
  const advice = p.post.quadrant ? b.recommendations.find((r) => r.quadrant === p.post.quadrant) : undefined;
  if (advice) lines.push('', `Advice for this quadrant, from the recent posts: ${advice.text}`);
  lines.push('', `On the chart it is the point marked ${PLACED_POST_LABEL}; the grey points are the recent posts, numbered 1 = newest.`);
  lines.push(...footer(p.chartUrl, p.credits));
  return `${lines.join('\n')}\n`;
}
