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
import { Routes, type Client, type REST } from 'discord.js';
import { z } from 'zod';
import { digestReply } from '../../src/chat/actions/digest';
import type { Reply } from '../../src/chat/card';
import { chartDelivery } from '../../src/chat/chart-delivery';
import { DeliveryError, type Digest, type DigestDelivery, type FindOptions, type Subscription } from '../../src/digest/types';
import type { Logger } from '../../src/log';
import type { QuadrantReport } from '../../src/quadrants/types';
import { call, DIGEST_CALL_TIMEOUT_MS, digestMarker, fetchBotUserId, findOwnDigest } from './digest-history';
import { completeBreakdownThread, postBreakdownThread } from './digest-thread';
import { CHART_FILENAME } from './limits';
import { renderContent, renderEmbed, threadName } from './render';

export { digestMarker, toDeliveryError } from './digest-history';

/** Without a bound from the runner, `findPosted` reads back this far. */
const DEFAULT_LOOKBACK_MS = 24 * 60 * 60_000;

/** A digest's reply, with the marker closing its footer. */
export function digestReplyFor(digest: Digest, chartPng?: (report: QuadrantReport) => Promise<Buffer>): Reply {
  return digestReply(digest, { marker: digestMarker(digest.idempotencyKey), ...(chartPng ? { chartPng } : {}) });
}

/**
 * The message body POSTed for one digest. `image` overrides the embed image (an attachment://
 * name); by default the chart URL is shown when Discord can load it.
 */
export function digestMessage(digest: Digest, image?: string | null): Record<string, unknown> {
  const reply = digestReplyFor(digest);
  const base = { nonce: digest.idempotencyKey, enforce_nonce: true, allowed_mentions: { parse: [] } };
  // A "no new posts" digest is one line plus its footer (ending with the marker) as subtext.
  if (digest.noNewPosts || digest.report === null) return { ...base, content: renderContent(reply.card).join('\n') };
  const url = chartDelivery(reply, 'discord') === 'url' ? (reply.card.chart?.url ?? null) : null;
  return { ...base, embeds: [renderEmbed(reply.card, image === undefined ? url : image)] };
}

export interface DiscordDigestDeliveryOptions {
  /** The adapter's client (its REST uses the adapter's own undici Agent), or a REST instance. */
  client?: Client;
  rest?: REST;
  logger: Logger;
  /** Renders the chart PNG when its URL is too long for an embed; without it the embed has no image then. */
  chartPng?: (report: QuadrantReport) => Promise<Buffer>;
  /** Deadline of each REST call, the client's own retries included. Default DIGEST_CALL_TIMEOUT_MS. */
  timeoutMs?: number;
  /**
   * The bot token. discord.js drops the REST token after any 401; with it, each call restores it,
   * so deliveries paused by a 401 resume by themselves once Discord accepts the token again.
   */
  token?: string;
}

/** The breakdown thread of a digest's reply, or null when it has none. */
function threadOf(reply: Reply): { name: string; contents: string[] } | null {
  const contents = reply.thread.flatMap((c) => renderContent(c));
  return contents.length > 0 ? { name: threadName(reply.threadName ?? 'Per-post breakdown'), contents } : null;
}

/** The Discord `DigestDelivery`: posts with nonce + footer marker and a breakdown thread, finds the bot's own by either. */
export function createDiscordDigestDelivery(options: DiscordDigestDeliveryOptions): DigestDelivery {
  const rest = options.rest ?? options.client?.rest;
  if (!rest) throw new Error('createDiscordDigestDelivery needs a client or a REST instance');
  const log = options.logger.child({ component: 'discord-digest' });
  const timeoutMs = options.timeoutMs ?? DIGEST_CALL_TIMEOUT_MS;
  const restoreToken = (): void => {
    if (options.token) rest.setToken(options.token);
  };
  // Asked once and kept; a failed look-up is not kept, so a fixed token is picked up later.
  let me: Promise<string> | null = null;
  const botUserId = (): Promise<string> => {
    me ??= fetchBotUserId(rest, timeoutMs).catch((err: unknown) => {
      me = null;
      throw err;
    });
    return me;
  };

  const replyOf = (digest: Digest): Reply => digestReplyFor(digest, options.chartPng);

  /** The PNG to attach when the chart URL cannot be shown (null: the URL is used, or there is nothing to draw). */
  async function chartFile(reply: Reply): Promise<Buffer | null> {
    if (chartDelivery(reply, 'discord') !== 'upload' || !reply.png) return null;
    try {
      return await reply.png();
    } catch (err) {
      log.warn('discord.digest.png_failed', { error: err });
      return null;
    }
  }

  return {
    platform: 'discord',

    async findPosted(sub: Subscription, key: string, find?: FindOptions): Promise<string | null> {
      restoreToken();
      const since = find?.since ?? new Date(Date.now() - DEFAULT_LOOKBACK_MS);
      return findOwnDigest(rest, await botUserId(), sub.channelId, key, since, timeoutMs);
    },

    async post(digest: Digest): Promise<string> {
      restoreToken();
      const channelId = digest.subscription.channelId;
      const reply = replyOf(digest);
      const png = await chartFile(reply);
      const body = png ? digestMessage(digest, `attachment://${CHART_FILENAME}`) : digestMessage(digest);
      let raw: unknown;
      try {
        raw = await call(rest, 'post', Routes.channelMessages(channelId), { body, ...(png ? { files: [{ name: CHART_FILENAME, data: png, contentType: 'image/png' }] } : {}) }, timeoutMs);
      } catch (err) {
        const e = err instanceof DeliveryError ? err : new DeliveryError('Discord could not be reached', { cause: err });
        log.warn('discord.digest.post_failed', { channel: channelId, reason: e.reason, permanent: e.permanent });
        throw e;
      }
      const sent = z.object({ id: z.string() }).passthrough().safeParse(raw);
      if (!sent.success) throw new DeliveryError('Discord answered without a message id');
      const thread = threadOf(reply);
      if (thread) {
        // The digest is out: a failed thread is logged, and a later recovery would not see it anyway.
        await postBreakdownThread({ rest, channelId, messageId: sent.data.id, ...thread, timeoutMs }).catch((err: unknown) =>
          log.warn('discord.digest.thread_failed', { channel: channelId, error: err }),
        );
      }
      return sent.data.id;
    },

    async complete(digest: Digest, messageId: string): Promise<void> {
      const thread = threadOf(replyOf(digest));
      if (!thread) return;
      await completeBreakdownThread({ rest, channelId: digest.subscription.channelId, messageId, ...thread, timeoutMs }, botUserId, log);
    },
  };
}
