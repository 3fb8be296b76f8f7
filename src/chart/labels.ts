/**
 * Which dots carry their post number. At 35 posts, numbering every dot makes pairs of numbers
 * collide into unreadable clumps, so: the posts the read-out names (the headline's posts) come
 * first, then template posts, then the outliers (furthest from the median cross), then the rest
 * newest first; a label is kept only if its box, estimated in pixels on the chart, overlaps no
 * other label, no other dot and stays inside the plot. At most MAX_LABELS are kept. An unlabelled
 * dot is still traceable: its quadrant and both rates are in the breakdown.
 */
import type { QuadrantReport } from '../quadrants/types';
import { CHART_HEIGHT, CHART_WIDTH, LABEL_SIZE, POINT_RADIUS } from './theme';

/** Enough numbers to name every post a read-out talks about, few enough to stay readable. */
export const MAX_LABELS = 14;

export interface LabelCandidate {
  /** The post's number in the breakdown. */
  index: number;
  /** Percentages, as plotted. */
  x: number;
  y: number;
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The plot area inside a 480x400 chart, roughly: room for tick labels and axis titles. */
const PLOT = { left: 70, right: CHART_WIDTH - 14, top: 8, bottom: CHART_HEIGHT - 62 };

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Post numbers the read-out names: the headline's quadrant, first four posts, as in the advice text. */
export function namedPosts(report: QuadrantReport): number[] {
  const q = report.headline?.quadrant ?? null;
  if (q === null) return [];
  return report.posts.filter((p) => p.quadrant === q).map((p) => p.index).slice(0, 4);
}

/**
 * The post numbers to draw, from `candidates` (every dot on the chart), given the axis ends and
 * the median cross. `first` lists numbers that are always drawn (the posts the read-out names).
 */
export function chooseLabels(
  candidates: readonly LabelCandidate[],
  axes: { xMin: number; xMax: number; yMin: number; yMax: number },
  medians: { x: number; y: number },
  first: readonly number[] = [],
): Set<number> {
  const px = (x: number) => PLOT.left + ((x - axes.xMin) / (axes.xMax - axes.xMin)) * (PLOT.right - PLOT.left);
  const py = (y: number) => PLOT.bottom - ((y - axes.yMin) / (axes.yMax - axes.yMin)) * (PLOT.bottom - PLOT.top);
  const dots = candidates.map((c) => ({ c, cx: px(c.x), cy: py(c.y) }));
  const distance = (c: LabelCandidate) => Math.hypot((c.x - medians.x) / (axes.xMax || 1), (c.y - medians.y) / (axes.yMax || 1));
  const rank = (c: LabelCandidate): number => {
    const i = first.indexOf(c.index);
    return i >= 0 ? i : first.length;
  };
  const order = [...dots].sort((a, b) => rank(a.c) - rank(b.c) || distance(b.c) - distance(a.c) || a.c.index - b.c.index);

  const taken: Box[] = [];
  const chosen = new Set<number>();
  const charWidth = LABEL_SIZE * 0.62;
  for (const d of order) {
    if (chosen.size >= MAX_LABELS) break;
    // datalabels with align 'right', offset 4: the text starts just right of the dot.
    const width = String(d.c.index).length * charWidth + 4;
    const box: Box = { left: d.cx + POINT_RADIUS + 2, right: d.cx + POINT_RADIUS + 6 + width, top: d.cy - LABEL_SIZE / 2 - 1, bottom: d.cy + LABEL_SIZE / 2 + 1 };
    // Posts the read-out names are always numbered: the text points at them.
    if (first.includes(d.c.index)) {
      taken.push(box);
      chosen.add(d.c.index);
      continue;
    }
    if (box.right > PLOT.right) continue;
    const hitsDot = dots.some((o) => o !== d && overlaps(box, { left: o.cx - POINT_RADIUS, right: o.cx + POINT_RADIUS, top: o.cy - POINT_RADIUS, bottom: o.cy + POINT_RADIUS }));
    if (hitsDot || taken.some((t) => overlaps(box, t))) continue;
    taken.push(box);
    chosen.add(d.c.index);
  }
  return chosen;
}
