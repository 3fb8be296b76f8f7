/**
 * `npm run docs:charts`: draws the README's sample charts from the demo data with the local
 * renderer and writes them to docs/. Run it after changing anything a chart shows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildChartConfig, buildCompareChartConfig, buildCompareMixChartConfig, buildDigestChartConfig, buildPlacementChartConfig } from './config';
import { renderLocalPng } from './local';
import { sampleCompare, sampleDigest, samplePlacement, sampleReport, sampleTrend } from './samples';
import { buildTrendChartConfig, buildTrendMixChartConfig } from './trend';
import type { ChartConfig } from './types';

function main(): void {
  const out = join(__dirname, '..', '..', '..', 'docs');
  mkdirSync(out, { recursive: true });
  const digest = sampleDigest();
  const charts: Array<[string, ChartConfig | null]> = [
    ['chart-report.png', buildChartConfig(sampleReport(10))],
    ['chart-report-35.png', buildChartConfig(sampleReport(35))],
    ['chart-compare.png', buildCompareChartConfig(sampleCompare(35, 3))],
    ['chart-compare-mix.png', buildCompareMixChartConfig(sampleCompare(35, 3))],
    ['chart-digest.png', buildDigestChartConfig(digest.report, digest.previous)],
    ['chart-post.png', buildPlacementChartConfig(samplePlacement())],
    ['chart-trend.png', buildTrendChartConfig(sampleTrend())],
    ['chart-trend-mix.png', buildTrendMixChartConfig(sampleTrend())],
  ];
  for (const [name, config] of charts) {
    if (config === null) throw new Error(`${name}: nothing to draw`);
    writeFileSync(join(out, name), renderLocalPng(config));
    process.stdout.write(`docs/${name}\n`);
  }
}

main();
