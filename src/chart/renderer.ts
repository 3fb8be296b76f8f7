/**
 * One chart definition, two renderers. `quickchart` (default): a QuickChart link plus POST /chart
 * for the PNG. `local`: no link at all (nothing leaves the process) and the PNG is drawn in-process
 * with the same Chart.js 4 config; its code (Chart.js, the canvas, the font) is loaded on first use,
 * so the CLI never pays for it unless it renders.
 */
import type { ChartConfig } from './types';
import { sharedChartPool } from './pool';
import { chartUrl, renderChartPng } from './quickchart';

export type ChartRendererKind = 'quickchart' | 'local';

export interface ChartRenderer {
  /** A link that draws the chart, or null when this renderer has none (local). */
  url(config: ChartConfig): string | null;
  /** The chart as PNG bytes. Throws QuadrantsError('CHART_UNAVAILABLE'). */
  png(config: ChartConfig): Promise<Buffer>;
}

/** QuickChart at `baseUrl` (https://quickchart.io or self-hosted). */
export function createQuickChartRenderer(baseUrl: string): ChartRenderer {
  return { url: (config) => chartUrl(config, baseUrl), png: (config) => renderChartPng(config, baseUrl) };
}

/** In-process rendering: Chart.js 4 on @napi-rs/canvas with the bundled font, on the chart pool's threads. */
export function createLocalRenderer(): ChartRenderer {
  return {
    url: () => null,
    // Drawn on a worker thread (./pool.ts): the event loop keeps acknowledging while a chart is
    // drawn, and Chart.js and the canvas are loaded only in the workers, on the first chart.
    png: (config) => sharedChartPool().render(config),
  };
}

/** The renderer CHART_RENDERER names. */
export function createChartRenderer(kind: ChartRendererKind, quickchartBaseUrl: string): ChartRenderer {
  return kind === 'local' ? createLocalRenderer() : createQuickChartRenderer(quickchartBaseUrl);
}
