/**
 * The trend's pictures: a line chart of the two medians month by month (a month without a report
 * is a break in the line, not a dip to zero), and the quadrant mix of each month as 100 % stacked
 * bars in the quadrants' colours, like the compare mix.
 */
import { QUADRANT_NAMES } from '../quadrants/names';
import { QUADRANT_IDS, type QuadrantCounts } from '../quadrants/types';
import type { Trend } from '../trend/trend';
import { wholePercentages } from './mix';
import { font } from './scatter';
import { QUADRANT_COLOURS, TEXT_SIZE } from './theme';
import type { ChartConfig } from './types';

const SHARE_COLOUR = '#7b2cbf';
const SAVE_COLOUR = '#d6336c';

/** The months shown: from the first one with a report to the current one. */
function shownMonths(t: Trend): Trend['months'] {
  const first = t.months.findIndex((m) => m.snapshot !== null);
  return first < 0 ? [] : t.months.slice(first);
}

/** A rate as a percentage, rounded for the picture; null stays null (a gap). */
const pct = (rate: number | null | undefined): number | null => (rate === null || rate === undefined ? null : Math.round(rate * 100_000) / 1000);

const legend = { display: true, position: 'bottom', labels: { usePointStyle: true, boxWidth: 10, font: { ...font() }, color: '#212529' } };

/** The medians line chart; null when there is no report to draw. */
export function buildTrendChartConfig(t: Trend): ChartConfig | null {
  const months = shownMonths(t);
  if (months.length === 0) return null;
  const line = (label: string, colour: string, pick: (m: Trend['months'][number]) => number | null) => ({
    label,
    data: months.map(pick),
    backgroundColor: colour,
    borderColor: colour,
    borderWidth: 3,
    pointRadius: 5,
    spanGaps: false,
    fill: false,
  });
  return {
    type: 'line',
    data: {
      labels: months.map((m) => m.period),
      datasets: [
        line('Median share rate', SHARE_COLOUR, (m) => pct(m.snapshot?.medianShareRate)),
        line('Median save rate', SAVE_COLOUR, (m) => pct(m.snapshot?.medianSaveRate)),
      ],
    },
    options: {
      layout: { padding: { right: 12 } },
      scales: {
        x: { type: 'category', title: { display: false, text: '', font: font() }, ticks: { font: font(), maxRotation: 60 } },
        y: {
          min: 0,
          title: { display: true, text: 'Median rate (% of views)', font: font(TEXT_SIZE, true) },
          ticks: { font: font(), format: { style: 'unit', unit: 'percent', maximumFractionDigits: 2 } },
        },
      },
      plugins: {
        title: { display: true, text: `@${t.creator}: medians by month`, font: font(TEXT_SIZE, true) },
        legend,
        datalabels: { display: false },
      },
    },
  };
}

/** The quadrant mix per month as stacked bars; a month without a report has no bar. */
export function buildTrendMixChartConfig(t: Trend): ChartConfig | null {
  const months = shownMonths(t);
  if (months.length === 0) return null;
  const rows = months.map((m) => (m.snapshot ? wholePercentages(countsOf(m.snapshot.counts)) : null));
  return {
    type: 'bar',
    data: {
      labels: months.map((m) => m.period),
      datasets: QUADRANT_IDS.map((q, qi) => ({
        label: QUADRANT_NAMES[q],
        backgroundColor: QUADRANT_COLOURS[q],
        data: rows.map((r) => (r === null || r[qi] === 0 ? null : (r[qi] as number))),
      })),
    },
    options: {
      layout: { padding: { right: 12 } },
      scales: {
        x: { stacked: true, title: { display: false, text: '', font: font() }, ticks: { font: font(), maxRotation: 60 } },
        y: { stacked: true, min: 0, max: 100, title: { display: true, text: 'Share of posts (%)', font: font(TEXT_SIZE, true) }, ticks: { font: font(), stepSize: 25 } },
      },
      plugins: {
        title: { display: true, text: 'Quadrant mix by month', font: font(TEXT_SIZE, true) },
        legend,
        datalabels: { display: 'auto', color: '#fff', font: { ...font(TEXT_SIZE, true) } },
      },
    },
  };
}

/** Stored counts (any keys) as the four quadrants' counts; a missing quadrant is 0. */
function countsOf(counts: Record<string, number>): QuadrantCounts {
  return Object.fromEntries(QUADRANT_IDS.map((q) => [q, counts[q] ?? 0])) as QuadrantCounts;
}
