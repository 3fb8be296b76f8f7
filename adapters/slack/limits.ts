/**
 * Slack's message limits in one table. Renderers truncate against these
 * numbers and the tests check every rendered message against them.
 */
import { PLATFORMS } from '../../src/platforms';

export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** Characters in a section's text. */
  sectionText: 3000,
  /** Fields in one section. */
  sectionFields: 10,
  /** Characters in one section field. */
  fieldText: 2000,
  /** Characters in a header's plain_text. */
  headerText: 150,
  /** Characters in an image block's alt_text. */
  altText: 2000,
  /** Characters in an image block's title. */
  imageTitle: 2000,
  /** Characters in an image block's image_url (the platforms table's): longer chart URLs are uploaded as a PNG instead. */
  imageUrl: PLATFORMS.slack.chartUrlMax,
  /**
   * Visible characters we put in one rich_text block. Slack documents no number for rich_text; we
   * hold each block to a section's 3000 so a long breakdown spreads over blocks as sections did.
   */
  richText: 3000,
  /** Items in one rich_text list (our cap, for the same reason). */
  richTextListItems: 50,
  /** Elements in one context block. */
  contextElements: 10,
  /** Characters in a context element (a text object). */
  contextText: 3000,
  /** Characters of the top-level `text` before Slack truncates it. */
  messageText: 40000,
  /** Blocks in one view (a modal or the App Home tab). */
  viewBlocks: 100,
  /** Elements in one actions block. */
  actionsElements: 25,
  /** Characters in a button's text. */
  buttonText: 75,
  /** Characters of a confirm dialog's title, text, and its confirm / deny buttons. */
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const ELLIPSIS = '…';

/** Cuts `text` to at most `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  // Never split a surrogate pair: a lone half renders as a broken glyph.
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, Math.max(0, cut)) + ELLIPSIS;
}

/**
 * Packs lines into chunks of at most `max` characters joined by newlines (each line is cut
 * to `max` first), so long lists spread over several sections instead of breaking one.
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= max) current += `\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
