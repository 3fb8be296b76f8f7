/**
 * Reading a channel back for digests: who the bot is, whether a digest with a key is already in
 * the channel (every message since a time, page by page), and which parts of its thread exist.
 * Only the bot's own messages count as proof: anyone else's message carrying our metadata or
 * markers never suppresses a digest.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { toDeliveryError } from './digest-client';

/** The metadata event type every digest message carries. */
export const DIGEST_EVENT_TYPE = 'quadrants_digest';
/** The metadata event type of a digest's breakdown reply, so a recovery can see it is there. */
export const DIGEST_PART_EVENT_TYPE = 'quadrants_digest_part';
/** Messages per history page (Slack recommends at most 200). */
export const HISTORY_PAGE = 200;
/** A guard against a server that never stops paging; far above what a time-bounded read needs. */
const MAX_PAGES = 500;

/** The ids that mark a message as the bot's own. */
export interface BotIdentity {
  botId: string | null;
  userId: string | null;
  appId: string | null;
}

const authSchema = z.object({ bot_id: z.string().optional(), user_id: z.string().optional(), app_id: z.string().optional() }).passthrough();

/** The bot's identity from `auth.test` (no scope needed). */
export async function fetchIdentity(client: webApi.WebClient): Promise<BotIdentity> {
  let raw: unknown;
  try {
    raw = await client.auth.test();
  } catch (err) {
    throw toDeliveryError(err);
  }
  const parsed = authSchema.safeParse(raw);
  const d = parsed.success ? parsed.data : {};
  return { botId: d.bot_id ?? null, userId: d.user_id ?? null, appId: d.app_id ?? null };
}

const messageSchema = z
  .object({
    ts: z.string().optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
    app_id: z.string().optional(),
    metadata: z.unknown().optional(),
    files: z.array(z.unknown()).optional(),
  })
  .passthrough();
type Message = z.infer<typeof messageSchema>;
const pageSchema = z.object({
  messages: z.array(messageSchema).default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).passthrough().optional(),
});
const metadataSchema = z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) });

/** True when the bot itself posted the message (by bot id, app id or bot user id). */
export function isOwn(m: Message, me: BotIdentity): boolean {
  return (
    (me.botId !== null && m.bot_id === me.botId) ||
    (me.appId !== null && m.app_id === me.appId) ||
    (me.userId !== null && m.user === me.userId)
  );
}

function metadataOf(m: Message): z.infer<typeof metadataSchema> | null {
  const meta = metadataSchema.safeParse(m.metadata);
  return meta.success ? meta.data : null;
}

/**
 * The ts of the bot's own digest with this key posted at or after `since`, reading every page of
 * `conversations.history` back to `since` (so a busy channel cannot hide it), or null.
 */
export async function findOwnDigest(
  client: webApi.WebClient,
  me: BotIdentity,
  channel: string,
  key: string,
  since: Date | undefined,
): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let raw: unknown;
    try {
      raw = await client.conversations.history({
        channel,
        limit: HISTORY_PAGE,
        include_all_metadata: true,
        ...(since ? { oldest: (since.getTime() / 1000).toFixed(6), inclusive: true } : {}),
        ...(cursor ? { cursor } : {}),
      });
    } catch (err) {
      throw toDeliveryError(err);
    }
    const parsed = pageSchema.safeParse(raw);
    // An answer we cannot read proves nothing either way: refuse to post rather than risk a double.
    if (!parsed.success) throw toDeliveryError(new Error('unreadable conversations.history answer'));
    for (const m of parsed.data.messages) {
      const meta = metadataOf(m);
      if (m.ts && meta?.event_type === DIGEST_EVENT_TYPE && meta.event_payload['key'] === key && isOwn(m, me)) return m.ts;
    }
    cursor = parsed.data.response_metadata?.next_cursor;
    // Without a time bound only the newest page is read (callers always pass one).
    if (!since || !parsed.data.has_more || !cursor) return null;
  }
  throw toDeliveryError(new Error('conversations.history kept paging'));
}

/** Which parts of a digest's thread the bot already posted (the chart is in the digest message itself). */
export interface ThreadParts {
  breakdown: boolean;
}

/** Reads the digest's thread (`conversations.replies`) and says which of the bot's parts are there. */
export async function threadParts(client: webApi.WebClient, me: BotIdentity, channel: string, ts: string, key: string): Promise<ThreadParts> {
  const parts: ThreadParts = { breakdown: false };
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let raw: unknown;
    try {
      raw = await client.conversations.replies({ channel, ts, limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
    } catch (err) {
      throw toDeliveryError(err);
    }
    const parsed = pageSchema.safeParse(raw);
    if (!parsed.success) throw toDeliveryError(new Error('unreadable conversations.replies answer'));
    for (const m of parsed.data.messages) {
      if (m.ts === ts || !isOwn(m, me)) continue;
      const meta = metadataOf(m);
      if (meta?.event_type === DIGEST_PART_EVENT_TYPE && meta.event_payload['key'] === key && meta.event_payload['part'] === 'breakdown') parts.breakdown = true;
    }
    cursor = parsed.data.response_metadata?.next_cursor;
    if (!parsed.data.has_more || !cursor) return parts;
  }
  return parts;
}
