/**
 * Small formatting helpers shared by the Discord renderers: quadrant names, percentages, dates,
 * creator names, and the embed-fitting pass that enforces DISCORD_LIMITS as the last step.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Creator } from '../../src/quadrants/types';
import { neutraliseMentions, safeInline, truncate } from './escape';
import { DISCORD_LIMITS as L } from './limits';

export { QUADRANT_NAMES as QUADRANT_NAME } from '../../src/quadrants/names';

export { QUADRANT_HINTS as QUADRANT_HINT } from '../../src/quadrants/names';

/** Embed colour: a calm blue, amber when a third or more of the posts are dead. */
export const COLOUR = { normal: 0x3b82f6, warning: 0xf59e0b } as const;

/** A rate (fraction) as a percentage with two decimals; `n/a` when unknown. */
export function pct(rate: number | null, digits = 2): string {
  return rate === null || !Number.isFinite(rate) ? 'n/a' : `${(rate * 100).toFixed(digits)}%`;
}

/** The creator as shown in text, markdown-safe: `@handle`, or the numeric id when no handle is known. */
export function creatorLabel(creator: Creator): string {
  // Neutralise again after adding our own '@': a handle named `everyone` must not become `@everyone`.
  return creator.username ? neutraliseMentions(`@${safeInline(creator.username, 60)}`) : `creator ${safeInline(creator.userid, 30)}`;
}

/** `YYYY-MM-DD` of an ISO time, or null. */
export function day(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM UTC` of an ISO time, or the input's first characters when unreadable. */
export function minuteUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? truncate(iso, 30) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The footer line every embed ends with: when the data was fetched and what it cost. */
export function footerText(fetchedAt: string, credits: number, demo: boolean): string {
  const source = demo ? 'Demo data' : 'Data from TikLiveAPI';
  return `${source}, fetched ${minuteUtc(fetchedAt)} · ${credits} credit${credits === 1 ? '' : 's'} spent`;
}

/**
 * Joins whole lines up to `max` characters; lines that do not fit are summarised as
 * "…and N more" so markdown is never cut in the middle.
 */
export function fitLines(lines: string[], max: number = L.fieldValue): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const more = `…and ${lines.length - i} more`;
    const cost = line.length + (out.length > 0 ? 1 : 0);
    const reserve = i < lines.length - 1 ? more.length + 1 : 0;
    if (used + cost + reserve > max) {
      out.push(more);
      break;
    }
    out.push(line);
    used += cost;
  }
  return truncate(out.join('\n'), max);
}

function embedSize(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + fields + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
}

/**
 * The last pass before sending: every text within its limit, at most 25 fields, and the whole
 * embed within 6000 characters (trailing fields go first, then the description shrinks).
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, L.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, L.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, L.footerText) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, L.authorName) };
  const fields: APIEmbedField[] = (out.fields ?? [])
    .slice(0, L.embedFields)
    .map((f) => ({ ...f, name: truncate(f.name, L.fieldName) || '\u200b', value: truncate(f.value, L.fieldValue) || '\u200b' }));
  out.fields = fields;
  while (embedSize(out) > L.embedTotal && fields.length > 0) fields.pop();
  if (embedSize(out) > L.embedTotal && out.description) {
    out.description = truncate(out.description, Math.max(0, out.description.length - (embedSize(out) - L.embedTotal)));
  }
  return out;
}

/** The chart URL when it fits in `embed.image.url`; otherwise null (attach the PNG instead). */
export function usableChartUrl(url: string | null): string | null {
  return url !== null && url.length <= L.imageUrl && /^https?:\/\//i.test(url) ? url : null;
}

/** Discord rejects an invalid embed timestamp; leave it out rather than fail the reply. */
export function isoTime(value: string): string | undefined {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
