/**
 * Reading a channel back for digests: who the bot is, whether a digest with a key is already in
 * the channel (every message since a time, page by page), and which parts of its thread exist.
 * Only the bot's own messages count as proof: anyone else's message carrying our metadata or
 * markers never suppresses a digest.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { findInPages } from '../../src/digest/lookup';
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

/** A failed call as the runner's DeliveryError. */
const refused = (err: unknown): never => {
  throw toDeliveryError(err);
};

const authSchema = z.object({ bot_id: z.string().optional(), user_id: z.string().optional(), app_id: z.string().optional() }).passthrough();

/** The bot's identity from `auth.test` (no scope needed). */
export async function fetchIdentity(client: webApi.WebClient): Promise<BotIdentity> {
  const parsed = authSchema.safeParse(await client.auth.test().catch(refused));
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

/** The digest metadata's payload when the message carries one of `eventType` for `key`, or null. */
function carries(m: Message, eventType: string, key: string): Record<string, unknown> | null {
  const meta = metadataSchema.safeParse(m.metadata);
  return meta.success && meta.data.event_type === eventType && meta.data.event_payload['key'] === key ? meta.data.event_payload : null;
}

/** One page of `conversations.<method>`; an answer we cannot read proves nothing either way, so it throws. */
async function readPage(client: webApi.WebClient, method: 'history' | 'replies', args: Record<string, unknown>, cursor: string | undefined) {
  const raw = await client.apiCall(`conversations.${method}`, { ...args, limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) }).catch(refused);
  const parsed = pageSchema.safeParse(raw);
  if (!parsed.success) throw toDeliveryError(new Error(`unreadable conversations.${method} answer`));
  return { items: parsed.data.messages, next: (parsed.data.has_more && parsed.data.response_metadata?.next_cursor) || undefined };
}

/**
 * The ts of the bot's own digest with this key posted at or after `since`, reading every page of
 * `conversations.history` back to `since` (so a busy channel cannot hide it), or null.
 */
export async function findOwnDigest(client: webApi.WebClient, me: BotIdentity, channel: string, key: string, since: Date | undefined): Promise<string | null> {
  const bound = since ? { oldest: (since.getTime() / 1000).toFixed(6), inclusive: true } : {};
  const read = async (cursor: string | undefined) => {
    const page = await readPage(client, 'history', { channel, ...bound }, cursor);
    // Without a time bound only the newest page is read (callers always pass one).
    return since ? page : { ...page, next: undefined };
  };
  const hit = await findInPages(read, (m) => Boolean(m.ts) && carries(m, DIGEST_EVENT_TYPE, key) !== null && isOwn(m, me), MAX_PAGES);
  if (hit === undefined) throw toDeliveryError(new Error('conversations.history kept paging'));
  return hit?.ts ?? null;
}

/** Which parts of a digest's thread the bot already posted (the chart is in the digest message itself). */
export interface ThreadParts {
  breakdown: boolean;
}

/** Reads the digest's thread (`conversations.replies`) and says which of the bot's parts are there. */
export async function threadParts(client: webApi.WebClient, me: BotIdentity, channel: string, ts: string, key: string): Promise<ThreadParts> {
  const isBreakdown = (m: Message) => m.ts !== ts && isOwn(m, me) && carries(m, DIGEST_PART_EVENT_TYPE, key)?.['part'] === 'breakdown';
  return { breakdown: Boolean(await findInPages((cursor: string | undefined) => readPage(client, 'replies', { channel, ts }, cursor), isBreakdown, MAX_PAGES)) };
}
