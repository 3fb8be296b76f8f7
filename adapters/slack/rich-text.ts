/**
 * Inline text as Block Kit `rich_text`: the one place Slack shows text from outside exactly as it
 * is. Slack does not parse a rich_text `text` element: `*`, `_`, `~` and backticks are not
 * formatting, `<!channel>` and `<@U1>` are not mentions, `<https://x|y>` is not a link, and a bare
 * `@here` does not notify. Styles, mentions and links exist only as elements we build, so a title
 * or handle needs no escaping and no look-alikes, and a copied handle is the real one.
 */
import type { types } from '@slack/bolt';
import type { Icon, ListItem } from '../../src/chat/card';
import { plain, utcMinute, type Inline } from '../../src/chat/inline';
import { walkInline, type InlineMarkup } from '../../src/chat/inline-markup';
import { SLACK_ID } from './constants';
import { packBy } from '../../src/chat/fit';
import { SLACK_LIMITS } from './limits';

type Element = types.RichTextElement;
type Section = types.RichTextSection;
export type RichTextBlock = types.RichTextBlock;

/** Emoji names for item icons (rich_text draws them as emoji elements, never from text). */
export const ICON_EMOJI: Record<Icon, string> = {
  warning: 'warning',
  info: 'information_source',
  template: 'repeat',
  waiting: 'hourglass',
  missing: 'grey_question',
  ok: 'white_check_mark',
};

/** Each piece of inline text as a rich_text element (our styles as element styles, outside text as bare text); null for no text. */
const RICH: InlineMarkup<Element | null> = {
  text: (text) => (text === '' ? null : { type: 'text', text }),
  strong: (text) => (text === '' ? null : { type: 'text', text, style: { bold: true } }),
  code: (text) => (text === '' ? null : { type: 'text', text, style: { code: true } }),
  untrusted: (text) => RICH.text(text),
  id: SLACK_ID,
  user: (id) => ({ type: 'user', user_id: id }),
  channel: (id) => ({ type: 'channel', channel_id: id }),
  time: (timestamp, iso) => ({ type: 'date', timestamp, format: '{date_short_pretty} at {time}', fallback: utcMinute(iso) }),
  link: (text, url) => ({ type: 'link', url, text }),
};

/** Inline text as rich_text elements. */
export function richElements(inline: Inline): Element[] {
  return walkInline(inline, RICH).filter((e): e is Element => e !== null);
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
  const head: Section | null = title ? section(capElements(richElements(title), SLACK_LIMITS.richText)) : null;
  const lines = items.map((item) => section(capElements(itemElements(item), SLACK_LIMITS.richText)));
  const groups = packBy(lines, (line) => visibleLength(line.elements) + 1, SLACK_LIMITS.richText, SLACK_LIMITS.richTextListItems, head ? visibleLength(head.elements) : null);
  return groups.map((group, i) => ({
    type: 'rich_text',
    elements: [...(i === 0 && head ? [head] : []), ...(group.length > 0 ? [{ type: 'rich_text_list' as const, style: 'bullet' as const, elements: group }] : [])],
  }));
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
