/**
 * The pictures of a reply: each chart goes by link where the platform can load it (the service
 * decides, from CHART_DELIVERY, the URL's length and whether QuickChart is public) and as an
 * uploaded PNG otherwise, so a reply never loses its picture.
 */
import type { ChartConfig } from '../chart/types';
import { QuadrantsError } from '../errors';
import type { QuadrantsService } from '../service';
import type { Card, CardChart } from './card';
import { words } from './inline';
import { isPlatform } from '../platforms';
import type { Surface } from './surfaces';

/** What building a chart needs from the service. */
export type ChartTools = Pick<QuadrantsService, 'charts' | 'chartDelivery'>;

/** One chart of a card, or null when there is nothing to draw. */
export function cardChart(config: ChartConfig | null, tools: ChartTools, surface: Surface, text: { alt: string; title: string }): CardChart | null {
  if (config === null) return null;
  const url = tools.charts.url(config);
  // The command line prints links only: it has nowhere to put a picture.
  if (!isPlatform(surface)) return url === null ? null : { url, alt: text.alt, title: text.title };
  const via = tools.chartDelivery(url, surface);
  return { url: via === 'url' ? url : null, png: () => tools.charts.png(config), alt: text.alt, title: text.title };
}

/** The charts that travel as uploads. */
export function uploads(card: Card): CardChart[] {
  return (card.charts ?? []).filter((c) => c.url === null && c.png !== undefined);
}

/** The card with its pictures cut to those shown by link (where nothing can be uploaded). */
export function linksOnly(card: Card): Card {
  return { ...card, charts: (card.charts ?? []).filter((c) => c.url !== null) };
}

function withNote(card: Card, note: string): Card {
  const n = words(note);
  return { ...card, threadNote: card.threadNote ? [...card.threadNote, { kind: 'text', text: ' ' }, ...n] : n };
}

/** The one line that replaces a picture that could not be drawn. */
export const CHART_FAILED = new QuadrantsError('CHART_UNAVAILABLE', 'chart could not be drawn').userMessage;

/** The card with the line saying its chart could not be drawn. */
export function withChartFailed(card: Card): Card {
  return withNote(card, CHART_FAILED);
}

/** A chart ready to show: by its link, or as its drawn PNG. */
export type ShownChart = { chart: CardChart; url: string } | { chart: CardChart; png: Buffer };

/**
 * The card's charts in order, each by link or drawn as a PNG. A chart that cannot be drawn is
 * left out (`failed` hears why) and the card comes back with the one line that says so.
 */
export async function drawCharts(card: Card, failed: (err: unknown) => void): Promise<{ card: Card; shown: ShownChart[] }> {
  const shown: ShownChart[] = [];
  let anyFailed = false;
  for (const chart of card.charts ?? []) {
    if (chart.url) shown.push({ chart, url: chart.url });
    else if (chart.png) {
      try {
        shown.push({ chart, png: await chart.png() });
      } catch (err) {
        failed(err);
        anyFailed = true;
      }
    }
  }
  return { card: anyFailed ? withChartFailed(card) : card, shown };
}
