/**
 * The one entry point adapters, the CLI and the digest scheduler use.
 * It fetches (through a PostSource), computes (src/quadrants) and draws (src/chart); it never talks to a chat platform.
 */
import { buildChartConfig, buildCompareChartConfig, buildPlacementChartConfig, type ChartConfig } from './chart/config';
import { chartDelivery, type ChartDelivery, type ChartDeliverySettings } from './chart/delivery';
import { createChartRenderer, type ChartRenderer, type ChartRendererKind } from './chart/renderer';
import { parseCreatorInput } from './commands/creator';
import { DEFAULT_POSTS } from './commands/args';
import { QuadrantsError, asQuadrantsError } from './errors';
import { silentLogger, type Logger } from './log';
import type { Platform } from './platforms';
import type { PostSource, SourceCallOptions } from './source';
import { buildCompare } from './quadrants/compare';
import { placePost } from './quadrants/placement';
import { buildReport } from './quadrants/report';
import type { CompareReport, Creator, PostPlacement, QuadrantReport } from './quadrants/types';
import { deadlineSentence } from './tikliveapi/sentences';

/** COMMAND_DEADLINE_MS when not configured: one command may take this long, retries and all. */
export const DEFAULT_COMMAND_DEADLINE_MS = 20_000;

export type { PostSource, SourceCallOptions } from './source';

export interface QuadrantsService {
  report(input: { creator: string; posts: number }): Promise<QuadrantReport>;
  /** Report for an already resolved creator (digests store the numeric id at subscribe time). */
  reportFor(creator: Creator, posts: number): Promise<QuadrantReport>;
  compare(input: { creators: string[]; posts: number }): Promise<CompareReport>;
  placePost(input: { url: string }): Promise<PostPlacement>;
  resolveCreator(input: string): Promise<Creator>;
  /** The renderer in use, for charts built elsewhere (e.g. buildDigestChartConfig). */
  readonly charts: ChartRenderer;
  /** Link or upload, for a chart URL (null: no link) on a chat platform (CHART_DELIVERY, QUICKCHART_PUBLIC). */
  chartDelivery(url: string | null, platform: Platform): ChartDelivery;
}

export interface ServiceOptions {
  source: PostSource;
  /** QUICKCHART_BASE_URL, default https://quickchart.io. */
  quickchartBaseUrl?: string;
  /** CHART_RENDERER: `quickchart` (default) or `local` (no link, PNG drawn in-process). */
  chartRenderer?: ChartRendererKind;
  /**
   * QUICKCHART_PLUGINS: whether the QuickChart at quickchartBaseUrl draws the annotation and
   * datalabels plugins. Unset: only hosted quickchart.io is taken to; any other server's charts
   * are drawn in process instead (see chooseChartRenderer).
   */
  quickchartPlugins?: boolean;
  /** CHART_DELIVERY and QUICKCHART_PUBLIC. Default: auto, public judged from the host. */
  chartDelivery?: ChartDeliverySettings;
  /** Posts with fewer views are left out of the split. Default 1. */
  minViews?: number;
  /** Posts the `post` command measures against. Default 10. */
  placementWindow?: number;
  /**
   * COMMAND_DEADLINE_MS: one overall limit per command across every request, retry and
   * per-post fill. Default 20 s, so a hanging upstream never holds a chat reply for minutes.
   */
  deadlineMs?: number;
  logger?: Logger;
}

/** Validates user input (no request is made for bad input) into a creator the source can resolve. */
function creatorRef(input: string): Creator {
  const parsed = parseCreatorInput(input);
  return parsed.kind === 'userid' ? { username: '', userid: parsed.userid } : { username: parsed.username, userid: '' };
}

/** The chart settings of a validated configuration, as service options. */
export function chartOptions(charts: {
  renderer: ChartRendererKind;
  delivery: ChartDeliverySettings['mode'];
  quickchartPublic?: boolean;
  quickchartPlugins?: boolean;
}): Pick<ServiceOptions, 'chartRenderer' | 'chartDelivery' | 'quickchartPlugins'> {
  const delivery: ChartDeliverySettings = { mode: charts.delivery, ...(charts.quickchartPublic === undefined ? {} : { quickchartPublic: charts.quickchartPublic }) };
  return { chartRenderer: charts.renderer, chartDelivery: delivery, ...(charts.quickchartPlugins === undefined ? {} : { quickchartPlugins: charts.quickchartPlugins }) };
}

export function createQuadrantsService(options: ServiceOptions): QuadrantsService {
  const { source } = options;
  const charts = createChartRenderer(options.chartRenderer ?? 'quickchart', options.quickchartBaseUrl ?? 'https://quickchart.io', options.quickchartPlugins);
  const urlOf = (config: ChartConfig | null) => (config === null ? null : charts.url(config));
  const engine = { minViews: options.minViews ?? 1 };
  const log = options.logger ?? silentLogger;
  const deadlineMs = options.deadlineMs ?? DEFAULT_COMMAND_DEADLINE_MS;

  /**
   * Runs `work` under one command deadline. The abort reason is the sentence a user gets when
   * the source had nothing to show by then.
   */
  async function withDeadline<T>(work: (call: SourceCallOptions) => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort(new QuadrantsError('UPSTREAM_UNAVAILABLE', `command deadline of ${deadlineMs} ms passed`, { userMessage: deadlineSentence(deadlineMs) }));
    }, deadlineMs);
    try {
      return await work({ signal: deadline.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs one command under its deadline and logs its outcome; errors keep their QuadrantsError shape. */
  async function timed<T extends { credits: number }>(what: string, fields: Record<string, unknown>, work: (call: SourceCallOptions) => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const out = await withDeadline(async (call) => {
        const result = await work(call);
        if (call.signal?.aborted) fields = { ...fields, deadlineExceeded: true };
        return result;
      });
      log.info(`${what}.done`, { ...fields, credits: out.credits, ms: Math.round(performance.now() - started) });
      return out;
    } catch (err) {
      // Not logged here: whoever ran the command logs its failure once (the chat pipeline, the digest runner).
      throw asQuadrantsError(err);
    }
  }

  async function reportFor(creator: Creator, posts: number, call: SourceCallOptions): Promise<QuadrantReport> {
    const data = await source.getPosts(creator, posts, call);
    const report = buildReport(data, posts, engine);
    if (data.deadlineExceeded) report.deadlineExceeded = true;
    report.chartUrl = urlOf(buildChartConfig(report));
    return report;
  }

  return {
    resolveCreator: (input) => withDeadline((call) => source.resolveCreator(input, call)),

    reportFor: (creator, posts) => timed('report', { creator: creator.username || creator.userid, posts }, (call) => reportFor(creator, posts, call)),

    report: ({ creator, posts }) => timed('report', { creator, posts }, (call) => reportFor(creatorRef(creator), posts, call)),

    compare: ({ creators, posts }) =>
      timed('compare', { creators, posts }, async (call) => {
        const refs = creators.map(creatorRef);
        const data = await Promise.all(refs.map((c) => source.getPosts(c, posts, call)));
        const report = buildCompare(data, posts, engine);
        report.creators.forEach((c, i) => {
          if (data[i]?.deadlineExceeded) c.report.deadlineExceeded = true;
        });
        report.chartUrl = urlOf(buildCompareChartConfig(report));
        return report;
      }),

    placePost: ({ url }) =>
      timed('post', { url }, async (call) => {
        const found = await source.getPost(url, call);
        const baseline = await reportFor(found.creator, options.placementWindow ?? DEFAULT_POSTS, call);
        const placement = placePost(found.post, baseline, { credits: found.credits, fetchedAt: found.fetchedAt, demo: baseline.demo });
        placement.chartUrl = urlOf(buildPlacementChartConfig(placement));
        return placement;
      }),

    charts,

    chartDelivery: (url, platform) => chartDelivery(url, platform, options.chartDelivery ?? { mode: 'auto' }),

  };
}
