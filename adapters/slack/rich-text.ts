/**
 * Inline text as Block Kit `rich_text`: the one place Slack shows text from outside exactly as it
 * is. Slack does not parse a rich_text `text` element: `*`, `_`, `~` and backticks are not
 * formatting, `<!channel>` and `<@U1>` are not mentions, `<https://x|y>` is not a link, and a bare
 * `@here` does not notify. Styles, mentions and links exist only as elements we build, so a title
 * or handle needs no escaping and no look-alikes, and a copied handle is the real one.
 */
import type { types } from '@slack/bolt';
import type { Icon, ListItem } from '../../src/chat/card';
import { cleanUntrusted, isSafeLinkUrl, plain, utcMinute, type Inline } from '../../src/chat/inline';
import { SLACK_LIMITS } from './limits';

type Element = types.RichTextElement;
type Section = types.RichTextSection;
export type RichTextBlock = types.RichTextBlock;

const SLACK_ID = /^[A-Z0-9]{2,32}$/;

/** Emoji names for item icons (rich_text draws them as emoji elements, never from text). */
const ICON_EMOJI: Record<Icon, string> = {
  warning: 'warning',
  info: 'information_source',
  template: 'repeat',
  waiting: 'hourglass',
  missing: 'grey_question',
  ok: 'white_check_mark',
};

/** Inline text as rich_text elements: our styles as element styles, outside text as bare text. */
export function richElements(inline: Inline): Element[] {
  const out: Element[] = [];
  const textEl = (text: string, style?: { bold?: boolean; code?: boolean }) => {
    if (text !== '') out.push(style ? { type: 'text', text, style } : { type: 'text', text });
  };
  for (const s of inline) {
    switch (s.kind) {
      case 'text':
        textEl(s.text);
        break;
      case 'strong':
        textEl(s.text, { bold: true });
        break;
      case 'code':
        textEl(s.text, { code: true });
        break;
      case 'untrusted':
        textEl(cleanUntrusted(s.text, s.max));
        break;
      case 'user':
        if (SLACK_ID.test(s.id)) out.push({ type: 'user', user_id: s.id });
        else textEl('someone');
        break;
      case 'channel':
        if (SLACK_ID.test(s.id)) out.push({ type: 'channel', channel_id: s.id });
        else textEl('a channel');
        break;
      case 'time': {
        const ms = Date.parse(s.iso);
        if (Number.isFinite(ms)) out.push({ type: 'date', timestamp: Math.floor(ms / 1000), format: '{date_short_pretty} at {time}', fallback: utcMinute(s.iso) });
        else textEl('unknown time');
        break;
      }
      case 'link':
        if (isSafeLinkUrl(s.url)) out.push({ type: 'link', url: s.url, text: s.text });
        else textEl(s.text);
        break;
    }
  }
  return out;
}

/** Characters a reader sees in some elements (what the size caps below count). */
function visibleLength(elements: readonly Element[]): number {
  return elements.reduce((n, e) => n + (e.type === 'text' ? e.text.length : e.type === 'link' ? (e.text ?? e.url).length : e.type === 'date' ? (e.fallback ?? '').length : 12), 0);
}

/**
 * Cuts elements to at most `max` visible characters: a text element is shortened with an
 * ellipsis (whole characters), anything after the cut is left out.
 */
export function capElements(elements: readonly Element[], max: number): Element[] {
  const out: Element[] = [];
  let used = 0;
  for (const e of elements) {
    const n = visibleLength([e]);
    if (used + n <= max) {
      out.push(e);
      used += n;
      continue;
    }
    if (e.type === 'text' && max - used > 1) out.push({ ...e, text: `${[...e.text].slice(0, max - used - 1).join('')}…` });
    break;
  }
  return out;
}

function section(elements: Element[]): Section {
  return { type: 'rich_text_section', elements: elements.length > 0 ? elements : [{ type: 'text', text: ' ' }] };
}

/** One paragraph as a rich_text block, within our cap on a block's text. */
export function richParagraph(inline: Inline): RichTextBlock {
  return { type: 'rich_text', elements: [section(capElements(richElements(inline), SLACK_LIMITS.richText))] };
}

/** One list item's elements: its icon as an emoji element, then its text. */
export function itemElements(item: ListItem): Element[] {
  return [...(item.icon ? [{ type: 'emoji' as const, name: ICON_EMOJI[item.icon] }, { type: 'text' as const, text: ' ' }] : []), ...richElements(item.text)];
}

/**
 * A titled list as rich_text blocks: the title in bold, then the items as a bulleted list, spread
 * over as many blocks as our cap on a block's text needs (35 posts take two or three).
 */
export function richList(title: Inline | null, items: readonly ListItem[]): RichTextBlock[] {
  const blocks: RichTextBlock[] = [];
  let head: Section | null = title ? section(capElements(richElements(title), SLACK_LIMITS.richText)) : null;
  let current: Section[] = [];
  let used = head ? visibleLength(head.elements) : 0;
  const flush = () => {
    if (current.length === 0 && !head) return;
    blocks.push({ type: 'rich_text', elements: [...(head ? [head] : []), ...(current.length > 0 ? [{ type: 'rich_text_list' as const, style: 'bullet' as const, elements: current }] : [])] });
    head = null;
    current = [];
    used = 0;
  };
  for (const item of items) {
    const line = section(capElements(itemElements(item), SLACK_LIMITS.richText));
    const n = visibleLength(line.elements) + 1;
    if (used + n > SLACK_LIMITS.richText || current.length >= SLACK_LIMITS.richTextListItems) flush();
    current.push(line);
    used += n;
  }
  flush();
  return blocks;
}

/** Label/value pairs as one rich_text block: each label in bold on its own line, its value under it. */
export function richFields(fields: ReadonlyArray<{ label: Inline; value: Inline }>): RichTextBlock {
  const elements: Element[] = [];
  fields.forEach((f, i) => {
    elements.push(...richElements(f.label).map((e) => (e.type === 'text' ? { ...e, style: { ...e.style, bold: true } } : e)));
    elements.push({ type: 'text', text: '\n' }, ...richElements(f.value));
    if (i < fields.length - 1) elements.push({ type: 'text', text: '\n\n' });
  });
  return { type: 'rich_text', elements: [section(capElements(elements, SLACK_LIMITS.richText))] };
}

/** The visible text of inline content, for a plain_text object (context lines that hold outside text). */
export function plainLine(inline: Inline): string {
  return plain(inline).replace(/\s+/g, ' ').trim();
}
