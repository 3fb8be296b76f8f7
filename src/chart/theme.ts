/**
 * How every chart looks: size, font, colours and tints. One place, so the QuickChart image and
 * the in-process image are drawn from the same numbers.
 *
 * Sizes are CSS pixels at a device pixel ratio of 2. The chart is 480 px wide so that, shown at
 * 360 px in a phone's chat column, 14 px text still reads as about 10.5 px; everything a reader
 * must read is at least 13 px on the chart.
 */
import type { QuadrantId } from '../quadrants/types';

export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 400;
export const CHART_PIXEL_RATIO = 2;

/**
 * Font family for every text on the chart. The local renderer registers Inter from an npm package
 * (a slim container has no system fonts); QuickChart falls back to its own sans-serif.
 */
export const FONT_FAMILY = 'Inter';
/** Ticks, legend, median labels. */
export const TEXT_SIZE = 14;
/** Post numbers and quadrant names (bold). */
export const LABEL_SIZE = 14;
/** Smallest size any text on a chart may have. */
export const MIN_TEXT_SIZE = 13;

/** Point radius for a post; the placed post is drawn larger. */
export const POINT_RADIUS = 6;
export const PLACED_RADIUS = 10;

/** One colour per quadrant: points, names in the plot, the mix bars. */
export const QUADRANT_COLOURS: Record<QuadrantId, string> = {
  'viral-evergreen': '#2b9348',
  'niche-reference': '#1c6dd0',
  'viral-disposable': '#e8590c',
  dead: '#868e96',
};

/** The same colours at low opacity (8-digit hex, shorter than rgba()): the quadrant's area behind the points. */
export const QUADRANT_TINTS: Record<QuadrantId, string> = {
  'viral-evergreen': '#2b934821',
  'niche-reference': '#1c6dd01c',
  'viral-disposable': '#e8590c1c',
  dead: '#868e9621',
};

/**
 * Creator colours on compare charts, in order: chosen to differ from every quadrant colour
 * (no green, blue, orange or grey) and from each other; each creator also gets its own point shape.
 */
export const CREATOR_COLOURS = ['#7b2cbf', '#d6336c', '#212529', '#8d5524', '#c9a400'] as const;
export const CREATOR_SHAPES = ['circle', 'triangle', 'rect', 'rectRot', 'star'] as const;

/** Median lines and tags; last period's typical post (ring and arrow) on digest charts. */
export const MEDIAN_COLOUR = '#343a40';
export const PREVIOUS_MEDIAN_COLOUR = '#6c757d';
/** Recent posts on a placement chart, and the placed post. */
export const BASELINE_COLOUR = '#adb5bd';
export const PLACED_COLOUR = '#d6336c';
