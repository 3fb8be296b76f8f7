/**
 * Discord's message and embed limits (developers/resources/message.mdx "Embed Limits").
 * One table, so truncation in render code and its tests read from the same numbers.
 */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author over all embeds of a message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  messageContent: 2000,
  threadName: 100,
} as const;

/** The attachment name the embed points at when the chart is uploaded. */
export const CHART_FILENAME = 'quadrants.png';

/** A Discord id (a snowflake: a user, a channel); mentions are built only from ids of this shape. */
export const SNOWFLAKE = /^\d{5,25}$/;
