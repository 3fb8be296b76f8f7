/**
 * Slack's side of the digest engine: renders a Digest as the adapter renders reports (plus drift
 * and a footer), posts it with message metadata carrying the idempotency key, finds an already
 * posted digest of the bot's own by that key in the channel's history since the run began (so a
 * crash or a lost answer never doubles it), and completes the thread of one found that way. The
 * chart is part of the digest message; only the breakdown goes in its thread, and a digest counts
 * as delivered only once that thread is out (post and complete throw until it is).
 */
import type { webApi } from '@slack/bolt';
import { digestReply } from '../../src/chat/actions/digest';
import type { DigestDeliveryOptions } from '../../src/chat/adapter-options';
import { platformDelivery } from '../../src/digest/platform-delivery';
import { DeliveryError, type Digest, type DigestDelivery } from '../../src/digest/types';
import { postWithCharts, type ChartRetry } from './chart-message';
import { toDeliveryError } from './digest-client';
import { DIGEST_EVENT_TYPE, DIGEST_PART_EVENT_TYPE, findOwnDigest, threadParts } from './digest-history';
import type { WorkspaceTokens } from '../../src/store/slack-workspaces';
import { singlePoster, workspacePosters, type DigestPoster, type PosterFor } from './digest-posters';
import { slackErrorCode } from './errors';
import { renderCard } from './render';
import { NO_UNFURL } from './constants';
import { SLACK } from '../../src/platforms';

export { DIGEST_EVENT_TYPE, DIGEST_PART_EVENT_TYPE } from './digest-history';
export { toDeliveryError } from './digest-client';

export interface SlackDigestDeliveryOptions extends DigestDeliveryOptions {
  /**
   * The bot's client; digests use a copy of it without retries and with a timeout (see
   * digest-client.ts). Ignored when `tokens` is given.
   */
  client?: webApi.WebClient;
  /** The app distributed to many workspaces: each digest posts with its workspace's bot token. */
  tokens?: WorkspaceTokens;
  /** Web API base for the per-workspace clients (SLACK_API_URL). */
  apiUrl?: string;
  /** Waits while Slack processes an uploaded chart (tests: no-op sleeps). */
  chartRetry?: ChartRetry;
}

/** The Slack DigestDelivery. */
export function createSlackDigestDelivery(options: SlackDigestDeliveryOptions): DigestDelivery {
  const { logger } = options;
  const log = logger.child({ component: 'slack-digest' });
  let posterFor: PosterFor;
  if (options.tokens) posterFor = workspacePosters(options.tokens, options.apiUrl, options.timeoutMs);
  else if (options.client) posterFor = singlePoster(options.client, options.timeoutMs);
  else throw new Error('createSlackDigestDelivery needs a client or per-workspace tokens');

  /** Turns a failed call into the runner's DeliveryError, logging it as `event` when given. */
  const failed =
    (digest: Digest | null, event?: string) =>
    (err: unknown): never => {
      if (event) log.warn(event, { subscriptionId: digest?.subscription.id, code: slackErrorCode(err), error: err });
      throw toDeliveryError(err);
    };

  return platformDelivery<DigestPoster>({
    platform: SLACK,
    bot: posterFor,
    reply: (digest) => digestReply(digest, options.charts ? { tools: options.charts } : {}),

    async findOwn(bot, channel, key, since) {
      return findOwnDigest(bot.client, await bot.me(), channel, key, since);
    },

    async postAlert(bot, place, card, key) {
      const metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { key } };
      const ts = (await bot.client.chat.postMessage({ channel: place.channelId, ...renderCard(card), ...NO_UNFURL, metadata }).catch(failed(null))).ts;
      if (!ts) throw new DeliveryError('Slack did not return a message reference');
      return ts;
    },

    async postMessage(bot, digest, reply) {
      const metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { key: digest.idempotencyKey } };
      // The chart is in the digest message itself (a link, or the uploaded PNG by slack_file).
      const place = { channel: digest.subscription.channelId, ...NO_UNFURL, metadata };
      const ts = await postWithCharts({ client: bot.client, log, ...options.chartRetry }, reply.card, place).catch(failed(digest));
      if (!ts) throw new DeliveryError('Slack did not return a message reference');
      return ts;
    },

    /**
     * Posts the breakdown reply unless it is there already. Throws a DeliveryError when it could
     * not: the run is then not recorded, and the next attempt finds the message and completes it.
     */
    async postThread(bot, digest, reply, ts, fresh) {
      const channel = digest.subscription.channelId;
      const [breakdown] = reply.thread;
      if (!breakdown) return;
      if (!fresh) {
        const have = await threadParts(bot.client, await bot.me(), channel, ts, digest.idempotencyKey).catch(failed(digest, 'slack.digest_complete_failed'));
        if (have.breakdown) return;
      }
      // The metadata lets a recovery after a crash see that the breakdown is already there.
      const metadata = { event_type: DIGEST_PART_EVENT_TYPE, event_payload: { key: digest.idempotencyKey, part: 'breakdown' } };
      await bot.client.chat.postMessage({ channel, thread_ts: ts, ...renderCard(breakdown), ...NO_UNFURL, metadata }).catch(failed(digest, 'slack.digest_thread_failed'));
    },

    async postNotice(bot, sub, card) {
      await bot.client.chat.postMessage({ channel: sub.channelId, ...renderCard(card), ...NO_UNFURL }).catch(failed(null));
    },
  });
}
