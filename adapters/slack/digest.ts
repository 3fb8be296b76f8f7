/**
 * Slack's side of the digest engine: renders a Digest as the adapter renders reports (plus drift
 * and a footer), posts it with message metadata carrying the idempotency key, and finds an already
 * posted digest by that key in the channel's recent history so a crash never doubles it.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { digestReply } from '../../src/chat/actions/digest';
import type { Reply } from '../../src/chat/card';
import { chartDelivery, withChartNote } from '../../src/chat/chart-delivery';
import { DeliveryError, type Digest, type DigestDelivery, type Subscription } from '../../src/digest/types';
import type { Logger } from '../../src/log';
import type { QuadrantReport } from '../../src/quadrants/types';
import { CHART_FILENAME } from './constants';
import { slackErrorCode } from './errors';
import { SLACK_LIMITS } from './limits';
import { renderCard, type SlackMessage } from './render';

/** The metadata event type every digest message carries. */
export const DIGEST_EVENT_TYPE = 'quadrants_digest';
/** How many recent channel messages `findPosted` looks through. */
export const HISTORY_LIMIT = 100;

export interface SlackDigestDeliveryOptions {
  client: webApi.WebClient;
  logger: Logger;
  /** Renders the chart PNG when its URL is too long for an image block; without it the chart is left out. */
  chartPng?: (report: QuadrantReport) => Promise<Buffer>;
}

/** Slack error codes after which retrying cannot help, with the reason shown in `subscriptions`. */
const PERMANENT: Record<string, string> = {
  not_in_channel: 'the bot is not in this channel',
  channel_not_found: 'the channel was not found or the bot cannot see it',
  is_archived: 'the channel is archived',
  account_inactive: 'the bot account is deactivated',
  token_revoked: 'the bot token was revoked',
  missing_scope: 'the Slack app is missing a permission',
};

/** A Web API failure as a DeliveryError: permanent for lost access, with Retry-After for rate limits. */
export function toDeliveryError(err: unknown): DeliveryError {
  const code = slackErrorCode(err) ?? 'unknown';
  const permanent = PERMANENT[code];
  if (permanent) return new DeliveryError(permanent, { permanent: true, cause: err });
  if (code === 'ratelimited') {
    const seconds = (err as { retryAfter?: unknown }).retryAfter;
    const retryAfterMs = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined;
    return new DeliveryError('Slack is rate limiting the bot', { cause: err, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  return new DeliveryError(`Slack did not accept the message (${code})`, { cause: err });
}

/** The channel message for one digest (the thread and chart upload follow separately). */
export function renderDigestMessage(reply: Reply): SlackMessage {
  const how = chartDelivery(reply, 'slack');
  return renderCard(how === 'upload' ? withChartNote(reply.card) : reply.card, { image: how === 'url' });
}

const metadataSchema = z.object({ event_type: z.string(), event_payload: z.object({ key: z.unknown() }).passthrough() });
const historySchema = z.object({
  messages: z.array(z.object({ ts: z.string().optional(), metadata: z.unknown().optional() }).passthrough()).default([]),
});

/** The Slack DigestDelivery. */
export function createSlackDigestDelivery(options: SlackDigestDeliveryOptions): DigestDelivery {
  const { client, logger } = options;
  const log = logger.child({ component: 'slack-digest' });

  async function threadExtras(digest: Digest, channel: string, ts: string): Promise<void> {
    const reply = digestReply(digest, options.chartPng ? { chartPng: options.chartPng } : {});
    // The message is already out: failures below are logged, never thrown, or a retry would find it and stop anyway.
    if (chartDelivery(reply, 'slack') === 'upload' && reply.png) {
      try {
        const png = await reply.png();
        await client.filesUploadV2({ channel_id: channel, thread_ts: ts, file: png, filename: CHART_FILENAME, alt_text: (reply.card.chart?.alt ?? '').slice(0, SLACK_LIMITS.altText) });
      } catch (err) {
        log.warn('slack.digest_chart_failed', { subscriptionId: digest.subscription.id, code: slackErrorCode(err), error: err });
      }
    }
    for (const card of reply.thread) {
      try {
        await client.chat.postMessage({ channel, thread_ts: ts, ...renderCard(card), unfurl_links: false, unfurl_media: false });
      } catch (err) {
        log.warn('slack.digest_thread_failed', { subscriptionId: digest.subscription.id, code: slackErrorCode(err), error: err });
        return;
      }
    }
  }

  return {
    platform: 'slack',

    async findPosted(sub: Subscription, key: string): Promise<string | null> {
      let raw: unknown;
      try {
        raw = await client.conversations.history({ channel: sub.channelId, limit: HISTORY_LIMIT, include_all_metadata: true });
      } catch (err) {
        throw toDeliveryError(err);
      }
      const parsed = historySchema.safeParse(raw);
      if (!parsed.success) return null;
      for (const m of parsed.data.messages) {
        const meta = metadataSchema.safeParse(m.metadata);
        if (meta.success && meta.data.event_type === DIGEST_EVENT_TYPE && meta.data.event_payload.key === key && m.ts) return m.ts;
      }
      return null;
    },

    async post(digest: Digest): Promise<string> {
      const channel = digest.subscription.channelId;
      const message = renderDigestMessage(digestReply(digest, options.chartPng ? { chartPng: options.chartPng } : {}));
      let ts: string | undefined;
      try {
        const res = await client.chat.postMessage({
          channel,
          ...message,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key: digest.idempotencyKey } },
        });
        ts = res.ts;
      } catch (err) {
        throw toDeliveryError(err);
      }
      if (!ts) throw new DeliveryError('Slack did not return a message reference');
      await threadExtras(digest, channel, ts);
      return ts;
    },
  };
}
