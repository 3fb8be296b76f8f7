/**
 * Channel history of the fake Slack: how messages look, and conversations.history /
 * conversations.replies pages (newest first, `limit` per page, an offset cursor), as Slack pages them.
 * No jest globals: the benchmark imports the fake too.
 */

/** A message as channel history returns it. */
export interface SlackMessage {
  ts: string;
  channel: string;
  thread_ts?: string;
  text?: unknown;
  user?: string;
  bot_id?: string;
  app_id?: string;
  metadata?: unknown;
  files?: unknown[];
  [field: string]: unknown;
}

/** How the bot's own messages look: its user, bot and app ids. */
export const BOT = { user: 'U0BOT', bot_id: 'B0BOT', app_id: 'A0FAKE' } as const;

export function byTsDesc(a: SlackMessage, b: SlackMessage): number {
  return Number(b.ts) - Number(a.ts);
}

/** A message as history returns it: metadata only when asked for with include_all_metadata. */
export function historyView(m: SlackMessage, body: Record<string, unknown>): Record<string, unknown> {
  const { channel: _channel, metadata, ...rest } = m;
  const withMeta = body.include_all_metadata === true || body.include_all_metadata === 'true' || body.include_all_metadata === '1';
  return withMeta && metadata !== undefined ? { ...rest, metadata } : rest;
}

/** One page of `list` after `cursor` (an offset), `limit` long (default 100, as Slack). */
export function page(list: SlackMessage[], body: Record<string, unknown>, view: (m: SlackMessage) => Record<string, unknown>): Record<string, unknown> {
  const limit = Math.max(1, Math.min(999, Number(body.limit ?? 100) || 100));
  const offset = typeof body.cursor === 'string' && body.cursor.startsWith('off_') ? Number(body.cursor.slice(4)) || 0 : 0;
  const slice = list.slice(offset, offset + limit);
  const more = offset + limit < list.length;
  return { ok: true, messages: slice.map(view), has_more: more, response_metadata: { next_cursor: more ? `off_${offset + limit}` : '' } };
}

