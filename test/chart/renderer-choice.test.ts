/**
 * Which renderer draws, decided without asking the QuickChart server: hosted quickchart.io draws
 * the chart plugins; any other base URL is taken to be the open-source server (no plugins for
 * Chart.js 4) unless QUICKCHART_PLUGINS=true, and then the chart is drawn in process and uploaded.
 */
import { createRealDeps } from '../../app/wiring';
import { buildChartConfig } from '../../src/chart/config';
import { chooseChartRenderer, quickchartDrawsPlugins } from '../../src/chart/renderer';
import { loadConfig } from '../../src/config/env';
import { createLogger } from '../../src/log';
import { createQuadrantsService } from '../../src/service';
import { startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { buildReport } from '../../src/quadrants/report';
import { creatorPosts, makePost } from './helpers';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const unusedSource = {} as Parameters<typeof createQuadrantsService>[0]['source'];

const report = () => buildReport(creatorPosts(Array.from({ length: 10 }, (_, i) => makePost(i, { shares: 20 + i * 17, saves: 300 - i * 23 }))), 10);

describe('quickchartDrawsPlugins', () => {
  it.each([
    ['https://quickchart.io', undefined, true],
    ['https://quickchart.io/', undefined, true],
    ['http://quickchart:3400', undefined, false],
    ['https://charts.example.com/qc', undefined, false],
    ['http://127.0.0.1:3400', undefined, false],
    ['http://quickchart:3400', true, true],
    ['https://quickchart.io', false, false],
  ] as const)('%s with QUICKCHART_PLUGINS=%s: %s', (url, flag, expected) => {
    expect(quickchartDrawsPlugins(url, flag)).toBe(expected);
  });

  it('CHART_RENDERER=local stays local; a QuickChart without the plugins becomes local, with the reason', () => {
    expect(chooseChartRenderer('local', 'https://quickchart.io')).toEqual({ kind: 'local' });
    expect(chooseChartRenderer('quickchart', 'https://quickchart.io')).toEqual({ kind: 'quickchart' });
    expect(chooseChartRenderer('quickchart', 'http://quickchart:3400')).toEqual({ kind: 'local', reason: 'quickchart-without-plugins' });
    expect(chooseChartRenderer('quickchart', 'http://quickchart:3400', true)).toEqual({ kind: 'quickchart' });
  });
});

describe('the service draws with the renderer the decision picked', () => {
  let qc: FakeQuickChart;
  beforeEach(async () => {
    qc = await startFakeQuickChart();
  });
  afterEach(async () => qc.close());

  it('hosted quickchart.io: a link to it', () => {
    const service = createQuadrantsService({ source: unusedSource });
    const url = service.charts.url({ type: 'scatter', data: { datasets: [] } } as never);
    expect(url).toMatch(/^https:\/\/quickchart\.io\/chart\?c=/);
  });

  it('another QuickChart without QUICKCHART_PLUGINS: no link, the PNG drawn in process, the server never asked', async () => {
    const service = createQuadrantsService({ source: unusedSource, quickchartBaseUrl: qc.url });
    const r = report();
    const png = await service.charts.png(buildChartConfig(r) as NonNullable<ReturnType<typeof buildChartConfig>>);
    expect(png.subarray(0, 8).equals(PNG)).toBe(true);
    expect(service.charts.url({ type: 'scatter', data: { datasets: [] } } as never)).toBeNull();
    expect(qc.requests).toEqual([]);
  });

  it('another QuickChart with QUICKCHART_PLUGINS=true: that server draws (link and POST /chart)', async () => {
    const service = createQuadrantsService({ source: unusedSource, quickchartBaseUrl: qc.url, quickchartPlugins: true });
    const r = report();
    expect(service.charts.url({ type: 'scatter', data: { datasets: [] } } as never)).toMatch(new RegExp(`^${qc.url}/chart\\?`));
    await service.charts.png(buildChartConfig(r) as NonNullable<ReturnType<typeof buildChartConfig>>);
    expect(qc.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });
});

describe('start-up', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-choice-0001', SLACK_APP_TOKEN: 'xapp-choice-0001', TIKLIVEAPI_KEY: 'choice-key-0001' };
  const logsFor = (env: Record<string, string>): string[] => {
    const lines: string[] = [];
    createRealDeps().createService(loadConfig({ ...base, ...env }), createLogger({ level: 'info', write: (l) => lines.push(l) }));
    return lines.filter((l) => l.includes('chart.renderer_local'));
  };

  it('says once, in one structured line, that a QuickChart without the plugins is replaced by the local renderer', () => {
    const lines = logsFor({ QUICKCHART_BASE_URL: 'http://quickchart:3400' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'info', event: 'chart.renderer_local', reason: 'quickchart-without-plugins' });
    expect(logsFor({ QUICKCHART_BASE_URL: 'http://quickchart:3400', QUICKCHART_PLUGINS: 'true' })).toEqual([]);
    expect(logsFor({})).toEqual([]);
  });

  it('refuses a QUICKCHART_PLUGINS that is not a yes or no', () => {
    expect(() => loadConfig({ ...base, QUICKCHART_PLUGINS: 'maybe' })).toThrow(/QUICKCHART_PLUGINS must be true or false/);
  });
});
