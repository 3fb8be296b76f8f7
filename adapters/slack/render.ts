/**
 * Cards → Block Kit. Renders only: every word comes from the core's card. Anything that holds text
 * from outside (a title, a handle) is drawn as rich_text, where Slack parses no markup, so it shows
 * exactly as it is and still cannot format, mention or link; our own words alone go as mrkdwn,
 * escaped. Mentions are built only from ids Slack made; links only from URLs we built.
 */
import type { types } from '@slack/bolt';
import type { Block as CardBlock, Card, CardChart, Icon, ListItem, Reply } from '../../src/chat/card';
import { footerOf, isSentence } from '../../src/chat/card';
import { BUTTON_PREFIX, type CardAction } from '../../src/chat/buttons';
import { hasUntrusted, plain, utcMinute, type Inline } from '../../src/chat/inline';
import { walkInline, type InlineMarkup } from '../../src/chat/inline-markup';
import { SLACK_ID } from './constants';
import { escapeMrkdwn, neutraliseMrkdwn } from './escape';
import { packLines, SLACK_LIMITS, truncate } from './limits';
import { ICON_EMOJI, plainLine, richFields, richList, richParagraph } from './rich-text';

export type Block = types.KnownBlock;

/**
 * A message ready for chat.postMessage or response_url: blocks plus a `text` that reads well alone.
 * `mrkdwn: false` when `text` is the plain fallback of a card with blocks (notifications show it).
 */
export interface SlackMessage {
  text: string;
  blocks?: Block[];
  mrkdwn?: boolean;
}

/** Slack's mrkdwn for each piece of inline text (a moment in the reader's own time zone, UTC text as the fallback). */
const MRKDWN: InlineMarkup<string> = {
  text: escapeMrkdwn,
  strong: (t) => `*${escapeMrkdwn(t)}*`,
  code: (t) => `\`${escapeMrkdwn(t.replace(/`/g, "'"))}\``,
  untrusted: neutraliseMrkdwn,
  id: SLACK_ID,
  user: (id) => `<@${id}>`,
  channel: (id) => `<#${id}>`,
  time: (seconds, iso) => `<!date^${seconds}^{date_short_pretty} at {time}|${utcMinute(iso)}>`,
  link: (text, url) => `<${url}|${escapeMrkdwn(text).replace(/\|/g, '∣')}>`,
};

/**
 * Inline text as mrkdwn. Text from outside only reaches mrkdwn where a caller has no other place
 * for it; there it loses its formatting characters to look-alikes (the renderers below draw it as
 * rich_text instead, verbatim).
 */
export function mrkdwn(inline: Inline): string {
  return walkInline(inline, MRKDWN).join('');
}

/**
 * The top-level `text` of a message with blocks (sent with `mrkdwn: false`, so nothing in it
 * formats): words as they are, with `&`, `<`, `>` escaped as Slack's message text always needs, so
 * nothing from outside is a mention or link; the people, channels and times we name keep their
 * `<…>` forms (built from ids Slack made), so a notification still reads "@Ann" and a local time.
 */
export function fallbackText(inline: Inline): string {
  const text = inline.map((s) => (s.kind === 'user' || s.kind === 'channel' || s.kind === 'time' ? mrkdwn([s]) : escapeMrkdwn(plain([s])))).join('');
  return truncate(text, SLACK_LIMITS.messageText);
}

/** A paragraph: mrkdwn when it is all our words, rich_text (shown verbatim) when it holds outside text. */
function paragraph(inline: Inline): Block {
  return hasUntrusted(inline) ? richParagraph(inline) : section(mrkdwn(inline));
}

/** Inline text for plain_text objects (headers, titles): never parsed, only flattened and cut. */
export function plainText(inline: Inline, max: number): string {
  return truncate(plain(inline).replace(/\s+/g, ' ').trim(), max);
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) } };
}

function itemLine(item: ListItem): string {
  // The same emoji rich_text draws as elements, as a code.
  return `${item.icon ? `:${ICON_EMOJI[item.icon]}: ` : '• '}${mrkdwn(item.text)}`;
}

function renderBlock(block: CardBlock, index: number): Block[] {
  switch (block.kind) {
    case 'text':
      return [paragraph(block.text)];
    case 'fields': {
      if (block.fields.some((f) => hasUntrusted(f.label) || hasUntrusted(f.value))) return [richFields(block.fields)];
      const out: Block[] = [];
      for (let i = 0; i < block.fields.length; i += SLACK_LIMITS.sectionFields) {
        const chunk = block.fields.slice(i, i + SLACK_LIMITS.sectionFields);
        out.push({
          type: 'section',
          fields: chunk.map((f) => ({ type: 'mrkdwn' as const, text: truncate(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, SLACK_LIMITS.fieldText) })),
        });
      }
      return out;
    }
    case 'list': {
      // Items with their own buttons: a section each, its buttons right under it.
      if (block.items.some((i) => i.actions?.length)) {
        const out: Block[] = block.title ? [paragraph(block.title)] : [];
        block.items.forEach((item, i) => {
          out.push(hasUntrusted(item.text) ? (richList(null, [item])[0] as Block) : section(itemLine(item)));
          if (item.actions?.length) out.push(actionsBlock(item.actions, `quadrants_item_${index}_${i}`));
        });
        return out;
      }
      if ((block.title && hasUntrusted(block.title)) || block.items.some((i) => hasUntrusted(i.text) || i.text.some((s) => s.kind === 'link'))) return richList(block.title, block.items);
      const lines = [...(block.title ? [mrkdwn(block.title)] : []), ...block.items.map(itemLine)];
      return packLines(lines, SLACK_LIMITS.sectionText).map(section);
    }
  }
}

const plainObject = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: false });

/** One button: action id `quadrants:<kind>`, the value what the click needs; red and asking first when it removes something. */
function button(a: CardAction) {
  return {
    type: 'button' as const,
    action_id: `${BUTTON_PREFIX}${a.kind}`,
    text: plainObject(a.label, SLACK_LIMITS.buttonText),
    value: a.value,
    ...(a.danger ? { style: 'danger' as const } : {}),
    ...(a.confirm
      ? {
          confirm: {
            title: plainObject(a.confirm.title, SLACK_LIMITS.confirmTitle),
            text: plainObject(a.confirm.text, SLACK_LIMITS.confirmText),
            confirm: plainObject(a.confirm.yes, SLACK_LIMITS.confirmButton),
            deny: plainObject(a.confirm.no, SLACK_LIMITS.confirmButton),
            ...(a.danger ? { style: 'danger' as const } : {}),
          },
        }
      : {}),
  };
}

/** Buttons as one actions block (block ids are unique within a message or view). */
function actionsBlock(actions: readonly CardAction[], blockId = 'quadrants_actions'): Block {
  return { type: 'actions', block_id: blockId, elements: actions.slice(0, SLACK_LIMITS.actionsElements).map(button) };
}

/** Caps a block list at Slack's limit (50 in a message), keeping the last block (the context line) in place. */
function capBlocks(blocks: Block[], max: number = SLACK_LIMITS.blocks): Block[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), blocks[blocks.length - 1] as Block];
}

/**
 * One card as a message: charts with a link become image blocks, and so do charts uploaded as
 * files (`files`: the chart's Slack file id), shown by `slack_file`; a chart with neither is left
 * out. A one-sentence card is plain text.
 */
export function renderCard(card: Card, files?: ReadonlyMap<CardChart, string>): SlackMessage {
  if (isSentence(card)) {
    // A sentence that quotes outside text (a handle not found) shows it verbatim in rich_text.
    if (hasUntrusted(card.summary)) return { text: fallbackText(card.summary), mrkdwn: false, blocks: [richParagraph(card.summary)] };
    return { text: truncate(mrkdwn(card.summary), SLACK_LIMITS.messageText) };
  }
  const blocks: Block[] = [];
  if (card.title.length > 0) blocks.push({ type: 'header', text: { type: 'plain_text', text: plainText(card.title, SLACK_LIMITS.headerText), emoji: false } });
  for (const chart of card.charts ?? []) {
    const file = files?.get(chart);
    if (!chart.url && !file) continue;
    blocks.push({
      type: 'image',
      ...(chart.url ? { image_url: chart.url } : { slack_file: { id: file as string } }),
      alt_text: truncate(chart.alt, SLACK_LIMITS.altText),
      title: { type: 'plain_text', text: truncate(chart.title, SLACK_LIMITS.imageTitle), emoji: false },
    });
  }
  // A card with nothing but its summary (an empty list), or a list of items with buttons (whose
  // count and page the summary states), shows the summary too: Slack shows no `text` beside blocks.
  if (card.blocks.length === 0 || card.blocks.some((b) => b.kind === 'list' && b.items.some((i) => i.actions?.length))) blocks.push(paragraph(card.summary));
  card.blocks.forEach((b, i) => blocks.push(...renderBlock(b, i)));
  if (card.actions?.length) blocks.push(actionsBlock(card.actions));
  const footer = footerOf(card);
  if (footer.length > 0) {
    blocks.push({
      type: 'context',
      // A footer line that quotes outside text goes as plain_text: never parsed, emoji off.
      elements: footer
        .slice(0, SLACK_LIMITS.contextElements)
        .map((f) => (hasUntrusted(f) ? plainObject(plainLine(f) || ' ', SLACK_LIMITS.contextText) : { type: 'mrkdwn' as const, text: truncate(mrkdwn(f), SLACK_LIMITS.contextText) })),
    });
  }
  return { text: fallbackText(card.summary), mrkdwn: false, blocks: capBlocks(blocks) };
}

/** A private reply as one ephemeral message: the card, then whatever would have gone in a thread. */
export function renderPrivate(reply: Reply): SlackMessage {
  const parts = [reply.card, ...reply.thread].map((c) => renderCard(c));
  if (parts.every((p) => !p.blocks)) return { text: truncate(parts.map((p) => p.text).join('\n\n'), SLACK_LIMITS.messageText) };
  const blocks = parts.flatMap((p) => p.blocks ?? [section(p.text)]);
  const first = reply.card;
  return { text: isSentence(first) && !hasUntrusted(first.summary) ? fallbackText(first.summary) : (parts[0]?.text ?? ''), mrkdwn: false, blocks: capBlocks(blocks) };
}

/**
 * Cards stacked in one surface that shows blocks (the App Home tab, a list redrawn in place):
 * a note first, then the list. One-sentence cards become a section.
 */
export function renderStack(cards: readonly Card[], maxBlocks: number): SlackMessage & { blocks: Block[] } {
  const parts = cards.map((c) => renderCard(c));
  const blocks = parts.flatMap((p) => p.blocks ?? [section(p.text)]);
  return { text: fallbackText(cards.flatMap((c, i) => (i === 0 ? c.summary : [{ kind: 'text' as const, text: '\n\n' }, ...c.summary]))), mrkdwn: false, blocks: capBlocks(blocks, maxBlocks) };
}

/** The App Home tab: the note (when a turn gave one) above the list, within Slack's 100 blocks of a view. */
export function renderHome(cards: readonly Card[]): types.HomeView {
  return { type: 'home', blocks: renderStack(cards, SLACK_LIMITS.viewBlocks).blocks };
}
