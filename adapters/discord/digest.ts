/**
 * Monthly digests on Discord: the embed (the usual report embed plus a drift field and the digest
 * footer) and the `DigestDelivery` the digest runner posts through.
 *
 * Finding a digest already posted (`findPosted`): we read the channel's 50 most recent messages
 * and match the idempotency key two ways. (1) The message `nonce`, which we send with
 * `enforce_nonce` so Discord itself refuses a second message with the same nonce for a few
 * minutes; Discord echoes the nonce on recent messages but does not promise to keep it. (2) A
 * `ref <key>` marker at the end of the footer (embed footer, or the subtext line of a "no new
 * posts" digest), which is stored with the message for good. The marker is what we rely on; the
 * nonce is checked too because it is free.
 */
import { DiscordAPIError, HTTPError, RateLimitError, Routes, type Client, type REST } from 'discord.js';
import { z } from 'zod';
import { digestReply } from '../../src/chat/actions/digest';
import { chartDelivery } from '../../src/chat/chart-delivery';
import { DeliveryError, type Digest, type DigestDelivery, type Subscription } from '../../src/digest/types';
import type { Logger } from '../../src/log';
import { renderContent, renderEmbed } from './render';

/** How far back `findPosted` looks (Discord's maximum page). */
export const RECENT_LIMIT = 50;

/** The footer marker that identifies a digest's (subscription, period). */
export function digestMarker(idempotencyKey: string): string {
  return `ref ${idempotencyKey}`;
}

/** The message body POSTed for one digest: the card, with the marker closing its footer. */
export function digestMessage(digest: Digest): Record<string, unknown> {
  const reply = digestReply(digest, { marker: digestMarker(digest.idempotencyKey) });
  const base = { nonce: digest.idempotencyKey, enforce_nonce: true, allowed_mentions: { parse: [] } };
  if (digest.noNewPosts || digest.report === null) return { ...base, content: renderContent(reply.card).join('\n') };
  const image = chartDelivery(reply, 'discord') === 'url' ? (reply.card.chart?.url ?? null) : null;
  return { ...base, embeds: [renderEmbed(reply.card, image)] };
}

const recentMessages = z.array(
  z.object({
    id: z.string(),
    nonce: z.union([z.string(), z.number()]).nullish(),
    content: z.string().nullish(),
    embeds: z.array(z.object({ footer: z.object({ text: z.string() }).nullish() }).passthrough()).nullish(),
  }).passthrough(),
);

const PERMANENT: Record<number, string> = {
  10003: 'the channel no longer exists',
  50001: 'the bot cannot see this channel',
  50013: 'the bot is missing permissions in this channel',
};

/** Discord errors as the digest runner understands them; never includes the token or a URL. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) return new DeliveryError('Discord rate limit', { retryAfterMs: err.retryAfter, cause: err });
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const reason = PERMANENT[code];
    if (reason) return new DeliveryError(reason, { permanent: true, cause: err });
    if (err.status === 429) return new DeliveryError('Discord rate limit', { retryAfterMs: 1000, cause: err });
    return new DeliveryError(`Discord refused the message (code ${code || err.status})`, { cause: err });
  }
  if (err instanceof HTTPError) return new DeliveryError(`Discord answered HTTP ${err.status}`, { cause: err });
  return new DeliveryError('Discord could not be reached', { cause: err });
}

export interface DiscordDigestDeliveryOptions {
  /** The adapter's client (its REST uses the adapter's own undici Agent), or a REST instance. */
  client?: Client;
  rest?: REST;
  logger: Logger;
}

/** The Discord `DigestDelivery`: posts with nonce + footer marker, finds by either. */
export function createDiscordDigestDelivery(options: DiscordDigestDeliveryOptions): DigestDelivery {
  const rest = options.rest ?? options.client?.rest;
  if (!rest) throw new Error('createDiscordDigestDelivery needs a client or a REST instance');
  const log = options.logger.child({ component: 'discord-digest' });
  return {
    platform: 'discord',
    async findPosted(sub: Subscription, key: string): Promise<string | null> {
      let raw: unknown;
      try {
        raw = await rest.get(Routes.channelMessages(sub.channelId), { query: new URLSearchParams({ limit: String(RECENT_LIMIT) }) });
      } catch (err) {
        throw toDeliveryError(err);
      }
      const parsed = recentMessages.safeParse(raw);
      if (!parsed.success) {
        log.warn('discord.digest.bad_history', { channel: sub.channelId });
        return null;
      }
      const marker = digestMarker(key);
      const hit = parsed.data.find(
        (m) => String(m.nonce ?? '') === key || (m.content ?? '').endsWith(marker) || (m.embeds ?? []).some((e) => (e.footer?.text ?? '').endsWith(marker)),
      );
      return hit ? hit.id : null;
    },
    async post(digest: Digest): Promise<string> {
      let raw: unknown;
      try {
        raw = await rest.post(Routes.channelMessages(digest.subscription.channelId), { body: digestMessage(digest) });
      } catch (err) {
        const e = toDeliveryError(err);
        log.warn('discord.digest.post_failed', { channel: digest.subscription.channelId, reason: e.reason, permanent: e.permanent });
        throw e;
      }
      const sent = z.object({ id: z.string() }).passthrough().safeParse(raw);
      if (!sent.success) throw new DeliveryError('Discord answered without a message id');
      return sent.data.id;
    },
  };
}
