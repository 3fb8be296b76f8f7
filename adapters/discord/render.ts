/**
 * Cards → Discord embeds and message content. Renders only: every word comes from the core's
 * card. Our words keep their meaning, text from outside is escaped and cannot mention anyone,
 * and every piece is cut to DISCORD_LIMITS so Discord never refuses a message.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { itemNumbers, renderActions, type ActionRows } from './components';
import type { Block, Card, Icon, ListItem, Reply } from '../../src/chat/card';
import { cardTime, footerOf, isSentence } from '../../src/chat/card';
import { cleanUntrusted, plain, type Inline } from '../../src/chat/inline';
import { walkInline, type InlineMarkup } from '../../src/chat/inline-markup';
import { fitLines as fitWhole, packLines } from '../../src/chat/fit';
import { neutraliseMentions, safeInline, safePlain, truncate } from './escape';
import { DISCORD_LIMITS as L, SNOWFLAKE } from './limits';

/** Embed colour: a calm blue, amber for warnings. */
export const COLOUR = { normal: 0x3b82f6, warning: 0xf59e0b } as const;

const ICONS: Record<Icon, string> = { warning: '⚠️', info: 'ℹ️', template: '📥', waiting: '⏳', missing: '❔', ok: '✅' };

/** Our own words: markdown characters shown as they are, mentions impossible. */
function ownWords(text: string): string {
  return neutraliseMentions(text.replace(/[\\*_~|`]/g, '\\$&'));
}

/** Discord markdown for each piece of inline text. */
const MARKDOWN: InlineMarkup<string> = {
  text: ownWords,
  strong: (t) => `**${ownWords(t)}**`,
  code: (t) => `\`${t.replace(/`/g, "'")}\``,
  untrusted: safeInline,
  id: SNOWFLAKE,
  user: (id) => `<@${id}>`,
  channel: (id) => `<#${id}>`,
  time: (seconds) => `<t:${seconds}:f>`,
  // A masked link whose text is ours and whose URL we built; `<…>` keeps Discord from unfurling
  // a preview of every post under the breakdown.
  link: (text, url) => `[${ownWords(text).replace(/[[\]]/g, '\\$&')}](<${url}>)`,
};

/** Inline text as Discord markdown. */
export function markdown(inline: Inline): string {
  return walkInline(inline, MARKDOWN).join('');
}

/**
 * Inline text for one-line places where Discord parses some markdown but no links (embed titles,
 * field names): our words as they are, text from outside escaped like everywhere else.
 */
export function titleText(inline: Inline, max: number): string {
  const text = inline
    .map((s) => (s.kind === 'untrusted' ? safeInline(cleanUntrusted(s.text, s.max), s.max) : s.kind === 'text' || s.kind === 'strong' || s.kind === 'link' ? ownWords(s.text) : plain([s])))
    .join('');
  return truncate(neutraliseMentions(text.replace(/\s+/g, ' ').trim()), max);
}

/** Inline text for places Discord shows without markdown (footers, thread names). */
export function plainText(inline: Inline, max: number): string {
  return safePlain(plain(inline), max);
}

function itemLine(item: ListItem, numbers: ReadonlyMap<ListItem, number>): string {
  const n = numbers.get(item);
  const icon = item.icon ? `${ICONS[item.icon]} ` : '';
  return `${n !== undefined ? `${n}. ${icon}` : icon || '• '}${markdown(item.text)}`;
}

/** Whole lines within `max` (a field value's by default), the rest summarised as "…and N more". */
export const fitLines = (lines: readonly string[], max: number = L.fieldValue): string => fitWhole(lines, max, truncate);

function embedSize(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + fields + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
}

/** The last pass: every text within its limit, at most 25 fields, the whole embed within 6000 characters. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, L.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, L.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, L.footerText) };
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

function blockParts(block: Block, numbers: ReadonlyMap<ListItem, number>): { description: string[]; fields: APIEmbedField[] } {
  const line = (item: ListItem) => itemLine(item, numbers);
  switch (block.kind) {
    case 'text':
      return { description: [markdown(block.text)], fields: [] };
    case 'fields':
      return { description: [], fields: block.fields.map((f) => ({ name: titleText(f.label, L.fieldName), value: fitLines([markdown(f.value)]), inline: true })) };
    case 'list':
      if (block.title === null) return { description: block.items.map(line), fields: [] };
      return { description: [], fields: [{ name: titleText(block.title, L.fieldName), value: fitLines(block.items.map(line)), inline: false }] };
  }
}

/** A card as an embed. `image` is what the embed shows: the chart URL, `attachment://…`, or null. */
export function renderEmbed(card: Card, image: string | null = null): APIEmbed {
  const description: string[] = [];
  const fields: APIEmbedField[] = [];
  const numbers = itemNumbers(card);
  // A card with nothing but its summary (an empty list) shows the summary; a list with buttons
  // leads with it, since only it says how many there are and which page this is.
  if (card.blocks.length === 0 || numbers.size > 0) description.push(markdown(card.summary));
  for (const b of card.blocks) {
    const parts = blockParts(b, numbers);
    description.push(...parts.description);
    fields.push(...parts.fields);
  }
  const embed: APIEmbed = {
    ...(card.title.length > 0 ? { title: titleText(card.title, L.embedTitle) } : {}),
    description: fitLines(description, L.embedDescription),
    color: COLOUR[card.tone],
    fields,
  };
  const footer = footerOf(card);
  if (footer.length > 0) embed.footer = { text: plainText(footer.flatMap((f, i) => (i === 0 ? f : [{ kind: 'text' as const, text: ' · ' }, ...f])), L.footerText) };
  const at = cardTime(card);
  if (at) embed.timestamp = at;
  if (image) embed.image = { url: image };
  return fitEmbed(embed);
}

/** A card as message content, in messages of at most 2000 characters (thread posts, sentences). */
export function renderContent(card: Card): string[] {
  if (isSentence(card)) return [truncate(markdown(card.summary), L.messageContent)];
  const lines: string[] = [];
  const numbers = itemNumbers(card);
  // The heading carries the creator's handle: text from outside, escaped like any other (a raw
  // handle such as `[x](https://evil.example)` would otherwise be a live masked link here).
  if (card.title.length > 0) lines.push(`**${titleText(card.title, L.messageContent - 4)}**`);
  for (const b of card.blocks) {
    if (b.kind === 'text') lines.push(markdown(b.text));
    else if (b.kind === 'fields') lines.push(...b.fields.map((f) => `${markdown(f.label)}: ${markdown(f.value)}`));
    else {
      if (b.title) lines.push('', markdown(b.title));
      lines.push(...b.items.map((item) => itemLine(item, numbers)));
    }
  }
  lines.push(...footerOf(card).map((f) => `-# ${markdown(f)}`));
  const messages = packLines(lines, L.messageContent, truncate);
  return messages.at(-1)?.trim() === '' ? messages.slice(0, -1) : messages;
}

/** A private reply as one message: a sentence as content, cards as embeds, and the card's buttons (the list of subscriptions). */
export function renderPrivate(reply: Reply): { content?: string; embeds: APIEmbed[]; components?: ActionRows } {
  const cards = [reply.card, ...reply.thread];
  const [first, ...rest] = cards;
  const rows = renderActions(reply.card);
  const components = rows.length > 0 ? { components: rows } : {};
  if (first && isSentence(first)) {
    return { content: truncate(markdown(first.summary), L.messageContent), embeds: rest.slice(0, L.embedsPerMessage).map((c) => renderEmbed(c)), ...components };
  }
  return { embeds: cards.slice(0, L.embedsPerMessage).map((c) => renderEmbed(c)), ...components };
}

/**
 * The list of subscriptions redrawn in place after a click: what the click did (its answer, a
 * refusal or an error) as a first embed on top, then the list and its buttons. Every field is
 * given, so what the message showed before is replaced, not kept.
 */
export function renderListRedraw(cards: readonly Card[], list: Card | null): { content: string; embeds: APIEmbed[]; components: ActionRows } {
  // A message holds at most 10 embeds; the list comes last, so keep the last ones.
  return { content: '', embeds: cards.slice(-10).map((c) => renderEmbed(c)), components: list ? renderActions(list) : [] };
}

/** A plain-text thread name (Discord shows it without markdown). */
export function threadName(name: string): string {
  return truncate(neutraliseMentions(name), L.threadName);
}
