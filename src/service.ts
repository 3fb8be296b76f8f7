/**
 * The one entry point adapters, the CLI and the digest scheduler use.
 * It fetches (through a PostSource), computes (src/quadrants) and draws (src/chart); it never talks to a chat platform.
 */
import { buildChartConfig, buildCompareChartConfig, buildCompareMixChartConfig, buildPlacementChartConfig, type ChartConfig } from './chart/config';
import { chartDelivery, type ChartDelivery, type ChartDeliverySettings, type ChartPlatform } from './chart/delivery';
import { createChartRenderer, type ChartRenderer, type ChartRendererKind } from './chart/renderer';
import { parseCreatorInput } from './commands/creator';
import { DEFAULT_POSTS } from './commands/args';
import { QuadrantsError, asQuadrantsError } from './errors';
import { silentLogger, type Logger } from './log';
import { buildCompare } from './quadrants/compare';
import { placePost } from './quadrants/placement';
import { buildReport } from './quadrants/report';
import type { CompareReport, Creator, CreatorPosts, Post, PostPlacement, QuadrantReport } from './quadrants/types';

/** Where posts come from: TikLiveAPI (src/tikliveapi/source.ts) or the bundled demo data (src/demo/source.ts). */
export interface PostSource {
  /** Resolves user input (@name, name, profile URL, numeric id) to a creator. Throws QuadrantsError. */
  resolveCreator(input: string): Promise<Creator>;
  /**
   * The newest `count` posts of a creator, newest first. Throws QuadrantsError.
   * `creator.userid` may be empty: the source then resolves the username itself and counts that
   * lookup in `credits`, so a report states everything it spent.
   */
  getPosts(creator: Creator, count: number): Promise<CreatorPosts>;
  /** One post by its video URL, with its author. Throws QuadrantsError. */
  getPost(url: string): Promise<{ post: Post; creator: Creator; credits: number; fetchedAt: string }>;
}

export interface QuadrantsService {
  report(input: { creator: string; posts: number }): Promise<QuadrantReport>;
  /** Report for an already resolved creator (digests store the numeric id at subscribe time). */
  reportFor(creator: Creator, posts: number): Promise<QuadrantReport>;
  compare(input: { creators: string[]; posts: number }): Promise<CompareReport>;
  placePost(input: { url: string }): Promise<PostPlacement>;
  resolveCreator(input: string): Promise<Creator>;
  /**
   * The chart as a PNG (QuickChart POST /chart, or drawn in-process with CHART_RENDERER=local).
   * `mix`: a comparison's second chart, the quadrant mix per creator. Throws CHART_UNAVAILABLE
   * when there is nothing to draw (e.g. a post that could not be placed).
   */
  chartPng(report: QuadrantReport | CompareReport | PostPlacement, which?: 'main' | 'mix'): Promise<Buffer>;
  /** The link to a comparison's quadrant-mix chart; null with CHART_RENDERER=local or nothing to draw. */
  mixChartUrl(report: CompareReport): string | null;
  /** The renderer in use, for charts built elsewhere (e.g. buildDigestChartConfig). */
  readonly charts: ChartRenderer;
  /** Link or upload, for a chart URL (null: no link) on a chat platform (CHART_DELIVERY, QUICKCHART_PUBLIC). */
  chartDelivery(url: string | null, platform: ChartPlatform): ChartDelivery;
}

export interface ServiceOptions {
  source: PostSource;
  /** QUICKCHART_BASE_URL, default https://quickchart.io. */
  quickchartBaseUrl?: string;
  /** CHART_RENDERER: `quickchart` (default) or `local` (no link, PNG drawn in-process). */
  chartRenderer?: ChartRendererKind;
  /** CHART_DELIVERY and QUICKCHART_PUBLIC. Default: auto, public judged from the host. */
  chartDelivery?: ChartDeliverySettings;
  /** Posts with fewer views are left out of the split. Default 1. */
  minViews?: number;
  /** Posts the `post` command measures against. Default 10. */
  placementWindow?: number;
  logger?: Logger;
}

/** Validates user input (no request is made for bad input) into a creator the source can resolve. */
function creatorRef(input: string): Creator {
  const parsed = parseCreatorInput(input);
  return parsed.kind === 'userid' ? { username: '', userid: parsed.userid } : { username: parsed.username, userid: '' };
}

function configFor(report: QuadrantReport | CompareReport | PostPlacement): ChartConfig | null {
  switch (report.kind) {
    case 'report':
      return buildChartConfig(report);
    case 'compare':
      return buildCompareChartConfig(report);
    case 'post':
      return buildPlacementChartConfig(report);
  }
}

/** The chart settings of a validated configuration, as service options. */
export function chartOptions(charts: { renderer: ChartRendererKind; delivery: ChartDeliverySettings['mode']; quickchartPublic?: boolean }): Pick<ServiceOptions, 'chartRenderer' | 'chartDelivery'> {
  const delivery: ChartDeliverySettings = { mode: charts.delivery, ...(charts.quickchartPublic === undefined ? {} : { quickchartPublic: charts.quickchartPublic }) };
  return { chartRenderer: charts.renderer, chartDelivery: delivery };
}

export function createQuadrantsService(options: ServiceOptions): QuadrantsService {
  const { source } = options;
  const charts = createChartRenderer(options.chartRenderer ?? 'quickchart', options.quickchartBaseUrl ?? 'https://quickchart.io');
  const urlOf = (config: ChartConfig | null) => (config === null ? null : charts.url(config));
  const engine = { minViews: options.minViews ?? 1 };
  const log = options.logger ?? silentLogger;

  /** Runs one unit of work and logs its outcome; errors keep their QuadrantsError shape. */
  async function timed<T extends { credits: number }>(what: string, fields: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const out = await work();
      log.info(`${what}.done`, { ...fields, credits: out.credits, ms: Math.round(performance.now() - started) });
      return out;
    } catch (err) {
      const e = asQuadrantsError(err);
      log.warn(`${what}.failed`, { ...fields, code: e.code, detail: e.message, ms: Math.round(performance.now() - started) });
      throw e;
    }
  }

  async function reportFor(creator: Creator, posts: number): Promise<QuadrantReport> {
    const data = await source.getPosts(creator, posts);
    const report = buildReport(data, posts, engine);
    report.chartUrl = urlOf(buildChartConfig(report));
    return report;
  }

  return {
    resolveCreator: (input) => source.resolveCreator(input),

    reportFor: (creator, posts) => timed('report', { creator: creator.username || creator.userid, posts }, () => reportFor(creator, posts)),

    report: ({ creator, posts }) => timed('report', { creator, posts }, () => reportFor(creatorRef(creator), posts)),

    compare: ({ creators, posts }) =>
      timed('compare', { creators, posts }, async () => {
        const refs = creators.map(creatorRef);
        const data = await Promise.all(refs.map((c) => source.getPosts(c, posts)));
        const report = buildCompare(data, posts, engine);
        report.chartUrl = urlOf(buildCompareChartConfig(report));
        return report;
      }),

    placePost: ({ url }) =>
      timed('post', { url }, async () => {
        const found = await source.getPost(url);
        const baseline = await reportFor(found.creator, options.placementWindow ?? DEFAULT_POSTS);
        const placement = placePost(found.post, baseline, { credits: found.credits, fetchedAt: found.fetchedAt, demo: baseline.demo });
        placement.chartUrl = urlOf(buildPlacementChartConfig(placement));
        return placement;
      }),

    charts,

    chartDelivery: (url, platform) => chartDelivery(url, platform, options.chartDelivery ?? { mode: 'auto' }),

    mixChartUrl: (report) => urlOf(buildCompareMixChartConfig(report)),

    chartPng: async (report, which = 'main') => {
      const config = which === 'mix' && report.kind === 'compare' ? buildCompareMixChartConfig(report) : configFor(report);
      if (config === null) throw new QuadrantsError('CHART_UNAVAILABLE', `nothing to draw for this ${report.kind}`);
      return charts.png(config);
    },
  };
}
