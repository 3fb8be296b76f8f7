/**
 * Monthly digests on Discord: the embed (the usual report embed plus a drift field and the digest
 * footer) and the `DigestDelivery` the digest runner posts through, with the per-post breakdown
 * in a thread and the chart attached as a PNG when its URL is too long, as for reports.
 *
 * Finding a digest already posted (`findPosted`): we read every message since the run began
 * (paged, see digest-history.ts), keep only the bot's own, and match the idempotency key two ways.
 * (1) The message `nonce`, which we send with `enforce_nonce` so Discord itself refuses a second
 * message with the same nonce for a few minutes; Discord echoes the nonce on recent messages but
 * does not promise to keep it. (2) A `ref <key>` marker at the end of the footer (embed footer, or
 * the subtext line of a "no new posts" digest), which is stored with the message for good. The
 * marker is what we rely on; the nonce is checked too because it is free.
 */
import { RESTEvents, Routes, type Client, type REST } from 'discord.js';
import { z } from 'zod';
import { digestReply } from '../../src/chat/actions/digest';
import type { Reply } from '../../src/chat/card';
import type { ChartTools } from '../../src/chat/chart-delivery';
import type { DigestDeliveryOptions } from '../../src/chat/adapter-options';
import { platformDelivery } from '../../src/digest/platform-delivery';
import { DeliveryError, type Digest, type DigestDelivery } from '../../src/digest/types';
import type { Logger } from '../../src/log';
import { DIGEST_CALL_TIMEOUT_MS, keptOnceAnswered } from '../../src/digest/lookup';
import { call, digestMarker, fetchBotUserId, findOwnDigest } from './digest-history';
import { completeBreakdownThread, postBreakdownThread } from './digest-thread';
import { digestRestFrom } from './http';
import { embedsWithPictures, type Picture } from './pictures';
import { renderContent, threadName } from './render';
import { DISCORD } from '../../src/platforms';

export { digestMarker, toDeliveryError } from './digest-history';

/** Without a bound from the runner, `findPosted` reads back this far. */
const DEFAULT_LOOKBACK_MS = 24 * 60 * 60_000;

/** A digest's reply, with the marker closing its footer. */
export function digestReplyFor(digest: Digest, charts?: ChartTools): Reply {
  return digestReply(digest, { marker: digestMarker(digest.idempotencyKey), ...(charts ? { tools: charts } : {}) });
}

/**
 * The message POSTed for one digest: the body, and the chart PNGs to attach (drawn here when a
 * chart cannot go by link). The footer ends with the marker that finds the digest again.
 */
export async function digestMessage(digest: Digest, log: Logger, charts?: ChartTools): Promise<{ body: Record<string, unknown>; pictures: Picture[] }> {
  const reply = digestReplyFor(digest, charts);
  const base = { nonce: digest.idempotencyKey, enforce_nonce: true, allowed_mentions: { parse: [] } };
  // A "no new posts" digest is one line plus its footer (ending with the marker) as subtext.
  if (digest.noNewPosts || digest.report === null) return { body: { ...base, content: renderContent(reply.card).join('\n') }, pictures: [] };
  const { embeds, pictures } = await embedsWithPictures(reply.card, log);
  const attachments = pictures.map((p, id) => ({ id, filename: p.name, description: p.description }));
  return { body: { ...base, embeds, ...(attachments.length > 0 ? { attachments } : {}) }, pictures };
}

export interface DiscordDigestDeliveryOptions extends DigestDeliveryOptions {
  /**
   * The adapter's client (its REST uses the adapter's own undici Agent), or a REST instance. Digests
   * go through a copy of its REST that never retries by itself (see DIGEST_REST_OPTIONS) unless it
   * already does not.
   */
  client?: Client;
  rest?: REST;
  /**
   * The bot token. discord.js drops the REST token after any 401; with it, each call restores it,
   * so deliveries paused by a 401 resume by themselves once Discord accepts the token again.
   * Needed when the REST given retries by itself (it is copied without retries).
   */
  token?: string;
}

/** The id of the message a POST created; an answer without one proves nothing was posted as asked. */
function messageId(raw: unknown): string {
  const sent = z.object({ id: z.string() }).passthrough().safeParse(raw);
  if (!sent.success) throw new DeliveryError('Discord answered without a message id');
  return sent.data.id;
}

/** The breakdown thread of a digest's reply, or null when it has none. */
function threadOf(reply: Reply): { name: string; contents: string[] } | null {
  const contents = reply.thread.flatMap((c) => renderContent(c));
  return contents.length > 0 ? { name: threadName(reply.threadName ?? 'Per-post breakdown'), contents } : null;
}

/** The Discord `DigestDelivery`: posts with nonce + footer marker and a breakdown thread, finds the bot's own by either. */
export function createDiscordDigestDelivery(options: DiscordDigestDeliveryOptions): DigestDelivery {
  const given = options.rest ?? options.client?.rest;
  if (!given) throw new Error('createDiscordDigestDelivery needs a client or a REST instance');
  // Never the client's own retries: only the runner retries, after looking the digest up.
  const rest = digestRestFrom(given, options.token);
  const log = options.logger.child({ component: 'discord-digest' });
  // A copy has none of the caller's listeners: its waits for a spent rate-limit bucket are logged here.
  if (rest !== given) rest.on(RESTEvents.RateLimited, (info) => log.warn('discord.digest.rate_limited', { route: info.route, retryAfterMs: info.retryAfter, global: info.global }));
  const timeoutMs = options.timeoutMs ?? DIGEST_CALL_TIMEOUT_MS;
  // Asked once and kept; a failed look-up is not kept, so a fixed token is picked up later.
  const botUserId = keptOnceAnswered(() => fetchBotUserId(rest, timeoutMs));

  return platformDelivery<void>({
    platform: DISCORD,
    bot: async () => {
      if (options.token) rest.setToken(options.token);
    },
    reply: (digest) => digestReplyFor(digest, options.charts),

    async findOwn(_, channelId, key, since) {
      return findOwnDigest(rest, await botUserId(), channelId, key, since ?? new Date(Date.now() - DEFAULT_LOOKBACK_MS), timeoutMs);
    },

    async postAlert(_, place, card, key) {
      // The marker closes the small print, as on a digest's footer: findOwn finds it by either.
      const content = `${renderContent(card).join('\n')} · ${digestMarker(key)}`;
      const body = { content, nonce: key, enforce_nonce: true, allowed_mentions: { parse: [] } };
      return messageId(await call(rest, 'post', Routes.channelMessages(place.channelId), { body }, timeoutMs));
    },

    async postMessage(_, digest) {
      const channelId = digest.subscription.channelId;
      const { body, pictures } = await digestMessage(digest, log, options.charts);
      const files = pictures.map((p) => ({ name: p.name, data: p.data, contentType: 'image/png' }));
      const raw = await call(rest, 'post', Routes.channelMessages(channelId), { body, ...(files.length > 0 ? { files } : {}) }, timeoutMs).catch((err: unknown) => {
        const e = err instanceof DeliveryError ? err : new DeliveryError('Discord could not be reached', { cause: err });
        log.warn('discord.digest.post_failed', { channel: channelId, reason: e.reason, permanent: e.permanent });
        throw e;
      });
      return messageId(raw);
    },

    async postThread(_, digest, reply, messageId, fresh) {
      const thread = threadOf(reply);
      if (!thread) return;
      const target = { rest, channelId: digest.subscription.channelId, messageId, ...thread, timeoutMs };
      // A fresh digest is out: a failed thread is logged, and a later recovery would not see it anyway.
      if (fresh) await postBreakdownThread(target).catch((err: unknown) => log.warn('discord.digest.thread_failed', { channel: target.channelId, error: err }));
      else await completeBreakdownThread(target, botUserId, log);
    },

    async postNotice(_, sub, card) {
      const content = renderContent(card).join('\n');
      await call(rest, 'post', Routes.channelMessages(sub.channelId), { body: { content, allowed_mentions: { parse: [] } } }, timeoutMs);
    },
  });
}
