/**
 * What gets drawn: Chart.js 4 configs for a report, a digest, a comparison and a post placement.
 * Pure functions of the report model, exported so tests can inspect exactly what would be drawn.
 *
 * No untrusted text ever enters a config: post titles never do; point labels are post numbers;
 * creator names are handles that passed the TikTok handle whitelist (./handles.ts). No functions
 * either: the config is JSON, so the same object goes to QuickChart and to the local renderer.
 */
import { QUADRANT_NAMES } from '../quadrants/names';
import { QUADRANT_IDS, type CompareReport, type Medians, type PostPlacement, type QuadrantReport, type RatedPost } from '../quadrants/types';
import { creatorLabel } from './handles';
import { chooseLabels, namedPosts, type LabelCandidate } from './labels';
import { axisMax, axisMin, font, medianLine, pct, quadrantAreas, roundTo, scatterConfig } from './scatter';
import {
  BASELINE_COLOUR,
  CREATOR_COLOURS,
  CREATOR_SHAPES,
  LABEL_SIZE,
  PLACED_COLOUR,
  PLACED_RADIUS,
  POINT_RADIUS,
  PREVIOUS_MEDIAN_COLOUR,
  QUADRANT_COLOURS,
} from './theme';
import type { ChartAnnotation, ChartConfig, ChartDataset, ChartPoint } from './types';

export type { ChartConfig, ChartDataset, ChartPoint } from './types';
export { SAVE_AXIS_TITLE, SHARE_AXIS_TITLE } from './scatter';
export { BASELINE_COLOUR, PLACED_COLOUR, QUADRANT_COLOURS } from './theme';
export { QUADRANT_NAMES } from '../quadrants/names';
export { buildCompareMixChartConfig } from './mix';

/** Label drawn next to the placed post on a placement chart (the read-out uses the same letter). */
export const PLACED_POST_LABEL = 'P';
/** Label of last period's median lines on a digest chart. */
export const PREVIOUS_LABEL = 'last month';

type Rated = RatedPost & { shareRate: number; saveRate: number };

function hasRates(p: RatedPost): p is Rated {
  return p.shareRate !== null && p.saveRate !== null;
}

function splitPosts(report: QuadrantReport): Rated[] {
  return report.posts.filter((p): p is Rated => p.quadrant !== null && hasRates(p));
}

function quadrantDatasets(posts: Rated[], labelled: Set<number>, xMax: number, yMax: number): ChartDataset[] {
  const out: ChartDataset[] = [];
  for (const q of QUADRANT_IDS) {
    const mine = posts.filter((p) => p.quadrant === q);
    const point = (p: Rated, label: boolean): ChartPoint => ({
      x: roundTo(pct(p.shareRate), xMax),
      y: roundTo(pct(p.saveRate), yMax),
      ...(label ? { label: String(p.index) } : {}),
    });
    const base = { label: QUADRANT_NAMES[q], backgroundColor: QUADRANT_COLOURS[q] };
    // Numbered and plain dots are separate datasets: datalabels can only be switched per dataset
    // without a function, and an empty label would still block its neighbours.
    // The chart-wide datalabels options draw the numbers (see scatterConfig); plain dots switch them off.
    out.push({ ...base, data: mine.filter((p) => labelled.has(p.index)).map((p) => point(p, true)) });
    out.push({ ...base, data: mine.filter((p) => !labelled.has(p.index)).map((p) => point(p, false)), datalabels: { display: false } });
  }
  return out.filter((d) => d.data.length > 0);
}

function mediansPct(m: Medians): { x: number; y: number } | null {
  return m.shareRate === null || m.saveRate === null ? null : { x: pct(m.shareRate), y: pct(m.saveRate) };
}

/** The report chart, with extra median lines (e.g. last period's) when given. */
function reportChart(report: QuadrantReport, previous: Medians | null): ChartConfig | null {
  const posts = splitPosts(report);
  const m = mediansPct(report.medians);
  if (posts.length === 0 || m === null) return null;
  const prev = previous ? mediansPct(previous) : null;
  const xs = [...posts.map((p) => pct(p.shareRate)), m.x, ...(prev ? [prev.x] : [])];
  const ys = [...posts.map((p) => pct(p.saveRate)), m.y, ...(prev ? [prev.y] : [])];
  const xMax = axisMax(xs);
  const yMax = axisMax(ys);
  const candidates: LabelCandidate[] = posts.map((p) => ({ index: p.index, x: pct(p.shareRate), y: pct(p.saveRate) }));
  const first = [...namedPosts(report), ...posts.filter((p) => p.template).map((p) => p.index)];
  const labelled = chooseLabels(candidates, { xMin: axisMin(xMax), xMax, yMin: axisMin(yMax), yMax }, m, first);
  const annotations: Record<string, ChartAnnotation> = {
    ...quadrantAreas(roundTo(m.x, xMax), roundTo(m.y, yMax)),
    ...(prev
      ? {
          prevX: medianLine('x', roundTo(prev.x, xMax), PREVIOUS_LABEL, PREVIOUS_MEDIAN_COLOUR, [2, 4]),
          prevY: medianLine('y', roundTo(prev.y, yMax), PREVIOUS_LABEL, PREVIOUS_MEDIAN_COLOUR, [2, 4]),
        }
      : {}),
    medianX: medianLine('x', roundTo(m.x, xMax), 'median'),
    medianY: medianLine('y', roundTo(m.y, yMax), 'median'),
  };
  if (prev) {
    // Last period's labels go to the other end of their lines, clear of this period's labels.
    (annotations.prevX!.label as Record<string, unknown>).position = 'start';
    (annotations.prevX!.label as Record<string, unknown>).yAdjust = 26;
    (annotations.prevY!.label as Record<string, unknown>).position = 'start';
  }
  return scatterConfig(quadrantDatasets(posts, labelled, xMax, yMax), { xs, ys }, annotations);
}

/**
 * The report chart: one colour per quadrant over tinted quadrant areas named in the plot, median
 * lines labelled with their values, post numbers on the named posts and the outliers.
 * Null when no post could be split (nothing to draw).
 */
export function buildChartConfig(report: QuadrantReport): ChartConfig | null {
  return reportChart(report, null);
}

/**
 * The digest chart: this period's report chart plus last period's median lines, drawn faintly and
 * labelled "last month", so the drift is visible. `previousMedians` null: no earlier digest.
 */
export function buildDigestChartConfig(report: QuadrantReport, previousMedians: Medians | null): ChartConfig | null {
  return reportChart(report, previousMedians);
}

/**
 * Compare chart: one dataset per creator (legend: validated handles, own colour and shape), the
 * pooled median lines and quadrant areas, and each creator's own median cross in its colour.
 */
export function buildCompareChartConfig(report: CompareReport): ChartConfig | null {
  const pooled = mediansPct(report.pooledMedians);
  if (pooled === null) return null;
  const creators = report.creators.map(({ report: r }, i) => ({
    i,
    posts: r.posts.filter((p): p is Rated => p.excluded === null && hasRates(p)),
    own: mediansPct(r.medians),
    label: creatorLabel(r.creator.username, i),
  }));
  const xs = [pooled.x, ...creators.flatMap((c) => [...c.posts.map((p) => pct(p.shareRate)), ...(c.own ? [c.own.x] : [])])];
  const ys = [pooled.y, ...creators.flatMap((c) => [...c.posts.map((p) => pct(p.saveRate)), ...(c.own ? [c.own.y] : [])])];
  const xMax = axisMax(xs);
  const yMax = axisMax(ys);
  const colour = (i: number) => CREATOR_COLOURS[i % CREATOR_COLOURS.length] as string;
  const datasets: ChartDataset[] = creators.map((c) => ({
    label: c.label,
    data: c.posts.map((p) => ({ x: roundTo(pct(p.shareRate), xMax), y: roundTo(pct(p.saveRate), yMax) })),
    backgroundColor: colour(c.i),
    pointStyle: CREATOR_SHAPES[c.i % CREATOR_SHAPES.length] as string,
    datalabels: { display: false },
  }));
  const crosses: Record<string, ChartAnnotation> = {};
  for (const c of creators) {
    if (!c.own) continue;
    crosses[`median${c.i}`] = {
      type: 'point',
      xValue: roundTo(c.own.x, xMax),
      yValue: roundTo(c.own.y, yMax),
      pointStyle: 'cross',
      radius: 12,
      borderWidth: 4,
      borderColor: colour(c.i),
      backgroundColor: 'rgba(0,0,0,0)',
    };
  }
  const annotations = {
    ...quadrantAreas(roundTo(pooled.x, xMax), roundTo(pooled.y, yMax)),
    medianX: medianLine('x', roundTo(pooled.x, xMax), 'all'),
    medianY: medianLine('y', roundTo(pooled.y, yMax), 'all'),
    ...crosses,
  };
  return scatterConfig(datasets, { xs, ys }, annotations, true);
}

/**
 * Placement chart: the creator's other recent posts as grey dots, the placed post once, on top,
 * large and labelled, over the tinted quadrants of the recent medians. Null when the post cannot
 * be placed (no views, missing counters, or too few recent posts to split).
 */
export function buildPlacementChartConfig(p: PostPlacement): ChartConfig | null {
  const m = mediansPct(p.baseline.medians);
  if (p.post.quadrant === null || !hasRates(p.post) || m === null) return null;
  const placed = p.post;
  const peers = p.baseline.posts.filter((b): b is Rated => b.quadrant !== null && hasRates(b) && b.id !== placed.id);
  const xs = [pct(placed.shareRate), m.x, ...peers.map((b) => pct(b.shareRate))];
  const ys = [pct(placed.saveRate), m.y, ...peers.map((b) => pct(b.saveRate))];
  const xMax = axisMax(xs);
  const yMax = axisMax(ys);
  const placedPoint = { x: roundTo(pct(placed.shareRate), xMax), y: roundTo(pct(placed.saveRate), yMax) };
  const candidates = peers.map((b) => ({ index: b.index, x: pct(b.shareRate), y: pct(b.saveRate) }));
  // The placed post's own label box is claimed first, so no peer number can cover it.
  const labelled = chooseLabels([{ index: 0, x: placedPoint.x, y: placedPoint.y }, ...candidates], { xMin: axisMin(xMax), xMax, yMin: axisMin(yMax), yMax }, m, [0]);
  const peer = (b: Rated, label: boolean): ChartPoint => ({
    x: roundTo(pct(b.shareRate), xMax),
    y: roundTo(pct(b.saveRate), yMax),
    ...(label ? { label: String(b.index) } : {}),
  });
  const grey = { label: 'Recent posts', backgroundColor: BASELINE_COLOUR, order: 1 };
  const all: ChartDataset[] = [
    {
      label: `This post (${PLACED_POST_LABEL})`,
      data: [{ ...placedPoint, label: PLACED_POST_LABEL }],
      backgroundColor: PLACED_COLOUR,
      borderColor: '#fff',
      borderWidth: 2,
      pointRadius: PLACED_RADIUS,
      pointStyle: 'rectRot',
      // Lowest order is drawn last, on top of every grey dot.
      order: 0,
      datalabels: { display: true, align: 'right', anchor: 'center', offset: 8, color: PLACED_COLOUR, font: { ...font(LABEL_SIZE + 2, true) } },
    },
    { ...grey, data: peers.filter((b) => labelled.has(b.index)).map((b) => peer(b, true)) },
    { ...grey, data: peers.filter((b) => !labelled.has(b.index)).map((b) => peer(b, false)), datalabels: { display: false } },
  ];
  const datasets = all.filter((d) => d.data.length > 0);
  const annotations = {
    ...quadrantAreas(roundTo(m.x, xMax), roundTo(m.y, yMax)),
    medianX: medianLine('x', roundTo(m.x, xMax), 'median'),
    medianY: medianLine('y', roundTo(m.y, yMax), 'median'),
  };
  return scatterConfig(datasets, { xs, ys }, annotations);
}
