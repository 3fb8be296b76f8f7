/**
 * What gets drawn: Chart.js 2 scatter configs for a report, a comparison and a post placement.
 * Pure functions of the report model; exported so tests can inspect exactly what would be drawn.
 * See ./parts.ts for why the configs hold no functions and no untrusted text.
 */
import { QUADRANT_IDS, type CompareReport, type PostPlacement, type QuadrantReport, type RatedPost } from '../quadrants/types';
import { CREATOR_COLOURS, QUADRANT_COLOURS, QUADRANT_NAMES, creatorLetter, dataset, point, scatter, type ChartConfig, type ChartPoint } from './parts';

export type { ChartAxis, ChartConfig, ChartDataset, ChartPoint, MedianLine } from './parts';
export { CHART_TITLE, QUADRANT_COLOURS, QUADRANT_NAMES, SAVE_AXIS_TITLE, SHARE_AXIS_TITLE, creatorLetter } from './parts';

/** Label drawn next to the placed post on a placement chart (the read-out uses the same letter). */
export const PLACED_POST_LABEL = 'P';
/** Colour of the baseline posts on a placement chart, and of the placed post. */
export const BASELINE_COLOUR = '#999';
export const PLACED_COLOUR = '#d16';

type Rated = RatedPost & { shareRate: number; saveRate: number };

function hasRates(p: RatedPost): p is Rated {
  return p.shareRate !== null && p.saveRate !== null;
}

/** One dataset per quadrant (all four, so colours and legend never shift); unsplit posts are left out. */
export function buildChartConfig(report: QuadrantReport): ChartConfig {
  const datasets = QUADRANT_IDS.map((q) => {
    const points = report.posts.filter((p): p is Rated => p.quadrant === q && hasRates(p)).map((p) => point(p.shareRate, p.saveRate, p.index));
    return dataset(QUADRANT_NAMES[q], QUADRANT_COLOURS[q], points);
  });
  return scatter(datasets, report.medians);
}

/** One dataset per creator, named by letter ("Creator A"), points "A3" = creator A's post 3; pooled median lines. */
export function buildCompareChartConfig(report: CompareReport): ChartConfig {
  const datasets = report.creators.map(({ report: r }, i) => {
    const letter = creatorLetter(i);
    // Every placeable post counts towards the pooled medians, so every one is drawn.
    const points = r.posts.filter((p): p is Rated => p.excluded === null && hasRates(p)).map((p) => point(p.shareRate, p.saveRate, `${letter}${p.index}`));
    return dataset(`Creator ${letter}`, CREATOR_COLOURS[i % CREATOR_COLOURS.length] as string, points);
  });
  return scatter(datasets, report.pooledMedians);
}

/** The baseline's split posts in grey, the placed post highlighted and labelled "P". */
export function buildPlacementChartConfig(p: PostPlacement): ChartConfig {
  const baseline: ChartPoint[] = p.baseline.posts
    .filter((b): b is Rated => b.quadrant !== null && hasRates(b))
    .map((b) => point(b.shareRate, b.saveRate, b.index));
  const placed: ChartPoint[] = hasRates(p.post) ? [point(p.post.shareRate, p.post.saveRate, PLACED_POST_LABEL)] : [];
  return scatter([dataset('Recent posts', BASELINE_COLOUR, baseline), dataset(`This post (${PLACED_POST_LABEL})`, PLACED_COLOUR, placed, 6)], p.baseline.medians);
}
