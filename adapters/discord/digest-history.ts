/**
 * Reading a Discord channel back for digests: failures as the runner understands them, a deadline
 * for every REST call, the bot's own user id, and the look-up of a digest already posted: every
 * message since the run began (`after` = a snowflake made from that time, paged 100 at a time),
 * of which only the bot's own count, whoever else writes the marker.
 */
import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST, type RequestData, type RouteLike } from 'discord.js';
import { z } from 'zod';
import { findInPages, withDeadline } from '../../src/digest/lookup';
import { DeliveryError } from '../../src/digest/types';

/** Discord's largest page of channel messages. */
export const HISTORY_PAGE = 100;
/** A guard against a server that never stops paging; far above what a time-bounded read needs. */
const MAX_PAGES = 1000;
/** Discord's epoch (2015-01-01), the zero of snowflake timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The smallest snowflake of `time`: `after` it means "posted at or after time". */
export function snowflakeAt(time: Date): string {
  const ms = BigInt(Math.max(0, Math.floor(time.getTime()))) - DISCORD_EPOCH;
  return ms <= 0n ? '0' : ((ms << 22n) - 1n).toString();
}

/** The footer marker that identifies a digest's (subscription, period). */
export function digestMarker(idempotencyKey: string): string {
  return `ref ${idempotencyKey}`;
}

/** The channel's problems: the subscription is disabled with the reason. */
export const CHANNEL_PROBLEMS: Readonly<Record<number, string>> = {
  10003: 'the channel no longer exists',
  50001: 'the bot cannot see this channel',
  50013: 'the bot is missing permissions in this channel',
};

/**
 * Discord errors as the digest runner understands them; never includes the token or a URL. A 401
 * is the bot token itself (one token for the whole platform): every Discord delivery pauses.
 */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) return new DeliveryError('Discord rate limit', { retryAfterMs: err.retryAfter, cause: err });
  // discord.js forgets the token after a 401 and then refuses every call until it is set again.
  const tokenRefused = err instanceof Error && err.message.startsWith('Expected token to be set');
  if (((err instanceof DiscordAPIError || err instanceof HTTPError) && err.status === 401) || tokenRefused) {
    return new DeliveryError('Discord rejected the bot token', { pause: 'platform', cause: err });
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const reason = CHANNEL_PROBLEMS[code];
    if (reason) return new DeliveryError(reason, { permanent: true, cause: err });
    if (err.status === 429) return new DeliveryError('Discord rate limit', { retryAfterMs: 1000, cause: err });
    return new DeliveryError(`Discord refused the message (code ${code || err.status})`, { cause: err });
  }
  if (err instanceof HTTPError) return new DeliveryError(`Discord answered HTTP ${err.status}`, { cause: err });
  if (err instanceof Error && err.name === 'AbortError') return new DeliveryError('Discord did not answer in time', { cause: err });
  return new DeliveryError('Discord could not be reached', { cause: err });
}

/** A REST call with an overall deadline (a 429's wait included), as a DeliveryError on failure. */
export async function call(
  rest: REST,
  method: 'get' | 'post',
  route: RouteLike,
  options: RequestData,
  timeoutMs: number,
): Promise<unknown> {
  try {
    return await withDeadline(timeoutMs, (signal) => rest[method](route, { ...options, signal }));
  } catch (err) {
    throw toDeliveryError(err);
  }
}

const userSchema = z.object({ id: z.string() }).passthrough();

/** The bot's own user id (`GET /users/@me`). */
export async function fetchBotUserId(rest: REST, timeoutMs: number): Promise<string> {
  const parsed = userSchema.safeParse(await call(rest, 'get', Routes.user(), {}, timeoutMs));
  if (!parsed.success) throw new DeliveryError('Discord answered /users/@me without an id');
  return parsed.data.id;
}

const messagesSchema = z.array(
  z
    .object({
      id: z.string(),
      author: z.object({ id: z.string() }).passthrough().nullish(),
      nonce: z.union([z.string(), z.number()]).nullish(),
      content: z.string().nullish(),
      embeds: z.array(z.object({ footer: z.object({ text: z.string() }).nullish() }).passthrough()).nullish(),
    })
    .passthrough(),
);
export type HistoryMessage = z.infer<typeof messagesSchema>[number];

/** One page of messages after `after` (Discord answers newest first). */
export async function messagesAfter(rest: REST, channelId: string, after: string, timeoutMs: number): Promise<HistoryMessage[]> {
  const raw = await call(rest, 'get', Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: String(HISTORY_PAGE) }) }, timeoutMs);
  const parsed = messagesSchema.safeParse(raw);
  // An answer we cannot read proves nothing either way: refuse to post rather than risk a double.
  if (!parsed.success) throw new DeliveryError('Discord answered the history with something unreadable');
  return parsed.data;
}

/** The id of the bot's own digest with this key posted at or after `since`, reading every page, or null. */
export async function findOwnDigest(
  rest: REST,
  botUserId: string,
  channelId: string,
  key: string,
  since: Date,
  timeoutMs: number,
): Promise<string | null> {
  const marker = digestMarker(key);
  const matches = (m: HistoryMessage) =>
    m.author?.id === botUserId &&
    (String(m.nonce ?? '') === key || (m.content ?? '').endsWith(marker) || (m.embeds ?? []).some((e) => (e.footer?.text ?? '').endsWith(marker)));
  const read = async (cursor: string | undefined) => {
    const after = cursor ?? snowflakeAt(since);
    const items = await messagesAfter(rest, channelId, after, timeoutMs);
    // Whatever order the page came in, the next one starts after its newest message.
    return { items, next: items.length < HISTORY_PAGE ? undefined : items.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after) };
  };
  const hit = await findInPages(read, matches, MAX_PAGES);
  if (hit === undefined) throw new DeliveryError('Discord kept paging the channel history');
  return hit?.id ?? null;
}
