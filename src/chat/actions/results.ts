/**
 * report, compare and post: fetch through the service, then build the reply (card, charts,
 * breakdown thread). The same reply goes to every surface.
 */
import { buildChartConfig, buildCompareChartConfig, buildCompareMixChartConfig, buildDigestChartConfig, buildPlacementChartConfig, type Cadence } from '../../chart/config';
import type { Drift } from '../../digest/types';
import type { CompareReport, PostPlacement, QuadrantReport } from '../../quadrants/types';
import { compareToCsv, csvFileName, reportToCsv } from '../../render/csv';
import { compareToJson, placementToJson, reportToJson } from '../../render/json';
import type { CardChart, Reply } from '../card';
import { breakdownCard, breakdownThreadName } from '../cards/breakdown';
import { compareAlt, compareCard } from '../cards/compare';
import { placementAlt, placementCard } from '../cards/placement';
import { countsWords, reportAlt, reportCard } from '../cards/report';
import { cardChart, type ChartTools } from '../chart-delivery';
import type { Surface } from '../surfaces';

/** "@handle", or "creator 123" when only the id is known: plain text for titles and alt text. */
export function handle(r: QuadrantReport): string {
  return r.creator.username ? `@${r.creator.username.replace(/[^A-Za-z0-9._]/g, '')}` : `creator ${r.creator.userid.replace(/\D/g, '')}`;
}

function present(charts: Array<CardChart | null>): CardChart[] {
  return charts.filter((c): c is CardChart => c !== null);
}

/**
 * A report's chart. With the drift of a digest, last period's typical post is drawn too, labelled
 * by the digest's cadence ("last week" / "last month"), so the move shows in the picture.
 */
export function reportCharts(report: QuadrantReport, tools: ChartTools, surface: Surface, drift: Drift | null = null, cadence: Cadence = 'monthly'): CardChart[] {
  const previous = drift ? { shareRate: drift.shareRate.before, saveRate: drift.saveRate.before, downloadRate: null } : null;
  const config = previous ? buildDigestChartConfig(report, previous, cadence) : buildChartConfig(report);
  return present([cardChart(config, tools, surface, { alt: reportAlt(report, handle(report)), title: `${handle(report)}: share rate vs save rate` })]);
}

export function reportReply(report: QuadrantReport, tools: ChartTools, surface: Surface): Reply {
  const breakdown = report.posts.length > 0;
  return {
    visibility: 'public',
    card: reportCard(report, { breakdown: breakdown ? surface : null, charts: reportCharts(report, tools, surface) }),
    thread: breakdown ? [breakdownCard(report)] : [],
    threadName: breakdownThreadName(report),
    json: () => reportToJson(report),
    csv: () => ({ name: csvFileName(handle(report)), text: reportToCsv(report) }),
  };
}

export function compareReply(report: CompareReport, tools: ChartTools, surface: Surface): Reply {
  const breakdown = report.creators.some((c) => c.report.posts.length > 0);
  const who = report.creators.map((c) => handle(c.report)).join(', ');
  const mixAlt = `Bars of each creator's quadrant mix on the shared medians: ${report.creators.map((c) => `${handle(c.report)} ${countsWords(c.pooledCounts)}`).join('; ')}.`;
  const charts = present([
    cardChart(buildCompareChartConfig(report), tools, surface, { alt: compareAlt(report), title: 'Share rate vs save rate, shared axes' }),
    cardChart(buildCompareMixChartConfig(report), tools, surface, { alt: mixAlt, title: 'Quadrant mix per creator' }),
  ]);
  return {
    visibility: 'public',
    card: compareCard(report, { breakdown: breakdown ? surface : null, charts }),
    thread: breakdown ? report.creators.map((c) => breakdownCard(c.report)) : [],
    threadName: `Quadrants: comparison of ${who}`,
    json: () => compareToJson(report),
    csv: () => ({ name: csvFileName(`compare-${report.creators.map((c) => handle(c.report)).join('-')}`), text: compareToCsv(report) }),
  };
}

export function placementReply(placement: PostPlacement, tools: ChartTools, surface: Surface): Reply {
  const breakdown = placement.baseline.posts.length > 0;
  // Nothing to mark when the post cannot be placed: no chart then.
  const config = placement.post.quadrant === null ? null : buildPlacementChartConfig(placement);
  const charts = present([cardChart(config, tools, surface, { alt: placementAlt(placement), title: 'This post against the recent medians' })]);
  return {
    visibility: 'public',
    card: placementCard(placement, { breakdown: breakdown ? surface : null, charts }),
    thread: breakdown ? [breakdownCard(placement.baseline)] : [],
    threadName: `Quadrants: post check for ${handle(placement.baseline)}`,
    json: () => placementToJson(placement),
    // The post's context is its creator's window: the same rows as that creator's report.
    csv: () => ({ name: csvFileName(handle(placement.baseline)), text: reportToCsv(placement.baseline) }),
  };
}
