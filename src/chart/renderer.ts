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

/**
 * True when the QuickChart at `baseUrl` draws chartjs-plugin-annotation and -datalabels for
 * Chart.js 4 configs, decided without asking it: hosted quickchart.io does; the open-source server
 * registers no plugins for Chart.js 3/4 (tints, quadrant names, medians and numbers all vanish), so
 * any other base URL is taken to be that one unless QUICKCHART_PLUGINS=true says otherwise.
 */
export function quickchartDrawsPlugins(baseUrl: string, plugins?: boolean): boolean {
  if (plugins !== undefined) return plugins;
  try {
    const host = new URL(baseUrl).hostname.toLowerCase().replace(/\.$/, '');
    return host === 'quickchart.io' || host === 'www.quickchart.io';
  } catch {
    return false;
  }
}

/** Who really draws: the renderer CHART_RENDERER names, or `local` for a QuickChart without the plugins. */
export interface RendererChoice {
  kind: ChartRendererKind;
  /** Set when CHART_RENDERER=quickchart was replaced by the local renderer. */
  reason?: 'quickchart-without-plugins';
}

/** The renderer that draws for CHART_RENDERER=`kind`, QUICKCHART_BASE_URL and QUICKCHART_PLUGINS. */
export function chooseChartRenderer(kind: ChartRendererKind, quickchartBaseUrl: string, plugins?: boolean): RendererChoice {
  if (kind === 'local') return { kind };
  return quickchartDrawsPlugins(quickchartBaseUrl, plugins) ? { kind } : { kind: 'local', reason: 'quickchart-without-plugins' };
}

/**
 * The renderer CHART_RENDERER names, except that a QuickChart which cannot draw the plugins is
 * never used: the same config is drawn in process instead (no link, the PNG is uploaded).
 */
export function createChartRenderer(kind: ChartRendererKind, quickchartBaseUrl: string, plugins?: boolean): ChartRenderer {
  return chooseChartRenderer(kind, quickchartBaseUrl, plugins).kind === 'local' ? createLocalRenderer() : createQuickChartRenderer(quickchartBaseUrl);
}
