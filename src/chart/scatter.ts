/**
 * The scatter skeleton every quadrant chart shares: percentage axes that start at zero with room
 * around the points, the four quadrant areas tinted behind the points with their names inside the
 * plot, and labelled median lines. Pure functions of numbers we computed; no untrusted text.
 */
import { QUADRANT_NAMES } from '../quadrants/names';
import { QUADRANT_IDS, type QuadrantId } from '../quadrants/types';
import { LABEL_SIZE, MEDIAN_COLOUR, POINT_RADIUS, QUADRANT_COLOURS, QUADRANT_TINTS, TEXT_SIZE } from './theme';
import type { ChartAnnotation, ChartAxis, ChartConfig, ChartDataset, ChartFont } from './types';

export const SHARE_AXIS_TITLE = 'Share rate (% of views)';
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

function axis(title: string, max: number): ChartAxis {
  return {
    min: axisMin(max),
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
      label: { display: true, content: QUADRANT_NAMES[q], position: { ...CORNERS[q] }, color: QUADRANT_COLOURS[q], font: { ...font(LABEL_SIZE, true) } },
    };
  }
  return out;
}

/** Rough width in pixels of `text` at the chart's text size (for placing labels beside lines). */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * TEXT_SIZE * 0.56) + 6;
}

/** A median line labelled with its value; `faint` draws last period's line. */
export function medianLine(axisId: 'x' | 'y', value: number, text: string, colour = MEDIAN_COLOUR, dash: [number, number] = [6, 4]): ChartAnnotation {
  return {
    type: 'line',
    scaleID: axisId,
    value,
    borderColor: colour,
    borderWidth: 2,
    borderDash: dash,
    label: {
      display: true,
      content: `${text} ${formatPct(value)}`,
      // Vertical line: at the bottom, just right of the line (the top corners hold quadrant
      // names); horizontal line: at the right end.
      position: axisId === 'x' ? 'end' : 'end',
      ...(axisId === 'x' ? { xAdjust: Math.round(labelWidth(`${text} ${formatPct(value)}`) / 2) + 4, yAdjust: -26 } : {}),
      backgroundColor: '#fffd',
      color: colour === MEDIAN_COLOUR ? MEDIAN_COLOUR : '#6c757d',
      font: { ...font() },
    },
  };
}

/**
 * The whole scatter config around `datasets`: axes sized to `values` (every x and y that must be
 * visible), the given annotations, no chart legend unless asked for (quadrant names are in the
 * plot), and post numbers drawn only by datasets that switch datalabels on.
 */
export function scatterConfig(
  datasets: ChartDataset[],
  extent: { xs: number[]; ys: number[] },
  annotations: Record<string, ChartAnnotation>,
  legend = false,
): ChartConfig {
  const x = axis(SHARE_AXIS_TITLE, axisMax(extent.xs));
  const y = axis(SAVE_AXIS_TITLE, axisMax(extent.ys));
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      layout: { padding: { right: 12 } },
      elements: { point: { radius: POINT_RADIUS, borderColor: '#fff', borderWidth: 1 } },
      scales: { x, y },
      plugins: {
        legend: legend
          ? { display: true, position: 'top', labels: { usePointStyle: true, boxWidth: 10, font: { ...font() }, color: '#212529' } }
          : { display: false },
        // Post numbers, bold, right of the dot, for every dataset that does not switch them off;
        // overlapping ones are hidden as a last resort.
        datalabels: { display: 'auto', align: 'right', offset: 4, color: '#212529', font: { ...font(LABEL_SIZE, true) } },
        // Everything sits behind the dots; only the median lines have a border.
        annotation: {
          common: { drawTime: 'beforeDatasetsDraw', borderWidth: 0 },
          annotations,
        },
      },
    },
  };
}
