/**
 * Slack's message limits in one table. Renderers truncate against these numbers (with the core's
 * truncate and packLines) and the tests check every rendered message against them.
 */
import { PLATFORMS } from '../../src/platforms';

export { packLines, truncate } from '../../src/chat/fit';

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
