/**
 * Building blocks for the QuickChart configs: a Chart.js 2 scatter skeleton, dashed median lines
 * (chartjs-plugin-annotation 0.5.x syntax) and compact, rounded points.
 *
 * Why Chart.js 2: it is QuickChart's default, and the self-hosted server only runs the annotation
 * and datalabels plugins with Chart.js 2.
 *
 * Why no functions anywhere: configs are serialised with JSON.stringify (QuickChart evaluates the
 * config as JavaScript, so a string config with no code in it is the only safe shape). Chart.js 2
 * has no tick-suffix option without a callback, so every rate is plotted already multiplied by
 * 100 (a percentage) and the chart title says the unit ("% of views"); the axis titles stay
 * exactly "Share rate (shares / views)" and "Save rate (saves / views)".
 *
 * No untrusted text (titles, usernames) ever enters a config: labels are post numbers and
 * creator letters, dataset names are our own words.
 */
import type { Medians, QuadrantId } from '../quadrants/types';

/**
 * A point: rates in percent, and its label. The label travels as `r`: chartjs-plugin-datalabels
 * shows `value.label ?? value.r` by default and a Chart.js 2 scatter ignores `r` (only bubble
 * charts size points by it); `r` with a bare number is the shortest way to carry "3" per point,
 * which is what keeps 35 labelled posts under 2,000 URL characters.
 */
export interface ChartPoint {
  x: number;
  y: number;
  r: number | string;
}

export interface ChartDataset {
  label: string;
  data: ChartPoint[];
  backgroundColor: string;
  pointRadius?: number;
}

export interface MedianLine {
  type: 'line';
  mode: 'vertical' | 'horizontal';
  scaleID: 'x-axis-0' | 'y-axis-0';
  value: number;
  borderColor: string;
  borderDash: [number, number];
}

export interface ChartAxis {
  /** Explicit ids: Chart.js 2 scatter defaults would be x-axis-1/y-axis-1; the median lines refer to these. */
  id: 'x-axis-0' | 'y-axis-0';
  scaleLabel: { display: true; labelString: string };
}

/**
 * The subset of a Chart.js 2 scatter config this project draws. Plain data: JSON in, JSON out.
 * The legend is Chart.js 2's default (shown, on top).
 */
export interface ChartConfig {
  type: 'scatter';
  data: { datasets: ChartDataset[] };
  options: {
    title: { display: true; text: string };
    scales: { xAxes: [ChartAxis]; yAxes: [ChartAxis] };
    annotation: { annotations: MedianLine[] };
    plugins: {
      /** Setting it at all makes QuickChart leave datalabels on (its default is off for scatter). */
      datalabels: { align: 'right' };
      /**
       * QuickChart adds chartjs-plugin-colorschemes to scatter charts, which would repaint every
       * point (it fills pointBackgroundColor). An unknown scheme name turns it into a no-op.
       */
      colorschemes: { scheme: 'off' };
    };
  };
}

export const SHARE_AXIS_TITLE = 'Share rate (shares / views)';
export const SAVE_AXIS_TITLE = 'Save rate (saves / views)';
/** Chart title: the unit of both axes (ticks are percentages, see the file comment). */
export const CHART_TITLE = '% of views';

/** One colour per quadrant; 3-digit hex keeps the URL small. */
export const QUADRANT_COLOURS: Record<QuadrantId, string> = {
  'viral-evergreen': '#393',
  'niche-reference': '#27c',
  'viral-disposable': '#e80',
  dead: '#999',
};

export { QUADRANT_NAMES as QUADRANT_NAMES } from '../quadrants/names';

/** Colours for compared creators, in letter order (A, B, C, ...). */
export const CREATOR_COLOURS = ['#27c', '#e80', '#393', '#93c', '#c33', '#099'] as const;

/** A rate (fraction) as an unrounded percentage; 0 for anything not a positive finite number. */
export function pct(rate: number): number {
  return Number.isFinite(rate) && rate > 0 ? rate * 100 : 0;
}

/**
 * Decimals that give the largest value on an axis `digits` significant digits (digits 3: max
 * 2.87 -> 2 decimals, 12.3 -> 1, 0.456 -> 3). Rounding to the axis, not to each value, keeps
 * every point within a pixel or two of where it belongs while small values stay short.
 */
export function axisDecimals(max: number, digits = 3): number {
  if (!(max > 0) || !Number.isFinite(max)) return 0;
  return Math.min(8, Math.max(0, digits - 1 - Math.floor(Math.log10(max))));
}

function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/**
 * A copy of `config` with every x value and the vertical median rounded to `digits` significant
 * digits of the x axis's largest value (likewise y). The builders use 3; the URL builder drops
 * to 2 only when 3 would not fit in a URL.
 */
export function roundToAxes(config: ChartConfig, digits = 3): ChartConfig {
  const points = config.data.datasets.flatMap((d) => d.data);
  const lines = config.options.annotation.annotations;
  const lineMax = (mode: MedianLine['mode']) => Math.max(0, ...lines.filter((l) => l.mode === mode).map((l) => l.value));
  const dx = axisDecimals(Math.max(lineMax('vertical'), ...points.map((p) => p.x)), digits);
  const dy = axisDecimals(Math.max(lineMax('horizontal'), ...points.map((p) => p.y)), digits);
  return {
    ...config,
    data: { datasets: config.data.datasets.map((d) => ({ ...d, data: d.data.map((p) => ({ x: round(p.x, dx), y: round(p.y, dy), r: p.r })) })) },
    options: {
      ...config.options,
      annotation: { annotations: lines.map((l) => ({ ...l, value: round(l.value, l.mode === 'vertical' ? dx : dy) })) },
    },
  };
}

/** The creator letter used on compare charts and read-outs: 0 -> "A". */
export function creatorLetter(i: number): string {
  return String.fromCharCode(65 + (i % 26));
}

function axis(id: ChartAxis['id'], title: string): ChartAxis {
  return { id, scaleLabel: { display: true, labelString: title } };
}

function medianLine(mode: MedianLine['mode'], value: number): MedianLine {
  return { type: 'line', mode, scaleID: mode === 'vertical' ? 'x-axis-0' : 'y-axis-0', value, borderColor: 'gray', borderDash: [4, 4] };
}

export function dataset(label: string, colour: string, data: ChartPoint[], pointRadius?: number): ChartDataset {
  return { label, backgroundColor: colour, data, ...(pointRadius === undefined ? {} : { pointRadius }) };
}

/** Point for a post with both rates known (rounded later, per axis, by `scatter`). */
export function point(shareRate: number, saveRate: number, label: number | string): ChartPoint {
  return { x: pct(shareRate), y: pct(saveRate), r: label };
}

/**
 * The whole scatter config around the given datasets: a vertical line at the share median, a
 * horizontal one at the save median, every coordinate rounded to 3 significant digits of its axis.
 */
export function scatter(datasets: ChartDataset[], medians: Medians): ChartConfig {
  const lines: MedianLine[] = [];
  if (medians.shareRate !== null) lines.push(medianLine('vertical', pct(medians.shareRate)));
  if (medians.saveRate !== null) lines.push(medianLine('horizontal', pct(medians.saveRate)));
  return roundToAxes({
    type: 'scatter',
    data: { datasets },
    options: {
      title: { display: true, text: CHART_TITLE },
      scales: { xAxes: [axis('x-axis-0', SHARE_AXIS_TITLE)], yAxes: [axis('y-axis-0', SAVE_AXIS_TITLE)] },
      annotation: { annotations: lines },
      plugins: { datalabels: { align: 'right' }, colorschemes: { scheme: 'off' } },
    },
  });
}
