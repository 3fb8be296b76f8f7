/**
 * The scatter skeleton every quadrant chart shares: percentage axes that start at zero with room
 * around the points, the four quadrant areas tinted behind the points with their names inside the
 * plot, and labelled median lines. Pure functions of numbers we computed; no untrusted text.
 */
import { QUADRANT_NAMES } from '../quadrants/names';
import { QUADRANT_IDS, type QuadrantId } from '../quadrants/types';
import { LABEL_SIZE, MEDIAN_COLOUR, POINT_RADIUS, QUADRANT_COLOURS, QUADRANT_TINTS, TEXT_SIZE } from './theme';
import { PLOT_PADDING, type Axes } from './geometry';
import { LABEL_GAP, LABEL_PADDING } from './labels';
import type { ChartAnnotation, ChartAxis, ChartConfig, ChartDataset, ChartFont } from './types';

export const SHARE_AXIS_TITLE = 'Share rate (% of views) · dashed = median';
export const SAVE_AXIS_TITLE = 'Save rate (% of views)';

/**
 * A font at `size`. The family is not written into configs: QuickChart draws with its own
 * sans-serif, and the local renderer makes FONT_FAMILY its default.
 */
export function font(size = TEXT_SIZE, bold = false): ChartFont {
  return bold ? { size, weight: 'bold' } : { size };
}

/** A rate (fraction) as a percentage; 0 for anything not a positive finite number. */
export function pct(rate: number): number {
  return Number.isFinite(rate) && rate > 0 ? rate * 100 : 0;
}

/** `value` rounded to 3 significant digits of `scale` (keeps URLs short, every dot within a pixel). */
export function roundTo(value: number, scale: number): number {
  if (!(scale > 0)) return value;
  const decimals = Math.min(8, Math.max(0, 2 - Math.floor(Math.log10(scale))));
  return Number(value.toFixed(decimals));
}

/** A readable percentage for labels: "0.41%", "3.6%", "12%". */
export function formatPct(value: number): string {
  const digits = value >= 10 ? 0 : value >= 1 ? 1 : 2;
  return `${value.toFixed(digits)}%`;
}

/** The axis end: 15% past the largest value, rounded up to a nice step, so no dot touches the frame. */
export function axisMax(values: readonly number[]): number {
  const top = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (top === 0) return 1;
  const raw = top * 1.15;
  const step = 10 ** Math.floor(Math.log10(raw / 4));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * step).find((s) => raw / s <= 6) ?? 10 * step;
  return Number((Math.ceil(raw / nice) * nice).toPrecision(6));
}

/**
 * The axis start: a little below zero so a post with no shares (x = 0) is drawn whole inside the
 * frame; ticks still start at 0 (`includeBounds: false`), so the axis reads "from zero".
 */
export function axisMin(max: number): number {
  return -Number((max * 0.04).toPrecision(2));
}

function axis(title: string, min: number, max: number): ChartAxis {
  return {
    min,
    max,
    title: { display: true, text: title, font: font(TEXT_SIZE, true) },
    ticks: { font: font(), includeBounds: false, maxTicksLimit: 6, format: { style: 'unit', unit: 'percent', maximumFractionDigits: 2 } },
  };
}

/** Where each quadrant's name sits: the plot's outer corner of that quadrant. */
const CORNERS: Record<QuadrantId, { x: 'start' | 'end'; y: 'start' | 'end' }> = {
  'viral-evergreen': { x: 'end', y: 'start' },
  'niche-reference': { x: 'start', y: 'start' },
  'viral-disposable': { x: 'end', y: 'end' },
  dead: { x: 'start', y: 'end' },
};

/** The four tinted quadrant areas, split at the medians, each with its name inside the plot. */
export function quadrantAreas(shareMedian: number, saveMedian: number): Record<string, ChartAnnotation> {
  const out: Record<string, ChartAnnotation> = {};
  for (const q of Object.keys(CORNERS) as QuadrantId[]) {
    const right = q === 'viral-evergreen' || q === 'viral-disposable';
    const top = q === 'viral-evergreen' || q === 'niche-reference';
    out[`q${QUADRANT_IDS.indexOf(q)}`] = {
      type: 'box',
      // A missing bound is the edge of the plot.
      ...(right ? { xMin: shareMedian } : { xMax: shareMedian }),
      ...(top ? { yMin: saveMedian } : { yMax: saveMedian }),
      backgroundColor: QUADRANT_TINTS[q],
      // Drawn after the dots (see scatterConfig): no dot hides a name.
      label: { content: QUADRANT_NAMES[q], position: { ...CORNERS[q] }, color: QUADRANT_COLOURS[q] },
    };
  }
  return out;
}

/** Rough width in pixels of a tag's text (bold, TEXT_SIZE): digits, the point and the percent sign. */
export function tagTextWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch === '.' ? 0.3 : ch === '%' ? 0.9 : 0.62;
  return Math.ceil(w * TEXT_SIZE);
}

/** Inner space of a median tag; its text height at TEXT_SIZE is about 1.2 × the size. */
const TAG_PADDING = 3;

/**
 * A median line (behind the dots) with its value as a tag in the margin at the line's end: above
 * the plot for the share median, right of it for the save median. The tag is a line label (dark,
 * white text by default), drawn after the dots (scatterConfig's `elements.lineAnnotation`) and outside the
 * plot, so no dot or number can cover it. Line labels are kept inside the plot first, then moved
 * by the adjust: hence the offsets.
 */
export function medianLine(axisId: 'x' | 'y', value: number): Record<string, ChartAnnotation> {
  const content = formatPct(value);
  const height = Math.round(TEXT_SIZE * 1.2) + 2 * TAG_PADDING;
  const adjust: Record<string, number> = axisId === 'x' ? { yAdjust: -(height + TAG_PADDING + 3) } : { xAdjust: tagTextWidth(content) + 3 * TAG_PADDING + 4 };
  return {
    [axisId === 'x' ? 'medianX' : 'medianY']: {
      type: 'line',
      scaleID: axisId,
      value,
      borderColor: MEDIAN_COLOUR,
      borderWidth: 2,
      borderDash: [6, 4],
      label: { content, position: axisId === 'x' ? 'start' : 'end', ...adjust},
    },
  };
}

/**
 * The whole scatter config around `datasets`: the given axis ends, the given annotations, no chart
 * legend unless asked for (quadrant names are in the plot), room in the top and right margins for
 * the median tags, and post numbers drawn only by datasets that switch datalabels on.
 */
export function scatterConfig(datasets: ChartDataset[], axes: Axes, annotations: Record<string, ChartAnnotation>, legend = false): ChartConfig {
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      layout: { padding: { top: PLOT_PADDING.top, right: PLOT_PADDING.right } },
      // Said once for every label of a kind (element options come before the plugin's defaults):
      // quadrant names and median tags are drawn after the dots, so no dot hides them.
      elements: {
        point: { radius: POINT_RADIUS, borderColor: '#fff', borderWidth: 1 },
        boxAnnotation: { label: { display: true, drawTime: 'afterDatasetsDraw', font: { ...font(LABEL_SIZE, true) } } },
        lineAnnotation: { label: { display: true, drawTime: 'afterDatasetsDraw', font: { ...font(TEXT_SIZE, true) }, padding: TAG_PADDING } },
      },
      scales: { x: axis(SHARE_AXIS_TITLE, axes.xMin, axes.xMax), y: axis(SAVE_AXIS_TITLE, axes.yMin, axes.yMax) },
      plugins: {
        legend: legend
          ? { display: true, position: 'bottom', labels: { usePointStyle: true, boxWidth: 10, font: { ...font() }, color: '#212529' } }
          : { display: false },
        // Post numbers, bold, beside the dot. Datasets of unnumbered dots switch them off; the
        // posts the read-out names say `display: true` (always drawn); others are dropped if they
        // would still collide ('auto').
        datalabels: { align: 'right', offset: POINT_RADIUS + LABEL_GAP, padding: LABEL_PADDING, color: '#212529', font: { ...font(LABEL_SIZE, true) } },
        // Areas and lines sit behind the dots, their labels (quadrant names, median tags) in front
        // of them; only lines have a border. Not clipped to the plot: the tags sit in the margin.
        annotation: {
          clip: false,
          common: { drawTime: 'beforeDatasetsDraw', borderWidth: 0 },
          annotations,
        },
      },
    },
  };
}
