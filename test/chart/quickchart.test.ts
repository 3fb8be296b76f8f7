import { buildChartConfig } from '../../src/chart/config';
import { chartDelivery } from '../../src/chart/delivery';
import { compactJson } from '../../src/chart/encode';
import { CHART_HEIGHT, CHART_WIDTH, MAX_CHART_URL_LENGTH, chartUrl, renderChartPng } from '../../src/chart/quickchart';
import { QuadrantsError } from '../../src/errors';
import { ONE_PIXEL_PNG, startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { variedReport, worstCaseReport } from './helpers';

describe('chartUrl', () => {
  const config = buildChartConfig(variedReport(10))!;

  it('builds <base>/chart with the config, size, white background and Chart.js 4', () => {
    const url = new URL(chartUrl(config, 'https://quickchart.io'));
    expect(url.origin + url.pathname).toBe('https://quickchart.io/chart');
    expect(url.searchParams.get('w')).toBe(String(CHART_WIDTH));
    expect(url.searchParams.get('h')).toBe(String(CHART_HEIGHT));
    expect(url.searchParams.get('bkg')).toBe('white');
    expect(url.searchParams.get('v')).toBe('4');
    expect(url.searchParams.get('devicePixelRatio')).toBe('2');
    expect(url.searchParams.get('c')).toBe(compactJson(JSON.stringify(config)));
  });

  it('takes scheme, host, port and path prefix from the base URL, never credentials or query', () => {
    expect(chartUrl(config, 'http://127.0.0.1:8080').startsWith('http://127.0.0.1:8080/chart?c=')).toBe(true);
    expect(chartUrl(config, 'https://charts.example.org/qc/').startsWith('https://charts.example.org/qc/chart?c=')).toBe(true);
    const withSecrets = chartUrl(config, 'https://user:hunter2@charts.example.org/qc?key=hunter2#x');
    expect(withSecrets.startsWith('https://charts.example.org/qc/chart?c=')).toBe(true);
    expect(withSecrets).not.toContain('hunter2');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => chartUrl(config, 'ftp://example.org')).toThrow(QuadrantsError);
    expect(() => chartUrl(config, 'not a url')).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });

  it.each([10, 30, 35])('a %i-post chart with worst-case rates: auto sends the link only where it fits', (n) => {
    const url = chartUrl(buildChartConfig(worstCaseReport(n))!, 'https://quickchart.io');
    for (const platform of ['slack', 'discord'] as const) {
      expect(chartDelivery(url, platform, { mode: 'auto' })).toBe(url.length <= MAX_CHART_URL_LENGTH[platform] ? 'url' : 'upload');
    }
  });

  it('exports the per-platform limits', () => {
    expect(MAX_CHART_URL_LENGTH).toEqual({ discord: 2048, slack: 3000 });
  });
});

describe('QuickChart over HTTP (fake server)', () => {
  let qc: FakeQuickChart;
  beforeEach(async () => {
    qc = await startFakeQuickChart();
  });
  afterEach(async () => {
    await qc.close();
  });

  const config = buildChartConfig(variedReport(10))!;

  it('serves the GET URL as a PNG, with the config readable on the server side', async () => {
    const res = await fetch(chartUrl(config, qc.url));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(ONE_PIXEL_PNG);
    const path = qc.requests[0]!.path;
    const c = decodeURIComponent(/[?&]c=([^&]*)/.exec(path)![1]!);
    expect(new Function(`return (${c});`)()).toEqual(config);
  });

  it('renders the PNG with POST /chart and the documented JSON body', async () => {
    const png = await renderChartPng(config, qc.url);
    expect(png.equals(ONE_PIXEL_PNG)).toBe(true);
    expect(qc.requests).toHaveLength(1);
    const req = qc.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/chart');
    const body = req.body as Record<string, unknown>;
    expect(body).toMatchObject({ width: CHART_WIDTH, height: CHART_HEIGHT, backgroundColor: 'white', format: 'png', version: '4', devicePixelRatio: 2 });
    expect(typeof body.chart).toBe('string');
    expect(JSON.parse(body.chart as string)).toEqual(config);
  });

  it('keeps a path prefix for POST too', async () => {
    await renderChartPng(config, `${qc.url}/prefix/`);
    expect(qc.requests[0]!.path).toBe('/prefix/chart');
  });

  it('turns a failed render into CHART_UNAVAILABLE', async () => {
    qc.failNext(503);
    await expect(renderChartPng(config, qc.url)).rejects.toMatchObject({ code: 'CHART_UNAVAILABLE' });
  });

  it('turns an unreachable server into CHART_UNAVAILABLE', async () => {
    const url = qc.url;
    await qc.close();
    qc = await startFakeQuickChart();
    await expect(renderChartPng(config, url, { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'CHART_UNAVAILABLE' });
  });
});
