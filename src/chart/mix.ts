/**
 * The compare chart's second picture: each creator's quadrant mix as a 100 % stacked horizontal
 * bar in quadrant colours, so "who has more evergreen posts" is answered by the length of a green
 * bar. Counts are against the pooled medians, the same split as the compare scatter.
 */
import { QUADRANT_NAMES } from '../quadrants/names';
import { QUADRANT_IDS, type CompareReport, type QuadrantCounts } from '../quadrants/types';
import { chartCreatorName } from './handles';
import { font } from './scatter';
import { QUADRANT_COLOURS, TEXT_SIZE } from './theme';
import type { ChartConfig } from './types';

/** Whole percentages that add up to exactly 100 (largest remainders get the spare points). */
export function wholePercentages(counts: QuadrantCounts): number[] {
  const total = QUADRANT_IDS.reduce((n, q) => n + counts[q], 0);
  if (total === 0) return QUADRANT_IDS.map(() => 0);
  const exact = QUADRANT_IDS.map((q) => (counts[q] * 100) / total);
  const out = exact.map(Math.floor);
  const spare = 100 - out.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < spare; k++) out[byRemainder[k]!.i]! += 1;
  return out;
}

/** Null when no creator has a split post. */
export function buildCompareMixChartConfig(report: CompareReport): ChartConfig | null {
  const rows = report.creators.map((c, i) => ({ label: chartCreatorName(c.report.creator.username, i), pct: wholePercentages(c.pooledCounts) }));
  if (rows.every((r) => r.pct.every((v) => v === 0))) return null;
  const axisFont = font();
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: QUADRANT_IDS.map((q, qi) => ({
        label: QUADRANT_NAMES[q],
        backgroundColor: QUADRANT_COLOURS[q],
        // A 0 % share is no bar and no "0" label.
        data: rows.map((r) => (r.pct[qi] === 0 ? null : (r.pct[qi] as number))),
      })),
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { right: 12 } },
      scales: {
        x: {
          stacked: true,
          min: 0,
          max: 100,
          title: { display: true, text: 'Share of posts per creator (%)', font: font(TEXT_SIZE, true) },
          ticks: { font: axisFont, stepSize: 25, format: { style: 'unit', unit: 'percent' } },
        },
        y: { stacked: true, title: { display: false, text: '', font: axisFont }, ticks: { font: font(TEXT_SIZE, true), color: '#212529' } },
      },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { usePointStyle: true, boxWidth: 10, font: { ...font() }, color: '#212529' } },
        datalabels: { display: 'auto', color: '#fff', font: { ...font(TEXT_SIZE, true) } },
      },
    },
  };
}
