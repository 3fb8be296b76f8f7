/**
 * Plain-text read-outs of a report, a comparison and a post placement (the CLI prints these).
 * Computes nothing: every number comes from the report model. Post numbers match the chart
 * labels (1 = newest). Titles and handles pass through `cleanText`, so a title can never
 * inject terminal escapes or break the layout.
 */
import { QUADRANT_IDS, type MixEntry, type QuadrantReport, type RatedPost } from '../quadrants/types';
import { DEMO_NOTICE, footer, postLine } from './text-parts';
import { QUADRANT_LABEL, QUADRANT_MEANING, cleanTitle, creatorName, formatCount, formatDate, formatRate, formatShare, plural } from './words';

export { renderCompareText, renderPlacementText } from './text-compare';
export { DEMO_NOTICE } from './text-parts';

function header(r: QuadrantReport): string[] {
  const asked = r.window.posts < r.window.requested ? ` (asked for ${r.window.requested})` : '';
  const span = r.window.from ? `, ${formatDate(r.window.from)} to ${formatDate(r.window.to)}` : '';
  return [`Shares vs saves for ${creatorName(r.creator)}: last ${plural(r.window.posts, 'post')}${asked}${span}`, ...(r.demo ? [DEMO_NOTICE] : [])];
}

function medians(r: QuadrantReport): string {
  const m = r.medians;
  return `Medians: share rate ${formatRate(m.shareRate)}, save rate ${formatRate(m.saveRate)}, download rate ${formatRate(m.downloadRate)}.`;
}

function quadrantSections(r: QuadrantReport): string[] {
  const out: string[] = [];
  for (const q of QUADRANT_IDS) {
    const posts = r.posts.filter((p) => p.quadrant === q);
    out.push('', `${QUADRANT_LABEL[q]} (${posts.length}): ${QUADRANT_MEANING[q]}`);
    out.push(...(posts.length ? posts.map((p) => postLine(p)) : ['  none']));
  }
  return out;
}

function unplaced(r: QuadrantReport): string[] {
  const left = r.posts.filter((p) => p.quadrant === null);
  if (left.length === 0) return [];
  const why = (p: RatedPost): string => {
    if (p.excluded === 'low-views') return r.flags.minViews > 1 ? `fewer than ${formatCount(r.flags.minViews)} views yet` : 'no views yet';
    if (p.excluded === 'missing-data') return 'share or save count missing';
    return 'too few posts to split';
  };
  return ['', 'Not placed:', ...left.map((p) => `  #${p.index}  ${why(p)}: ${cleanTitle(p.title)}`)];
}

function flagLines(r: QuadrantReport): string[] {
  const f = r.flags;
  const split = QUADRANT_IDS.reduce((n, q) => n + r.counts[q], 0);
  const lines: string[] = [];
  if (f.noPosts) lines.push('No public posts in this window.');
  if (f.deadShare) {
    lines.push(`${r.counts.dead} of ${split} placed posts (${formatShare(f.deadFraction)}) are dead: at a third or more, the format is the problem, not the topic.`);
  }
  if (f.templates.length) {
    const numbers = r.posts.filter((p) => p.template).map((p) => `#${p.index}`);
    lines.push(`Template${numbers.length > 1 ? 's' : ''}: ${numbers.join(', ')} ${numbers.length > 1 ? 'are' : 'is'} being downloaded far more than usual, a sign other creators are reusing ${numbers.length > 1 ? 'them' : 'it'} (rule: ${f.templateRule}).`);
  }
  if (f.allEqual) lines.push('Every placed post has the same share and save rate, so there is nothing to split.');
  if (f.savesUnavailable) lines.push('Most posts have no save count, so the save axis is unreliable.');
  if (f.missingData) lines.push(`${plural(f.missingData, 'post')} had no share or save count and ${f.missingData === 1 ? 'is' : 'are'} left out.`);
  if (r.partial) lines.push('TikLiveAPI stopped paging early, so the window may be shorter than asked.');
  return lines.length ? ['', 'Flags:', ...lines.map((l) => `  - ${l}`)] : [];
}

function gapWords(e: MixEntry): string {
  const points = Math.round(Math.abs(e.gap) * 100);
  if (points === 0) return 'on target';
  return `${points} point${points === 1 ? '' : 's'} ${e.gap < 0 ? 'below' : 'above'} target`;
}

function mixLines(r: QuadrantReport): string[] {
  const { mix } = r;
  if (mix.entries.length === 0) return [];
  const plan = `${mix.plan['niche-reference']} reference : ${mix.plan['viral-disposable']} share-bait : ${mix.plan['viral-evergreen']} top-right per week`;
  const rows = mix.entries.map((e) => `  ${QUADRANT_LABEL[e.quadrant].padEnd(17)} ${formatShare(e.actual).padStart(4)}  (plan ${formatShare(e.target)})`);
  const largest = mix.largestGap ? [`  Largest gap: ${QUADRANT_LABEL[mix.largestGap.quadrant]}, ${gapWords(mix.largestGap)}.`] : [];
  return ['', `Content mix, actual vs plan (${plan}):`, ...rows, ...largest];
}

function adviceLines(r: QuadrantReport): string[] {
  const lines = r.recommendations.map((rec) => `  - ${rec.quadrant ? `${QUADRANT_LABEL[rec.quadrant]}: ` : ''}${rec.text}`);
  return lines.length ? ['', 'What to do:', ...lines] : [];
}

/** The full report as plain text. */
export function renderReportText(report: QuadrantReport): string {
  const lines = [...header(report), '', medians(report)];
  if (report.headline) lines.push(`Next step: ${report.headline.text}`);
  lines.push(...quadrantSections(report), ...unplaced(report), ...flagLines(report), ...mixLines(report), ...adviceLines(report));
  lines.push(...footer(report.chartUrl, report.credits));
  return `${lines.join('\n')}\n`;
}
