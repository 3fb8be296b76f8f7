/**
 * Honest geometry for scatter charts, decided before drawing (the config is JSON, so nothing can
 * be measured at draw time): where a value lands in pixels, roughly; an axis end that one or two
 * far-out posts cannot stretch; and which posts sit on the same spot and are drawn as one dot.
 */
import { CHART_HEIGHT, CHART_WIDTH, POINT_RADIUS } from './theme';

/** Extra room around the plot: the median tags sit in the top and right margins (see medianLine). */
export const PLOT_PADDING = { top: 30, right: 58 } as const;

/**
 * The plot area inside the chart, roughly (room for tick labels, axis titles and the median tags).
 * Measured from the local renderer; the geometry tests check the drawn labels, not this estimate.
 */
export const PLOT = { left: 66, right: CHART_WIDTH - PLOT_PADDING.right, top: PLOT_PADDING.top, bottom: CHART_HEIGHT - 56 } as const;

export interface Axes {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Where a point (percentages) lands in CSS pixels, estimated from PLOT. */
export function toPixel(axes: Axes, x: number, y: number): { x: number; y: number } {
  return {
    x: PLOT.left + ((x - axes.xMin) / (axes.xMax - axes.xMin)) * (PLOT.right - PLOT.left),
    y: PLOT.bottom - ((y - axes.yMin) / (axes.yMax - axes.yMin)) * (PLOT.bottom - PLOT.top),
  };
}

/** A far-out value must be this many times the next one down before the axis stops at the rest. */
const FAR_OUT = 2.5;
/** Fewer posts than this and nothing is called an outlier. */
const MIN_POSTS_FOR_OUTLIERS = 5;

/**
 * How many of `values` (one per post) are so far out that the axis should end at the others: the
 * largest one or two, when it is FAR_OUT times the next largest. 0 when the values are tidy.
 */
export function farOutCount(values: readonly number[]): number {
  if (values.length < MIN_POSTS_FOR_OUTLIERS) return 0;
  const v = [...values].sort((a, b) => b - a);
  for (const k of [1, 2]) {
    const next = v[k] as number;
    if (next > 0 && (v[k - 1] as number) > FAR_OUT * next) return k;
  }
  return 0;
}

/** The threshold above which a value is drawn at the axis edge, or null when none is. */
export function farOutThreshold(values: readonly number[]): number | null {
  const k = farOutCount(values);
  if (k === 0) return null;
  return [...values].sort((a, b) => b - a)[k] as number;
}

/** Where a capped post is drawn: just inside the axis end, its whole marker in the plot. */
export function edgeValue(min: number, max: number): number {
  return max - (max - min) * 0.035;
}

/** Two posts closer than this many pixels (both ways) are one dot to a reader. */
const SAME_SPOT_PX = 3;

/**
 * Groups of posts drawn on the same spot: `key` keeps groups apart that must stay apart (e.g. the
 * quadrant); each group lists its members in the order given.
 */
export function sameSpotGroups<T extends { x: number; y: number }>(points: readonly T[], axes: Axes, key: (p: T) => string): T[][] {
  const groups: Array<{ at: { x: number; y: number }; key: string; members: T[] }> = [];
  for (const p of points) {
    const at = toPixel(axes, p.x, p.y);
    const k = key(p);
    const g = groups.find((o) => o.key === k && Math.abs(o.at.x - at.x) < SAME_SPOT_PX && Math.abs(o.at.y - at.y) < SAME_SPOT_PX);
    if (g) g.members.push(p);
    else groups.push({ at, key: k, members: [p] });
  }
  return groups.map((g) => g.members);
}

/** The radius of a dot standing for `count` posts: its area grows with the count, up to a cap. */
export function mergedRadius(count: number): number {
  return Math.min(POINT_RADIUS * 2.6, Math.round(POINT_RADIUS * Math.sqrt(1 + (count - 1) * 0.25)));
}
