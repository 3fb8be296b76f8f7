/**
 * What gets drawn: Chart.js 4 configs for a report, a digest, a comparison and a post placement.
 * Pure functions of the report model, exported so tests can inspect exactly what would be drawn.
 *
 * No untrusted text ever enters a config: post titles never do; point labels are post numbers,
 * counts and our own percentages; creator names are handles that passed the TikTok handle
 * whitelist (./handles.ts). No functions either: the config is JSON, so the same object goes to
 * QuickChart and to the local renderer.
 */
import type { CompareReport, Medians, PostPlacement, QuadrantReport } from '../quadrants/types';
import { chartCreatorName } from './handles';
import { chooseLabels, type LabelAlign } from './labels';
import { edgeValue } from './geometry';
import { hasRates, mediansPct, reportChart, robustAxes, type Cadence, type Rated } from './report-chart';
import { font, formatPct, medianLine, pct, quadrantAreas, roundTo, scatterConfig } from './scatter';
import { BASELINE_COLOUR, CREATOR_COLOURS, CREATOR_SHAPES, LABEL_SIZE, PLACED_COLOUR, PLACED_RADIUS, POINT_RADIUS } from './theme';
import type { ChartAnnotation, ChartConfig, ChartDataset, ChartPoint } from './types';

export type { ChartConfig, ChartDataset, ChartPoint } from './types';
export { SAVE_AXIS_TITLE, SHARE_AXIS_TITLE } from './scatter';
export { BASELINE_COLOUR, PLACED_COLOUR, QUADRANT_COLOURS } from './theme';
export { QUADRANT_NAMES } from '../quadrants/names';
export { buildCompareMixChartConfig } from './mix';
export { PREVIOUS_LABELS, type Cadence } from './report-chart';

/** Label drawn next to the placed post on a placement chart (the read-out uses the same letter). */
export const PLACED_POST_LABEL = 'P';

/**
 * The report chart: one colour per quadrant over tinted quadrant areas named in the plot, median
 * values as tags in the margin, post numbers on the posts the read-out names and on the outliers.
 * Null when no post could be split (nothing to draw).
 */
export function buildChartConfig(report: QuadrantReport): ChartConfig | null {
  return reportChart(report, null);
}

/**
 * The digest chart: this period's report chart plus last period's typical post (its medians) as a
 * ring with an arrow to this period's, labelled by the cadence ("last week", "last month").
 * `previousMedians` null: no earlier digest, and the chart is the report chart.
 */
export function buildDigestChartConfig(report: QuadrantReport, previousMedians: Medians | null, cadence: Cadence = 'monthly'): ChartConfig | null {
  return reportChart(report, previousMedians, cadence);
}

/**
 * Compare chart: one dataset per creator (legend: validated handles, own colour and shape, each
 * outlined in its own colour so none is white), the pooled median lines and quadrant areas, and
 * each creator's own median cross in its colour, drawn on top of every dot with a white halo.
 */
export function buildCompareChartConfig(report: CompareReport): ChartConfig | null {
  const pooled = mediansPct(report.pooledMedians);
  if (pooled === null) return null;
  const creators = report.creators.map(({ report: r }, i) => ({
    i,
    posts: r.posts.filter((p): p is Rated => p.excluded === null && hasRates(p)),
    own: mediansPct(r.medians),
    label: chartCreatorName(r.creator.username, i),
  }));
  const xs = [pooled.x, ...creators.flatMap((c) => [...c.posts.map((p) => pct(p.shareRate)), ...(c.own ? [c.own.x] : [])])];
  const ys = [pooled.y, ...creators.flatMap((c) => [...c.posts.map((p) => pct(p.saveRate)), ...(c.own ? [c.own.y] : [])])];
  // Every creator's every post stays in view: no axis cap on a comparison.
  const full = robustAxes([], [], xs.map((x, i) => ({ x, y: ys[i]! })));
  const colour = (i: number) => CREATOR_COLOURS[i % CREATOR_COLOURS.length] as string;
  const datasets: ChartDataset[] = creators.map((c) => {
    const shape = CREATOR_SHAPES[c.i % CREATOR_SHAPES.length] as string;
    return {
      label: c.label,
      data: c.posts.map((p) => ({ x: roundTo(pct(p.shareRate), full.xMax), y: roundTo(pct(p.saveRate), full.yMax) })),
      backgroundColor: colour(c.i),
      // A star is only an outline: it needs the creator's colour and some weight to be seen.
      borderColor: colour(c.i),
      ...(shape === 'star' ? { borderWidth: 2, pointRadius: 7 } : {}),
      pointStyle: shape,
      datalabels: { display: false },
    };
  });
  const crosses: Record<string, ChartAnnotation> = {};
  for (const c of creators) {
    if (!c.own) continue;
    // Shape and draw time are said once for every cross (elements.pointAnnotation below).
    const at = { xValue: roundTo(c.own.x, full.xMax), yValue: roundTo(c.own.y, full.yMax) };
    crosses[`halo${c.i}`] = { type: 'point', ...at, radius: 13, borderWidth: 9, borderColor: '#fff' };
    crosses[`median${c.i}`] = { type: 'point', ...at, radius: 12, borderWidth: 4, borderColor: colour(c.i) };
  }
  const px = roundTo(pooled.x, full.xMax);
  const py = roundTo(pooled.y, full.yMax);
  const annotations = { ...quadrantAreas(px, py), ...medianLine('x', px), ...medianLine('y', py), ...crosses };
  const config = scatterConfig(datasets, full, annotations, true);
  config.options.elements!.pointAnnotation = { pointStyle: 'cross', drawTime: 'afterDatasetsDraw' };
  return config;
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
  const posts = [placed, ...peers];
  // One or two far-out posts (the placed one included) are drawn at the axis edge with their value.
  const axes = robustAxes(posts.map((b) => pct(b.shareRate)), posts.map((b) => pct(b.saveRate)), [m]);
  const { xMax, yMax } = axes;
  const far = (b: Rated) => ({ x: axes.xCut !== null && pct(b.shareRate) > axes.xCut, y: axes.yCut !== null && pct(b.saveRate) > axes.yCut });
  const isFar = (b: Rated) => far(b).x || far(b).y;
  const at = (b: Rated) => ({
    x: far(b).x ? edgeValue(axes.xMin, xMax) : pct(b.shareRate),
    y: far(b).y ? edgeValue(axes.yMin, yMax) : pct(b.saveRate),
  });
  const text = (b: Rated, name: string) => (isFar(b) ? `${name}: ${far(b).x ? `${formatPct(pct(b.shareRate))} →` : `${formatPct(pct(b.saveRate))} ↑`}` : name);
  const placedAt = at(placed);
  const placedPoint = { x: roundTo(placedAt.x, xMax), y: roundTo(placedAt.y, yMax) };
  const placedText = text(placed, PLACED_POST_LABEL);
  const candidates = peers.map((b) => ({ index: b.index, ...at(b), ...(isFar(b) ? { text: text(b, String(b.index)) } : {}) }));
  // The read-out's advice names the first four recent posts of the placed post's quadrant (the
  // placed post itself, when it is one of them, is the marked point). The placed post's own label
  // box is claimed first, so no peer number can cover it. A far-out post always shows its value.
  const advised = p.baseline.posts.filter((b) => b.quadrant === placed.quadrant).map((b) => b.index).slice(0, 4);
  const first = [0, ...advised.filter((i) => peers.some((b) => b.index === i)), ...peers.filter(isFar).map((b) => b.index)];
  const placedCandidate = { index: 0, ...placedPoint, radius: PLACED_RADIUS, text: placedText, size: LABEL_SIZE + 2, sides: ['right', 'left', 'top', 'bottom'] as LabelAlign[] };
  const chosen = chooseLabels([placedCandidate, ...candidates], axes, m, first);
  const peer = (b: Rated, label: boolean): ChartPoint => ({
    x: roundTo(at(b).x, xMax),
    y: roundTo(at(b).y, yMax),
    ...(label ? { label: text(b, String(b.index)) } : {}),
  });
  const grey = { label: 'Recent posts', backgroundColor: BASELINE_COLOUR, order: 1 };
  const tidy = peers.filter((b) => !isFar(b));
  const numbered = (forced: boolean) => tidy.filter((b) => chosen.get(b.index)?.forced === forced);
  const perPoint = <T extends string | number>(values: T[]): T | T[] => (values.every((v) => v === values[0]) ? values[0]! : values);
  const alignOf = (set: Rated[]) => perPoint(set.map((b) => chosen.get(b.index)!.align));
  const offsetOf = (set: Rated[], r = POINT_RADIUS) => perPoint(set.map((b) => r + chosen.get(b.index)!.extra));
  const outliers = peers.filter(isFar);
  const all: ChartDataset[] = [
    {
      label: `This post (${PLACED_POST_LABEL})`,
      data: [{ ...placedPoint, label: placedText }],
      backgroundColor: PLACED_COLOUR,
      borderColor: '#fff',
      borderWidth: 2,
      pointRadius: PLACED_RADIUS,
      pointStyle: isFar(placed) ? 'triangle' : 'rectRot',
      ...(far(placed).x ? { rotation: 90 } : {}),
      // Lowest order is drawn last, on top of every grey dot.
      order: 0,
      datalabels: { display: true, align: chosen.get(0)!.align, offset: PLACED_RADIUS + chosen.get(0)!.extra, color: PLACED_COLOUR, font: { ...font(LABEL_SIZE + 2, true) } },
    },
    { ...grey, data: numbered(true).map((b) => peer(b, true)), datalabels: { display: true, align: alignOf(numbered(true)), offset: offsetOf(numbered(true)) } },
    { ...grey, data: numbered(false).map((b) => peer(b, true)), ...(alignOf(numbered(false)) === 'right' ? {} : { datalabels: { align: alignOf(numbered(false)) } }) },
    { ...grey, data: tidy.filter((b) => !chosen.has(b.index)).map((b) => peer(b, false)), datalabels: { display: false } },
    // Far-out recent posts: triangles at the edge pointing the way they are off the chart.
    ...outliers.map((b) => ({ ...grey, pointStyle: 'triangle', ...(far(b).x ? { rotation: 90 } : {}), pointRadius: POINT_RADIUS + 2, data: [peer(b, true)], datalabels: { display: true, align: chosen.get(b.index)!.align, offset: offsetOf([b], POINT_RADIUS + 2) } })),
  ];
  const datasets = all.filter((d) => d.data.length > 0);
  const mx = roundTo(m.x, xMax);
  const my = roundTo(m.y, yMax);
  const annotations = { ...quadrantAreas(mx, my), ...medianLine('x', mx), ...medianLine('y', my) };
  return scatterConfig(datasets, axes, annotations);
}
