/**
 * The in-process renderer: the same Chart.js 4 config QuickChart gets, drawn with chart.js,
 * chartjs-plugin-annotation and chartjs-plugin-datalabels (the plugins QuickChart bundles) on
 * @napi-rs/canvas (Skia; its binary ships inside an npm package, nothing is built or downloaded at
 * install time). Loaded only through a dynamic import from ./renderer.ts.
 *
 * Fonts: slim container images have no system fonts, so Inter (OFL) is registered from the
 * @expo-google-fonts/inter package, regular and bold, under the family name the configs use.
 */
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import { QuadrantsError } from '../errors';
import { CHART_HEIGHT, CHART_PIXEL_RATIO, CHART_WIDTH, FONT_FAMILY } from './theme';
import { drawnLabels, drawnPoints, type DrawnLabel, type DrawnPoint, type InspectableChart } from './inspect';
import type { ChartConfig } from './types';

export type { DrawnBox, DrawnLabel, DrawnPoint } from './inspect';

/** The few Chart.js shapes used here (chart.js ships ESM types, which a CommonJS build cannot import). */
interface DrawnChart extends InspectableChart {
  ctx: { save(): void; restore(): void; fillRect(x: number, y: number, w: number, h: number): void; fillStyle: unknown };
  width: number;
  height: number;
  chartArea: { left: number; right: number; top: number; bottom: number };
  scales: Record<string, { getPixelForValue(v: number): number }>;
  destroy(): void;
}

/** What was drawn, for tests that look at the picture: CSS pixels (the PNG is CHART_PIXEL_RATIO times larger). */
export interface LocalDrawing {
  png: Buffer;
  area: { left: number; right: number; top: number; bottom: number };
  /** Where a data point (percentages) landed. */
  toPixel(x: number, y: number): { x: number; y: number };
  /** Legend entries as drawn (empty when the legend is off). */
  legend: string[];
  /** Every point as drawn: where, how large, in which colours. */
  points: DrawnPoint[];
  /** Every label as drawn: post numbers, quadrant names, median tags, notes, with their boxes. */
  labels: DrawnLabel[];
}
interface ChartModule {
  Chart: { new (context: unknown, config: unknown): DrawnChart; register(...items: unknown[]): void; defaults: { font: { family: string } } };
  registerables: unknown[];
}

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS entry points of ESM-typed packages */
const { Chart, registerables } = require('chart.js') as ChartModule;
const annotationPlugin = require('chartjs-plugin-annotation') as { getAnnotations(chart: unknown): Parameters<typeof drawnLabels>[1] };
const datalabelsPlugin = require('chartjs-plugin-datalabels') as unknown;
/* eslint-enable @typescript-eslint/no-require-imports */

let ready = false;

function setUp(): void {
  if (ready) return;
  Chart.register(...registerables, annotationPlugin, datalabelsPlugin);
  // Configs leave the family out (shorter links); drawn here, every text is in the bundled font.
  Chart.defaults.font.family = FONT_FAMILY;
  const fonts = dirname(require.resolve('@expo-google-fonts/inter/package.json'));
  GlobalFonts.registerFromPath(join(fonts, '400Regular', 'Inter_400Regular.ttf'), 'Inter');
  GlobalFonts.registerFromPath(join(fonts, '700Bold', 'Inter_700Bold.ttf'), 'Inter');
  ready = true;
}

/** A white background, as QuickChart's `bkg=white` gives. */
const whiteBackground = {
  id: 'quadrantsWhiteBackground',
  beforeDraw(chart: DrawnChart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** Draws `config` to PNG bytes. Throws QuadrantsError('CHART_UNAVAILABLE'). */
export function renderLocalPng(config: ChartConfig): Buffer {
  return drawLocal(config).png;
}

/** The chart drawn on a fresh canvas; the caller encodes it, then destroys the chart. */
function drawOnCanvas(config: ChartConfig): { canvas: Canvas; chart: DrawnChart } {
  setUp();
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  // A deep copy: Chart.js writes into the config it is given, and ours may be reused.
  const copy = JSON.parse(JSON.stringify(config)) as ChartConfig;
  const options = { ...copy.options, responsive: false, animation: false, devicePixelRatio: CHART_PIXEL_RATIO };
  return { canvas, chart: new Chart(canvas.getContext('2d'), { ...copy, options, plugins: [whiteBackground] }) };
}

function renderFailed(err: unknown): QuadrantsError {
  return new QuadrantsError('CHART_UNAVAILABLE', `local chart rendering failed (${err instanceof Error ? err.message : String(err)})`, { cause: err });
}

/**
 * Draws `config` and encodes the PNG off the calling thread (the canvas encodes on libuv's pool),
 * which is about two thirds of a chart's time. Throws QuadrantsError('CHART_UNAVAILABLE').
 */
export async function encodeLocalPng(config: ChartConfig): Promise<Buffer> {
  let chart: DrawnChart | undefined;
  try {
    const drawn = drawOnCanvas(config);
    chart = drawn.chart;
    // Encoded before destroy(): Chart.js clears the canvas when a chart is destroyed.
    return await drawn.canvas.encode('png');
  } catch (err) {
    throw renderFailed(err);
  } finally {
    chart?.destroy();
  }
}

/** Draws `config` and reports where things landed. Throws QuadrantsError('CHART_UNAVAILABLE'). */
export function drawLocal(config: ChartConfig): LocalDrawing {
  let chart: DrawnChart | undefined;
  try {
    const { canvas, chart: drawn } = drawOnCanvas(config);
    chart = drawn;
    const { left, right, top, bottom } = drawn.chartArea;
    return {
      png: canvas.toBuffer('image/png'),
      area: { left, right, top, bottom },
      toPixel: (x, y) => ({ x: drawn.scales.x!.getPixelForValue(x), y: drawn.scales.y!.getPixelForValue(y) }),
      legend: drawn.legend?.legendItems?.map((i) => i.text) ?? [],
      points: drawnPoints(drawn),
      labels: drawnLabels(drawn, annotationPlugin.getAnnotations(drawn)),
    };
  } catch (err) {
    throw renderFailed(err);
  } finally {
    chart?.destroy();
  }
}
