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
import type { Card, Reply } from '../../src/chat/card';
import type { ChartTools } from '../../src/chat/chart-delivery';
import { DeliveryError, type ChannelPlace, type Digest, type DigestDelivery, type FindOptions, type Subscription } from '../../src/digest/types';
import type { Logger } from '../../src/log';
import { postWithCharts, type ChartRetry } from './chart-message';
import { toDeliveryError } from './digest-client';
import { DIGEST_EVENT_TYPE, DIGEST_PART_EVENT_TYPE, findOwnDigest, threadParts, type ThreadParts } from './digest-history';
import { singlePoster, workspacePosters, type DigestPoster, type PosterFor, type WorkspaceTokens } from './digest-posters';
import { slackErrorCode } from './errors';
import { renderCard } from './render';
import { SLACK } from '../../src/platforms';

export { DIGEST_EVENT_TYPE, DIGEST_PART_EVENT_TYPE } from './digest-history';
export { toDeliveryError } from './digest-client';

export interface SlackDigestDeliveryOptions {
  /**
   * The bot's client; digests use a copy of it without retries and with a timeout (see
   * digest-client.ts). Ignored when `tokens` is given.
   */
  client?: webApi.WebClient;
  /** The app distributed to many workspaces: each digest posts with its workspace's bot token. */
  tokens?: WorkspaceTokens;
  /** Web API base for the per-workspace clients (SLACK_API_URL). */
  apiUrl?: string;
  logger: Logger;
  /** Draws the digest's chart (link or PNG, as the service decides); without it digests have no chart. */
  charts?: ChartTools;
  /** Deadline of each Web API call. Default DIGEST_CALL_TIMEOUT_MS. */
  timeoutMs?: number;
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

  const replyOf = (digest: Digest): Reply => digestReply(digest, options.charts ? { tools: options.charts } : {});

  /**
   * Posts the breakdown reply unless `have` says it is there. Throws a DeliveryError when it could
   * not: the run is then not recorded, and the next attempt finds the message and completes it.
   */
  async function threadOut({ client }: DigestPoster, digest: Digest, channel: string, ts: string, have: ThreadParts): Promise<void> {
    if (!digest.report || digest.noNewPosts) return;
    const breakdown = replyOf(digest).thread[0];
    if (have.breakdown || !breakdown) return;
    try {
      await client.chat.postMessage({
        channel,
        thread_ts: ts,
        ...renderCard(breakdown),
        unfurl_links: false,
        unfurl_media: false,
        // Lets a recovery after a crash see that the breakdown is already there.
        metadata: { event_type: DIGEST_PART_EVENT_TYPE, event_payload: { key: digest.idempotencyKey, part: 'breakdown' } },
      });
    } catch (err) {
      log.warn('slack.digest_thread_failed', { subscriptionId: digest.subscription.id, code: slackErrorCode(err), error: err });
      throw toDeliveryError(err);
    }
  }

  return {
    platform: SLACK,

    async findPosted(place: ChannelPlace, key: string, find?: FindOptions): Promise<string | null> {
      const bot = await posterFor(place);
      return findOwnDigest(bot.client, await bot.me(), place.channelId, key, find?.since);
    },

    async alert(place: ChannelPlace, card: Card, key: string): Promise<string> {
      const bot = await posterFor(place);
      let ts: string | undefined;
      try {
        const metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { key } };
        ts = (await bot.client.chat.postMessage({ channel: place.channelId, ...renderCard(card), unfurl_links: false, unfurl_media: false, metadata })).ts;
      } catch (err) {
        throw toDeliveryError(err);
      }
      if (!ts) throw new DeliveryError('Slack did not return a message reference');
      return ts;
    },

    async post(digest: Digest): Promise<string> {
      const channel = digest.subscription.channelId;
      const bot = await posterFor(digest.subscription);
      let ts: string | undefined;
      try {
        // The chart is in the digest message itself (a link, or the uploaded PNG by slack_file).
        ts = await postWithCharts({ client: bot.client, log, ...options.chartRetry }, replyOf(digest).card, {
          channel,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { key: digest.idempotencyKey } },
        });
      } catch (err) {
        throw toDeliveryError(err);
      }
      if (!ts) throw new DeliveryError('Slack did not return a message reference');
      await threadOut(bot, digest, channel, ts, { breakdown: false });
      return ts;
    },

    async notice(sub: Subscription, card: Card): Promise<void> {
      const bot = await posterFor(sub);
      try {
        await bot.client.chat.postMessage({ channel: sub.channelId, ...renderCard(card), unfurl_links: false, unfurl_media: false });
      } catch (err) {
        throw toDeliveryError(err);
      }
    },

    async complete(digest: Digest, ts: string): Promise<void> {
      if (!digest.report || digest.noNewPosts) return;
      const channel = digest.subscription.channelId;
      let bot: DigestPoster;
      let have: ThreadParts;
      try {
        bot = await posterFor(digest.subscription);
        have = await threadParts(bot.client, await bot.me(), channel, ts, digest.idempotencyKey);
      } catch (err) {
        log.warn('slack.digest_complete_failed', { subscriptionId: digest.subscription.id, code: slackErrorCode(err), error: err });
        throw toDeliveryError(err);
      }
      await threadOut(bot, digest, channel, ts, have);
    },
  };
}
