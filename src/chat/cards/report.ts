/**
 * The report card: one creator's latest posts split at the medians. Every sentence about a report
 * lives here (and in breakdown.ts for the per-post list); surfaces only lay it out.
 */
import { QUADRANT_IDS, type QuadrantReport } from '../../quadrants/types';
import type { Block, Card, CardChart, ListItem } from '../card';
import { QUADRANT_HINTS, QUADRANT_NAMES, creatorName, formatDate, formatRate, formatShare, plural, quadrantWord } from '../format';
import { join, say, strong, words, type Inline } from '../inline';
import { SURFACES, type Surface } from '../surfaces';
import { dataLine } from './data-line';

/** Posts placed in a quadrant. */
export function placedCount(report: QuadrantReport): number {
  return QUADRANT_IDS.reduce((n, q) => n + report.counts[q], 0);
}

/** "last 10 posts" or "last 8 posts (asked for 10)". */
export function windowWords(report: QuadrantReport): string {
  const { posts, requested } = report.window;
  return posts < requested ? `last ${plural(posts, 'post')} (asked for ${requested})` : `last ${plural(posts, 'post')}`;
}

/** "3 viral evergreen, 2 niche reference, 4 viral disposable, 1 dead". */
export function countsWords(counts: QuadrantReport['counts'], separator = ', '): string {
  return QUADRANT_IDS.map((q) => `${counts[q]} ${quadrantWord(q)}`).join(separator);
}

/** "#2, #5" for the posts with these ids, in breakdown order. */
function postNumbers(report: QuadrantReport, ids: readonly string[]): string {
  return report.posts.filter((p) => ids.includes(p.id)).map((p) => `#${p.index}`).join(', ');
}

/** One line per flag that is up. */
export function flagItems(report: QuadrantReport): ListItem[] {
  const f = report.flags;
  const placed = placedCount(report);
  const items: ListItem[] = [];
  if (f.noPosts) items.push({ icon: 'info', text: words('This creator has no public posts in the window.') });
  if (f.smallSample && !f.noPosts) {
    items.push({ icon: 'info', text: words(`Only ${plural(placed, 'post')} could be placed, too few for the quadrants to mean much yet.`) });
  }
  if (f.deadShare) {
    items.push({
      icon: 'warning',
      text: say`${strong('Dead share:')} ${report.counts.dead} of ${placed} placed posts (${formatShare(f.deadFraction)}) were neither shared nor saved above the medians; at a third or more, the format is the problem, not the topic.`,
    });
  }
  if (f.templates.length > 0) {
    const one = f.templates.length === 1;
    items.push({
      icon: 'template',
      text: say`${strong('Template alert:')} ${words(`${postNumbers(report, f.templates)} ${one ? 'is' : 'are'} downloaded far more than usual (${f.templateRule}); other creators are likely reusing ${one ? 'it' : 'them'}.`)}`,
    });
  }
  if (f.allEqual) items.push({ icon: 'info', text: words('Every placed post has the same share and save rate, so there is nothing to split.') });
  if (f.savesUnavailable) items.push({ icon: 'info', text: words('Most posts have no save count, so the save axis is unreliable.') });
  if (f.lowViews > 0) {
    const one = f.lowViews === 1;
    const bar = f.minViews > 1 ? `fewer than ${f.minViews} views` : 'no views';
    items.push({ icon: 'waiting', text: words(`${plural(f.lowViews, 'post')} with ${bar} yet ${one ? 'is' : 'are'} left out until ${one ? 'it gathers' : 'they gather'} views.`) });
  }
  if (f.missingData > 0) {
    items.push({ icon: 'missing', text: words(`${plural(f.missingData, 'post')} ${f.missingData === 1 ? 'is' : 'are'} missing a share or save count and left out.`) });
  }
  if (report.partial) items.push({ icon: 'info', text: words(`Partial: TikLiveAPI stopped paging early, so this covers ${plural(report.window.posts, 'post')} of the ${report.window.requested} asked for.`) });
  if (report.deadlineExceeded) {
    items.push({ icon: 'missing', text: words('TikLiveAPI was too slow to send every save count in time, so posts without one are marked missing; run it again later for the full picture.') });
  }
  return items;
}

/** The content mix against the weekly plan, or null when nothing was placed. */
export function mixBlock(report: QuadrantReport): Block | null {
  const { mix } = report;
  if (mix.entries.length === 0 || mix.largestGap === null) return null;
  const plan = QUADRANT_IDS.filter((q) => mix.plan[q] > 0)
    .map((q) => `${mix.plan[q]} ${quadrantWord(q)}`)
    .join(' : ');
  const items: ListItem[] = mix.entries.map((e) => {
    const gap = Math.round(e.gap * 100);
    const sign = gap > 0 ? '+' : gap < 0 ? '−' : '±';
    return { text: words(`${QUADRANT_NAMES[e.quadrant]}: ${formatShare(e.actual)} (plan ${formatShare(e.target)}, ${sign}${Math.abs(gap)} points)`) };
  });
  return { kind: 'list', title: say`${strong('Content mix')} against the weekly plan (${words(plan)}):`, items };
}

/** Medians and the four quadrant counts. */
export function statsBlock(report: QuadrantReport): Block {
  const m = report.medians;
  return {
    kind: 'fields',
    fields: [
      { label: words('Median share rate'), value: words(formatRate(m.shareRate)) },
      { label: words('Median save rate'), value: words(formatRate(m.saveRate)) },
      { label: words('Median download rate'), value: words(formatRate(m.downloadRate)) },
      ...QUADRANT_IDS.map((q) => ({ label: words(`${QUADRANT_NAMES[q]} (${QUADRANT_HINTS[q]})`), value: words(plural(report.counts[q], 'post')) })),
    ],
  };
}

/** "Posts from 2026-10-01 to 2026-10-28." or nothing when there are no dates. */
function spanBlock(report: QuadrantReport): Block[] {
  const { from, to } = report.window;
  return from && to ? [{ kind: 'text', text: words(`Posts published from ${formatDate(from)} to ${formatDate(to)}.`) }] : [];
}

/** The chart's description in words, for screen readers and broken images. */
export function reportAlt(report: QuadrantReport, who: string): string {
  return (
    `Scatter chart of ${plural(placedCount(report), 'post')} by ${who}: share rate across, save rate up, split at the medians ` +
    `(share ${formatRate(report.medians.shareRate)}, save ${formatRate(report.medians.saveRate)}): ${countsWords(report.counts)}.`
  );
}

/** The one-sentence summary. */
function summary(report: QuadrantReport): Inline {
  const next = report.headline ? say` Next step: ${words(report.headline.text)}` : [];
  return say`Quadrants for ${creatorName(report.creator)}, ${words(windowWords(report))}: ${words(countsWords(report.counts))}; median share rate ${words(formatRate(report.medians.shareRate))}, median save rate ${words(formatRate(report.medians.saveRate))}.${next}`;
}

export interface ReportCardOptions {
  charts?: CardChart[];
  /** The surface, when a per-post breakdown goes under the card (the footer says where). */
  breakdown: Surface | null;
}

/** The report card. */
export function reportCard(report: QuadrantReport, options: ReportCardOptions): Card {
  const blocks: Block[] = [];
  if (report.headline) blocks.push({ kind: 'text', text: say`${strong('Next step:')} ${words(report.headline.text)}` });
  blocks.push(statsBlock(report));
  const flags = flagItems(report);
  if (flags.length > 0) blocks.push({ kind: 'list', title: [strong('Flags')], items: flags });
  const mix = mixBlock(report);
  if (mix) blocks.push(mix);
  blocks.push(...spanBlock(report));
  const footer = [dataLine(report)];
  const threadNote = options.breakdown ? words(`Per-post breakdown ${SURFACES[options.breakdown].under}: #1 is the newest post, and the numbers match the chart.`) : null;
  return {
    title: join([words('Quadrants for'), creatorName(report.creator), words(`· ${windowWords(report)}`)], ' '),
    summary: summary(report),
    blocks,
    footer,
    ...(threadNote ? { threadNote } : {}),
    tone: report.flags.deadShare ? 'warning' : 'normal',
    ...(options.charts?.length ? { charts: options.charts } : {}),
    at: report.fetchedAt,
  };
}
