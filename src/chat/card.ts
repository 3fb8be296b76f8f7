/**
 * The platform-neutral reply model. Every sentence a user reads is a card built in the core
 * (src/chat/cards/); Slack, Discord and the CLI only render cards into their own markup, within
 * their own limits. The same card carries the same facts in the same words everywhere.
 */
import type { CardAction } from './vocabulary';
import type { Inline } from './inline';

/** A small picture in front of a line; each surface draws it its own way (emoji, or nothing). */
export type Icon = 'warning' | 'info' | 'template' | 'waiting' | 'missing' | 'ok';

export interface ListItem {
  icon?: Icon;
  text: Inline;
  /** Buttons that act on this item alone (a subscription's Pause, Edit, Unsubscribe). */
  actions?: CardAction[];
}

export type Block =
  /** A paragraph. */
  | { kind: 'text'; text: Inline }
  /** Label/value pairs shown side by side where the surface can (Slack fields, Discord inline fields). */
  | { kind: 'fields'; fields: Array<{ label: Inline; value: Inline }> }
  /** A titled list: flags, the content mix, the per-post breakdown, subscriptions. */
  | { kind: 'list'; title: Inline | null; items: ListItem[] };

/** A picture the card shows: by link where the surface can load it, otherwise as an uploaded PNG. */
export interface CardChart {
  /** The link the surface shows as the image; null when the chart travels as an uploaded PNG. */
  url: string | null;
  /** Draws the PNG (QuickChart POST /chart or in-process); absent where nothing can be uploaded. */
  png?: () => Promise<Buffer>;
  /** Plain text describing the whole chart (screen readers, broken images). */
  alt: string;
  /** Plain text title of the picture. */
  title: string;
}

export interface Card {
  /** One line; plain on surfaces whose titles take no markup. */
  title: Inline;
  /** The whole message in one sentence: notifications, search, text fallbacks. */
  summary: Inline;
  blocks: Block[];
  /** Small print at the end: where the data came from, what it cost. */
  footer: Inline[];
  /** Small print saying what is in the thread under the card; left out where no thread can follow. */
  threadNote?: Inline;
  tone: 'normal' | 'warning';
  /** The pictures: the main chart first (a comparison adds its quadrant-mix bars). */
  charts?: CardChart[];
  /** ISO time the data is from (shown as the message time where the surface has one). */
  at?: string;
  /** Buttons under the card (Slack actions, Discord components); surfaces without buttons omit them. */
  actions?: CardAction[];
}

/** Who may see an answer: everyone in the channel, or only the person who asked. */
export type Visibility = 'public' | 'private';

/**
 * What a command answers: a card, and optionally cards that belong under it (a thread). A private
 * reply has no thread of its own: surfaces show its thread cards right under the card.
 */
export interface Reply {
  visibility: Visibility;
  card: Card;
  /** Posted under the reply: the per-post breakdown. Empty when there is none. */
  thread: Card[];
  /** Plain-text name for the thread, where the surface names threads. */
  threadName?: string;
  /** The result as data (the CLI's --json): rates as fractions, ids as strings. */
  json?: () => unknown;
  /** The per-post breakdown as a spreadsheet file (the CLI's --csv; a file in the chat thread). */
  csv?: () => CsvFile;
}

/** A CSV attachment: a safe file name and RFC 4180 text. */
export interface CsvFile {
  name: string;
  text: string;
}

/**
 * The footer lines, led by the note on the thread when there is one (the last footer line stays
 * last: digests end it with the marker that finds them again).
 */
export function footerOf(card: Card): Inline[] {
  return card.threadNote ? [card.threadNote, ...card.footer] : card.footer;
}

/** The time the card's data is from, as a full ISO time; undefined when it has none that parses. */
export function cardTime(card: Card): string | undefined {
  const d = new Date(card.at ?? '');
  return card.at && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}

/** A private reply made of one card. */
export function privateReply(card: Card): Reply {
  return { visibility: 'private', card, thread: [] };
}

/** A one-sentence card: errors, refusals, confirmations. */
export function sentenceCard(sentence: Inline, tone: Card['tone'] = 'normal'): Card {
  return { title: [], summary: sentence, blocks: [{ kind: 'text', text: sentence }], footer: [], tone };
}

/** True for a card that is a single sentence (surfaces send it as plain message text). */
export function isSentence(card: Card): boolean {
  return card.title.length === 0 && card.footer.length === 0 && card.blocks.length === 1 && card.blocks[0]?.kind === 'text' && !card.charts?.length;
}
