/**
 * Which dots carry their post number, and on which side. At 35 posts, numbering every dot makes
 * pairs of numbers collide into unreadable clumps, so: the posts the read-out names come first and
 * are always numbered (on whichever side is free), then the outliers (furthest from the median
 * cross), then the rest newest first; any other label is kept only if its box, estimated in pixels
 * on the chart, overlaps no other label, no other dot, no quadrant name and stays inside the plot.
 * Named posts count towards MAX_LABELS; no other label is added past it. An unlabelled dot is still traceable: its quadrant and both
 * rates are in the breakdown.
 */
import { QUADRANT_NAMES } from '../quadrants/names';
import { QUADRANT_IDS, type QuadrantReport } from '../quadrants/types';
import { overlaps, PLOT, toPixel, type Axes, type Box } from './geometry';
import { LABEL_SIZE, POINT_RADIUS } from './theme';

/** Enough numbers to name every post a read-out talks about, few enough to stay readable. */
export const MAX_LABELS = 14;

/** Space between a dot's edge and its number's frame, and the frame's padding (datalabels). */
export const LABEL_GAP = 0;
export const LABEL_PADDING = 2;

export type LabelAlign = 'right' | 'left' | 'top' | 'bottom';
/** A side, or a direction in degrees clockwise from the right (datalabels reads either). */
export type LabelSide = LabelAlign | number;

const DEGREES: Record<LabelAlign, number> = { right: 0, bottom: 90, left: 180, top: 270 };
/** Where a named post's number may go, in order: the four sides, then the four corners. */
const ALL_SIDES: LabelSide[] = ['right', 'left', 'top', 'bottom', 315, 45, 225, 135];

export interface LabelCandidate {
  /** The post's number in the breakdown. */
  index: number;
  /** Percentages, as plotted. */
  x: number;
  y: number;
  /** The dot's radius in pixels (merged dots are larger). */
  radius?: number;
  /** The label's text, when it is not just the number. */
  text?: string;
  /** Sides to try, in order (default: right, then left; every side and corner for named posts). */
  sides?: LabelSide[];
  /** Font size of the label, when larger than LABEL_SIZE. */
  size?: number;
  /** Placed before ordinary labels (e.g. a merged dot's count), but only where it is clear. */
  priority?: boolean;
}

export interface ChosenLabel {
  align: LabelSide;
  /** Named by the read-out: drawn whatever it overlaps. */
  forced: boolean;
  /** Where the label is expected, in pixels. */
  box: Box;
  /** Extra distance from the dot, when the sides next to it were all taken (a named post). */
  extra: number;
}

/**
 * Post numbers the read-out names: the headline's posts (the first four of its quadrant, as the
 * advice text lists them) and every template post the template alert lists.
 */
export function namedPosts(report: QuadrantReport): number[] {
  const q = report.headline?.quadrant ?? null;
  const headline = q === null ? [] : report.posts.filter((p) => p.quadrant === q).map((p) => p.index).slice(0, 4);
  const templates = report.posts.filter((p) => report.flags.templates.includes(p.id)).map((p) => p.index);
  return [...new Set([...headline, ...templates])];
}

/**
 * The frame datalabels draws for `text` beside a dot at (cx, cy) with radius r: it moves the
 * frame's centre along the direction until the frame clears the anchor, then `offset` further.
 */
export function labelBox(cx: number, cy: number, r: number, text: string, side: LabelSide, size = LABEL_SIZE, extra = 0): Box {
  const w = text.length * size * 0.62 + 2 * LABEL_PADDING;
  const h = size * 1.2 + 2 * LABEL_PADDING;
  const off = r + LABEL_GAP + extra;
  const angle = ((typeof side === 'number' ? side : DEGREES[side]) * Math.PI) / 180;
  const vx = Math.round(Math.cos(angle) * 1e6) / 1e6;
  const vy = Math.round(Math.sin(angle) * 1e6) / 1e6;
  const s = 1 / Math.max(Math.abs(vx), Math.abs(vy));
  const x = cx + (w / 2) * vx * s + off * vx;
  const y = cy + (h / 2) * vy * s + off * vy;
  return { left: x - w / 2, right: x + w / 2, top: y - h / 2, bottom: y + h / 2 };
}

/** Where the four quadrant names are drawn (the plot's corners), roughly. */
export function nameBoxes(): Box[] {
  return QUADRANT_IDS.map((q) => {
    const w = QUADRANT_NAMES[q].length * LABEL_SIZE * 0.62 + 16;
    const right = q === 'viral-evergreen' || q === 'viral-disposable';
    const top = q === 'viral-evergreen' || q === 'niche-reference';
    return {
      left: right ? PLOT.right - w : PLOT.left,
      right: right ? PLOT.right : PLOT.left + w,
      top: top ? PLOT.top : PLOT.bottom - 30,
      bottom: top ? PLOT.top + 30 : PLOT.bottom,
    };
  });
}

function inside(b: Box): boolean {
  return b.left >= PLOT.left && b.right <= PLOT.right && b.top >= PLOT.top && b.bottom <= PLOT.bottom;
}

/**
 * The labels to draw, from `candidates` (every dot on the chart), given the axis ends and the
 * median cross. `first` lists numbers that are always drawn (the posts the read-out names); they
 * get the side that collides with least.
 */
export function chooseLabels(
  candidates: readonly LabelCandidate[],
  axes: Axes,
  medians: { x: number; y: number },
  first: readonly number[] = [],
  obstacles: readonly Box[] = [],
): Map<number, ChosenLabel> {
  const dots = candidates.map((c) => {
    const at = toPixel(axes, c.x, c.y);
    const r = c.radius ?? POINT_RADIUS;
    return { c, cx: at.x, cy: at.y, r, dot: { left: at.x - r, right: at.x + r, top: at.y - r, bottom: at.y + r } };
  });
  const distance = (c: LabelCandidate) => Math.hypot((c.x - medians.x) / (axes.xMax || 1), (c.y - medians.y) / (axes.yMax || 1));
  const rank = (c: LabelCandidate): number => {
    const i = first.indexOf(c.index);
    return i >= 0 ? i : first.length;
  };
  const pri = (c: LabelCandidate) => (c.priority ? 0 : 1);
  const order = [...dots].sort((a, b) => rank(a.c) - rank(b.c) || pri(a.c) - pri(b.c) || distance(b.c) - distance(a.c) || a.c.index - b.c.index);

  const taken: Box[] = [...nameBoxes(), ...obstacles];
  const chosen = new Map<number, ChosenLabel>();
  for (const d of order) {
    const forced = first.includes(d.c.index);
    if (!forced && chosen.size >= MAX_LABELS) continue;
    const text = d.c.text ?? String(d.c.index);
    const sides = d.c.sides ?? (forced || d.c.priority ? ALL_SIDES : ['right', 'left']);
    const clashes = (box: Box) =>
      (inside(box) ? 0 : 100) + dots.filter((o) => o !== d && overlaps(box, o.dot)).length + 10 * taken.filter((t) => overlaps(box, t)).length;
    // Next to the dot first; a named post with no free side tries a little further out.
    const tried = (forced ? [0, 10, 20] : [0]).flatMap((extra) =>
      sides.map((side) => ({ side, extra, box: labelBox(d.cx, d.cy, d.r, text, side, d.c.size, extra) })).map((t) => ({ ...t, n: clashes(t.box) + extra / 100 })),
    );
    const best = forced ? [...tried].sort((a, b) => a.n - b.n)[0] : tried.find((t) => t.n === 0);
    if (!best) continue;
    taken.push(best.box);
    chosen.set(d.c.index, { align: best.side, forced, box: best.box, extra: best.extra });
  }
  return chosen;
}
