/**
 * A card's charts as Discord shows them: the first chart is the embed's image, each further chart
 * an embed of its own (one image per embed). A chart that goes by link is shown by its URL; one
 * that travels as a PNG is drawn and attached, and the embed points at `attachment://<name>`. A
 * chart that cannot be drawn costs only its picture, and the card says so in one line.
 */
import { AttachmentBuilder, type APIEmbed } from 'discord.js';
import type { Card } from '../../src/chat/card';
import { drawCharts } from '../../src/chat/chart-delivery';
import type { Logger } from '../../src/log';
import { CHART_FILENAME } from './limits';
import { renderActions } from './components';
import { renderEmbed } from './render';

export interface Picture {
  name: string;
  data: Buffer;
  /** Alt text Discord shows for the attachment. */
  description: string;
}

/** The file name of the n-th uploaded chart (the first keeps the plain name). */
function fileName(index: number): string {
  return index === 0 ? CHART_FILENAME : CHART_FILENAME.replace(/\.png$/, `-${index + 1}.png`);
}

/** The card's embeds and the PNGs to attach with them. */
export async function embedsWithPictures(card: Card, log: Logger): Promise<{ embeds: APIEmbed[]; pictures: Picture[] }> {
  const drawn = await drawCharts(card, (err) => log.warn('discord.chart.png_failed', { error: err }));
  const pictures: Picture[] = [];
  const images = drawn.shown.map((c) => {
    if ('url' in c) return c.url;
    const name = fileName(pictures.length);
    pictures.push({ name, data: c.png, description: c.chart.alt.slice(0, 1024) });
    return `attachment://${name}`;
  });
  const [first, ...rest] = images;
  return { embeds: [renderEmbed(drawn.card, first ?? null), ...rest.map((url) => ({ image: { url } }))], pictures };
}

/** A public result's message: the card's embeds, its charts attached, and its buttons. */
export async function cardMessage(card: Card, log: Logger) {
  const { embeds, pictures } = await embedsWithPictures(card, log);
  const files = pictures.map((p) => new AttachmentBuilder(p.data, { name: p.name, description: p.description }));
  return { embeds, files, components: renderActions(card) };
}
