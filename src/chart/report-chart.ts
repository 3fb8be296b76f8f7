/**
 * The report and digest charts. What a reader sees must be what the data says: the posts the
 * read-out names always carry their number; one or two far-out posts do not stretch the axes (they
 * are drawn at the edge with their value and an arrow); posts on the same spot are one larger dot
 * labelled with their count; on a digest, last period's typical post is a ring with an arrow to
 * this period's, labelled "last week" or "last month".
 */
import { QUADRANT_NAMES } from '../quadrants/names';
import { QUADRANT_IDS, type Medians, type QuadrantReport, type RatedPost } from '../quadrants/types';
import { edgeValue, farOutThreshold, mergedRadius, overlaps, PLOT, sameSpotGroups, toPixel, type Axes, type Box } from './geometry';
import { chooseLabels, LABEL_GAP, nameBoxes, namedPosts, type ChosenLabel, type LabelAlign, type LabelCandidate } from './labels';
import { axisMax, axisMin, font, formatPct, medianLine, pct, quadrantAreas, roundTo, scatterConfig } from './scatter';
import { POINT_RADIUS, PREVIOUS_MEDIAN_COLOUR, QUADRANT_COLOURS, TEXT_SIZE } from './theme';
import type { ChartAnnotation, ChartConfig, ChartDataset, Json } from './types';

/** A digest's cadence: the word last period's ring is labelled with. */
export type Cadence = 'weekly' | 'monthly';
export const PREVIOUS_LABELS: Record<Cadence, string> = { weekly: 'last week', monthly: 'last month' };

export type Rated = RatedPost & { shareRate: number; saveRate: number };

export function hasRates(p: RatedPost): p is Rated {
  return p.shareRate !== null && p.saveRate !== null;
}

export function mediansPct(m: Medians): { x: number; y: number } | null {
  return m.shareRate === null || m.saveRate === null ? null : { x: pct(m.shareRate), y: pct(m.saveRate) };
}

/** One dot as drawn: a post, a post at the axis edge, or several posts on one spot. */
interface Dot {
  /** The number the dot is known by (the first post's, for a merged dot). */
  index: number;
  quadrant: (typeof QUADRANT_IDS)[number];
  x: number;
  y: number;
  members: Rated[];
  /** Past the axis end: across (x), up (y). */
  out: { x: boolean; y: boolean };
  text?: string;
  sides?: LabelAlign[];
  radius?: number;
}

/** Axis ends that one or two far-out posts cannot stretch; `extra` (medians) always fits. */
export function robustAxes(xs: number[], ys: number[], extra: Array<{ x: number; y: number }>): Axes & { xCut: number | null; yCut: number | null } {
  const xCut = farOutThreshold(xs);
  const yCut = farOutThreshold(ys);
  const xMax = axisMax([...xs.filter((v) => xCut === null || v <= xCut), ...extra.map((e) => e.x)]);
  const yMax = axisMax([...ys.filter((v) => yCut === null || v <= yCut), ...extra.map((e) => e.y)]);
  return { xMin: axisMin(xMax), xMax, yMin: axisMin(yMax), yMax, xCut, yCut };
}

/** "31 posts", or "31 posts (1, 2, 3, 4…)" when the read-out names some of them. */
function countText(members: Rated[], named: readonly number[]): string {
  const mine = members.map((m) => m.index).filter((i) => named.includes(i));
  const list = mine.length === 0 ? '' : ` (${mine.slice(0, 4).join(', ')}${mine.length > 4 || members.length > mine.length ? '…' : ''})`;
  return `${members.length} posts${list}`;
}

function dotsOf(posts: Rated[], axes: ReturnType<typeof robustAxes>, named: readonly number[]): Dot[] {
  const out: Dot[] = [];
  const tidy: Dot[] = [];
  for (const p of posts) {
    const x = pct(p.shareRate);
    const y = pct(p.saveRate);
    const far = { x: axes.xCut !== null && x > axes.xCut, y: axes.yCut !== null && y > axes.yCut };
    const dot: Dot = { index: p.index, quadrant: p.quadrant!, x, y, members: [p], out: far };
    if (!far.x && !far.y) {
      tidy.push(dot);
      continue;
    }
    // At the edge, pointing the way it is off the chart, with its true value.
    const value = far.x ? formatPct(x) : formatPct(y);
    out.push({
      ...dot,
      x: far.x ? edgeValue(axes.xMin, axes.xMax) : x,
      y: far.y ? edgeValue(axes.yMin, axes.yMax) : y,
      text: `${p.index}: ${value} ${far.x ? '→' : '↑'}`,
      sides: far.x ? ['left', 'top', 'bottom'] : ['bottom', 'left', 'right'],
    });
  }
  for (const group of sameSpotGroups(tidy, axes, (d) => d.quadrant)) {
    const first = group[0]!;
    if (group.length === 1) out.push(first);
    else {
      const members = group.flatMap((d) => d.members);
      out.push({ ...first, members, text: countText(members, named), radius: mergedRadius(members.length) });
    }
  }
  return out;
}

/** One option for every point of a dataset, or the list when they differ (datalabels reads either). */
function perPoint<T extends Json>(values: T[]): T | T[] {
  return values.every((v) => v === values[0]) ? (values[0] as T) : values;
}

function datasetsOf(dots: Dot[], chosen: Map<number, ChosenLabel>, axes: Axes): ChartDataset[] {
  const out: ChartDataset[] = [];
  const at = (d: Dot) => ({ x: roundTo(d.x, axes.xMax), y: roundTo(d.y, axes.yMax) });
  for (const q of QUADRANT_IDS) {
    const base = { label: QUADRANT_NAMES[q], backgroundColor: QUADRANT_COLOURS[q] };
    const mine = dots.filter((d) => d.quadrant === q);
    // Plain dots; numbered dots (the ones the read-out names say `display: true`: always drawn;
    // the others fall back to the chart-wide 'auto': dropped if they would still collide); then
    // merged and edge dots, each with its own size.
    const single = mine.filter((d) => d.radius === undefined && !d.out.x && !d.out.y);
    const numbered = single.filter((d) => chosen.has(d.index));
    if (numbered.length > 0) {
      const display = perPoint(numbered.map((d): boolean | string => (chosen.get(d.index)!.forced ? true : 'auto')));
      const align = perPoint(numbered.map((d) => chosen.get(d.index)!.align));
      const offset = perPoint(numbered.map((d) => POINT_RADIUS + LABEL_GAP + chosen.get(d.index)!.extra));
      const options = { ...(display === 'auto' ? {} : { display }), ...(align === 'right' ? {} : { align }), ...(offset === POINT_RADIUS + LABEL_GAP ? {} : { offset }) };
      out.push({ ...base, data: numbered.map((d) => ({ ...at(d), label: String(d.index) })), ...(Object.keys(options).length > 0 ? { datalabels: options } : {}) });
    }
    const plain = single.filter((d) => !chosen.has(d.index));
    if (plain.length > 0) out.push({ ...base, data: plain.map(at), datalabels: { display: false } });
    for (const d of mine.filter((m) => m.radius !== undefined || m.out.x || m.out.y)) {
      const radius = d.radius ?? POINT_RADIUS + 2;
      const label = chosen.get(d.index);
      const edge = d.out.x || d.out.y ? { pointStyle: 'triangle', rotation: d.out.x ? 90 : 0 } : {};
      out.push({
        ...base,
        ...edge,
        pointRadius: radius,
        data: [{ ...at(d), label: d.text ?? String(d.index) }],
        datalabels: label ? { ...(label.forced ? { display: true } : {}), align: label.align, offset: radius + LABEL_GAP + label.extra } : { display: false },
      });
    }
  }
  return out;
}

/** Where a note beside a ring goes, per side: its anchor on the note and the shift away from the ring. */
const NOTE_SIDES: Record<LabelAlign, Record<string, Json>> = {
  right: { position: { x: 'start', y: 'center' }, xAdjust: 13 },
  left: { position: { x: 'end', y: 'center' }, xAdjust: -13 },
  top: { position: { x: 'center', y: 'end' }, yAdjust: -13 },
  bottom: { position: { x: 'center', y: 'start' }, yAdjust: 13 },
};

/**
 * Last period's typical post as a ring, an arrow to this period's, and the cadence's word beside
 * the ring on the first side that is clear of `taken` (labels, dots and names already placed).
 */
function drift(prev: { x: number; y: number }, now: { x: number; y: number }, axes: Axes, cadence: Cadence, taken: Box[]): Record<string, ChartAnnotation> {
  const p = { x: roundTo(prev.x, axes.xMax), y: roundTo(prev.y, axes.yMax) };
  const a = toPixel(axes, prev.x, prev.y);
  const b = toPixel(axes, now.x, now.y);
  const text = PREVIOUS_LABELS[cadence];
  const w = text.length * TEXT_SIZE * 0.6 + 8;
  const h = TEXT_SIZE * 1.2 + 8;
  const boxes: Record<LabelAlign, Box> = {
    right: { left: a.x + 13, right: a.x + 13 + w, top: a.y - h / 2, bottom: a.y + h / 2 },
    left: { left: a.x - 13 - w, right: a.x - 13, top: a.y - h / 2, bottom: a.y + h / 2 },
    top: { left: a.x - w / 2, right: a.x + w / 2, top: a.y - 13 - h, bottom: a.y - 13 },
    bottom: { left: a.x - w / 2, right: a.x + w / 2, top: a.y + 13, bottom: a.y + 13 + h },
  };
  const fits = (box: Box) => box.left >= PLOT.left && box.right <= PLOT.right && box.top >= PLOT.top && box.bottom <= PLOT.bottom;
  const sides = (Object.keys(boxes) as LabelAlign[]).map((side) => ({ side, n: (fits(boxes[side]) ? 0 : 100) + taken.filter((t) => overlaps(boxes[side], t)).length }));
  const side = sides.sort((x, y) => x.n - y.n)[0]!.side;
  const colour = PREVIOUS_MEDIAN_COLOUR;
  const notes: Record<string, ChartAnnotation> = {
    prevRing: { type: 'point', drawTime: 'afterDatasetsDraw', xValue: p.x, yValue: p.y, radius: 9, borderWidth: 3, borderColor: colour, backgroundColor: '#fff0' },
    prevLabel: { type: 'label', drawTime: 'afterDatasetsDraw', xValue: p.x, yValue: p.y, ...NOTE_SIDES[side], content: text, backgroundColor: '#fffd', padding: 3, color: '#495057', font: { ...font(TEXT_SIZE, true) } },
  };
  // No arrow when the typical post has not moved enough to draw one.
  if (Math.hypot(a.x - b.x, a.y - b.y) > 24) {
    notes.prevArrow = {
      type: 'line',
      drawTime: 'afterDatasetsDraw',
      xMin: p.x,
      yMin: p.y,
      xMax: roundTo(now.x, axes.xMax),
      yMax: roundTo(now.y, axes.yMax),
      borderColor: colour,
      borderWidth: 2,
      arrowHeads: { end: { display: true, length: 9, width: 5, fill: true } },
    };
  }
  return notes;
}

/** The report chart, with last period's typical post when `previous` is given (digests). */
export function reportChart(report: QuadrantReport, previous: Medians | null, cadence: Cadence = 'monthly'): ChartConfig | null {
  const posts = report.posts.filter((p): p is Rated => p.quadrant !== null && hasRates(p));
  const m = mediansPct(report.medians);
  if (posts.length === 0 || m === null) return null;
  const prev = previous ? mediansPct(previous) : null;
  const axes = robustAxes(posts.map((p) => pct(p.shareRate)), posts.map((p) => pct(p.saveRate)), [m, ...(prev ? [prev] : [])]);
  const onChart = new Set(posts.map((p) => p.index));
  const named = namedPosts(report).filter((i) => onChart.has(i));
  const dots = dotsOf(posts, axes, named);
  // A named post inside a merged dot is named by that dot's label; an edge dot always says what
  // it is; a merged dot says its count wherever there is room.
  const holder = (i: number) => dots.find((d) => d.members.some((p) => p.index === i))!.index;
  const first = [...new Set([...named.map(holder), ...dots.filter((d) => d.out.x || d.out.y).map((d) => d.index)])];
  const candidates: LabelCandidate[] = dots.map((d) => ({
    index: d.index,
    x: d.x,
    y: d.y,
    ...(d.text ? { text: d.text, priority: true } : {}),
    ...(d.sides ? { sides: d.sides } : {}),
    ...(d.radius ? { radius: d.radius } : {}),
  }));
  // Last period's ring is a dot to keep numbers off; its word goes where the numbers left room.
  const ring = prev ? toPixel(axes, prev.x, prev.y) : null;
  const chosen = chooseLabels(candidates, axes, m, first, ring ? [{ left: ring.x - 11, right: ring.x + 11, top: ring.y - 11, bottom: ring.y + 11 }] : []);
  const dotBoxes = dots.map((d) => {
    const at = toPixel(axes, d.x, d.y);
    const r = d.radius ?? POINT_RADIUS;
    return { left: at.x - r, right: at.x + r, top: at.y - r, bottom: at.y + r };
  });
  const trend = prev ? drift(prev, m, axes, cadence, [...[...chosen.values()].map((c) => c.box), ...dotBoxes, ...nameBoxes()]) : null;
  const mx = roundTo(m.x, axes.xMax);
  const my = roundTo(m.y, axes.yMax);
  const annotations: Record<string, ChartAnnotation> = {
    ...quadrantAreas(mx, my),
    ...medianLine('x', mx),
    ...medianLine('y', my),
    ...(trend ?? {}),
  };
  return scatterConfig(datasetsOf(dots, chosen, axes), axes, annotations);
}
