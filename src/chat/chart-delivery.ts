/**
 * How a reply's chart reaches a surface: in the message as an image URL, uploaded as a PNG, or
 * not at all. A URL longer than the surface accepts is uploaded instead, so the picture is never lost.
 */
import type { Card, Reply } from './card';
import { words } from './inline';
import { SURFACES, type Surface } from './surfaces';

export type ChartDelivery = 'url' | 'upload' | 'none';

export function chartDelivery(reply: Pick<Reply, 'card' | 'png'>, surface: Surface): ChartDelivery {
  const chart = reply.card.chart;
  if (!chart) return 'none';
  if (chart.url !== null && chart.url.length <= SURFACES[surface].imageUrlMax && /^https?:\/\//i.test(chart.url)) return 'url';
  return reply.png ? 'upload' : 'none';
}

/** The card with a note that the chart is attached in its thread. */
export function withChartNote(card: Card): Card {
  const note = words('The chart is attached in the thread.');
  return { ...card, threadNote: card.threadNote ? [...card.threadNote, { kind: 'text', text: ' ' }, ...note] : note };
}
