/**
 * report, compare and post: fetch through the service, then build the reply (card, chart,
 * breakdown thread). The same reply goes to every surface.
 */
import type { QuadrantsService } from '../../service';
import type { CompareReport, PostPlacement, QuadrantReport } from '../../quadrants/types';
import { compareToJson, placementToJson, reportToJson } from '../../render/json';
import type { CardChart, Reply } from '../card';
import { breakdownCard, breakdownThreadName } from '../cards/breakdown';
import { compareAlt, compareCard } from '../cards/compare';
import { placementAlt, placementCard } from '../cards/placement';
import { placedCount, reportAlt, reportCard } from '../cards/report';
import type { Surface } from '../surfaces';

type Result = QuadrantReport | CompareReport | PostPlacement;

/** True when the result has something to draw. */
export function hasChart(result: Result): boolean {
  switch (result.kind) {
    case 'report':
      return placedCount(result) > 0;
    case 'compare':
      return result.creators.some((c) => placedCount(c.report) > 0);
    case 'post':
      return result.post.quadrant !== null;
  }
}

function handle(r: QuadrantReport): string {
  return r.creator.username ? `@${r.creator.username.replace(/[^A-Za-z0-9._]/g, '')}` : `creator ${r.creator.userid.replace(/\D/g, '')}`;
}

/** The card's chart, or undefined when there is nothing to draw. */
export function chartOf(result: Result): CardChart | undefined {
  if (!hasChart(result)) return undefined;
  switch (result.kind) {
    case 'report':
      return { url: result.chartUrl, alt: reportAlt(result, handle(result)), title: `${handle(result)}: share rate vs save rate` };
    case 'compare':
      return { url: result.chartUrl, alt: compareAlt(result), title: 'Share rate vs save rate, shared axes' };
    case 'post':
      return { url: result.chartUrl, alt: placementAlt(result), title: 'This post against the recent medians' };
  }
}

function png(service: QuadrantsService, result: Result): Pick<Reply, 'png'> {
  return hasChart(result) ? { png: () => service.chartPng(result) } : {};
}

export function reportReply(report: QuadrantReport, service: QuadrantsService, surface: Surface): Reply {
  const breakdown = report.posts.length > 0;
  const chart = chartOf(report);
  return {
    visibility: 'public',
    card: reportCard(report, { breakdown: breakdown ? surface : null, ...(chart ? { chart } : {}) }),
    thread: breakdown ? [breakdownCard(report)] : [],
    threadName: breakdownThreadName(report),
    json: () => reportToJson(report),
    ...png(service, report),
  };
}

export function compareReply(report: CompareReport, service: QuadrantsService, surface: Surface): Reply {
  const breakdown = report.creators.some((c) => c.report.posts.length > 0);
  const chart = chartOf(report);
  return {
    visibility: 'public',
    card: compareCard(report, { breakdown: breakdown ? surface : null, ...(chart ? { chart } : {}) }),
    thread: breakdown ? report.creators.map((c) => breakdownCard(c.report)) : [],
    threadName: `Quadrants: comparison of ${report.creators.map((c) => handle(c.report)).join(', ')}`,
    json: () => compareToJson(report),
    ...png(service, report),
  };
}

export function placementReply(placement: PostPlacement, service: QuadrantsService, surface: Surface): Reply {
  const breakdown = placement.baseline.posts.length > 0;
  const chart = chartOf(placement);
  return {
    visibility: 'public',
    card: placementCard(placement, { breakdown: breakdown ? surface : null, ...(chart ? { chart } : {}) }),
    thread: breakdown ? [breakdownCard(placement.baseline)] : [],
    threadName: `Quadrants: post check for ${handle(placement.baseline)}`,
    json: () => placementToJson(placement),
    ...png(service, placement),
  };
}
