/**
 * Chart rows: URL length per chart kind and size with what CHART_DELIVERY=auto picks on Slack and
 * on Discord (public QuickChart), and local render time per chart. Self-contained: demo data only.
 */
import { buildChartConfig, buildCompareChartConfig, buildCompareMixChartConfig, buildDigestChartConfig, buildPlacementChartConfig, type ChartConfig } from '../src/chart/config';
import { CHART_URL_LIMITS, chartDelivery } from '../src/chart/delivery';
import { renderLocalPng } from '../src/chart/local';
import { chartUrl } from '../src/chart/quickchart';
import { sampleCompare, sampleDigest, samplePlacement, sampleReport } from '../src/chart/samples';
import { median, ms, type BenchRow } from './table';

const BASE = 'https://quickchart.io';
const RENDER_TARGET_MS = 150;

function urlRow(name: string, config: ChartConfig | null): BenchRow {
  if (config === null) return { row: `chart: URL, ${name}`, measured: 'nothing to draw', target: 'a chart', ok: false };
  const url = chartUrl(config, BASE);
  const slack = chartDelivery(url, 'slack', { mode: 'auto' });
  const discord = chartDelivery(url, 'discord', { mode: 'auto' });
  return {
    row: `chart: URL length, ${name} (auto: Slack ${slack}, Discord ${discord})`,
    measured: `${url.length} chars`,
    target: `link <= ${CHART_URL_LIMITS.slack} Slack / ${CHART_URL_LIMITS.discord} Discord, else upload`,
    ok: true,
  };
}

function renderRow(name: string, config: ChartConfig): BenchRow {
  for (let i = 0; i < 3; i++) renderLocalPng(config); // warm-up: font registration, JIT
  const times: number[] = [];
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    renderLocalPng(config);
    times.push(performance.now() - started);
  }
  const m = median(times);
  return { row: `chart: local render, ${name} (median of 11)`, measured: ms(m), target: `< ${RENDER_TARGET_MS} ms`, ok: m < RENDER_TARGET_MS };
}

export async function rows(): Promise<BenchRow[]> {
  const digest = sampleDigest();
  const out: BenchRow[] = [];
  for (const n of [10, 30, 35]) out.push(urlRow(`report, ${n} posts`, buildChartConfig(sampleReport(n))));
  for (const c of [2, 3, 5]) {
    out.push(urlRow(`compare, ${c} creators x 35 posts`, buildCompareChartConfig(sampleCompare(35, c))));
    out.push(urlRow(`compare mix bars, ${c} creators`, buildCompareMixChartConfig(sampleCompare(35, c))));
  }
  out.push(urlRow('digest, 15 posts', buildDigestChartConfig(digest.report, digest.previous)));
  out.push(urlRow('post placement, 10-post window', buildPlacementChartConfig(samplePlacement())));
  out.push(renderRow('report, 35 posts', buildChartConfig(sampleReport(35))!));
  out.push(renderRow('compare, 3 creators x 35 posts', buildCompareChartConfig(sampleCompare(35, 3))!));
  out.push(renderRow('compare mix bars, 3 creators', buildCompareMixChartConfig(sampleCompare(35, 3))!));
  out.push(renderRow('digest, 15 posts', buildDigestChartConfig(digest.report, digest.previous)!));
  out.push(renderRow('post placement', buildPlacementChartConfig(samplePlacement())!));
  return out;
}
