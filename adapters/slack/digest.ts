/**
 * Slack's side of the digest engine: renders a Digest as the adapter renders reports (plus drift
 * and a footer), posts it with message metadata carrying the idempotency key, finds an already
 * posted digest of the bot's own by that key in the channel's history since the run began (so a
 * crash or a lost answer never doubles it), and completes the thread of one found that way.
 */
import type { webApi } from '@slack/bolt';
import { describeDrift } from '../../src/digest/drift';
import { footerText, noNewPostsLine } from '../../src/digest/format';
import { DeliveryError, type Digest, type DigestDelivery, type Drift, type FindOptions, type Subscription } from '../../src/digest/types';
import type { Logger } from '../../src/log';
import type { QuadrantReport } from '../../src/quadrants/types';
import { CHART_FILENAME } from './constants';
import { digestWebClient, toDeliveryError } from './digest-client';
import { DIGEST_EVENT_TYPE, DIGEST_PART_EVENT_TYPE, fetchIdentity, findOwnDigest, threadParts, type BotIdentity, type ThreadParts } from './digest-history';
import { slackErrorCode } from './errors';
import { escapeMrkdwn } from './escape';
import { SLACK_LIMITS, truncate } from './limits';
import { capBlocks } from './blocks/common';
import { chartDelivery, renderBreakdownBlocks, renderReportBlocks, reportAltText, type Block, type SlackMessage } from './render';

export { DIGEST_EVENT_TYPE, DIGEST_PART_EVENT_TYPE } from './digest-history';
export { toDeliveryError } from './digest-client';

export interface SlackDigestDeliveryOptions {
  /** The bot's client; digests use a copy of it without retries and with a timeout (see digest-client.ts). */
  client: webApi.WebClient;
  logger: Logger;
  /** Renders the chart PNG when its URL is too long for an image block; without it the chart is left out. */
  chartPng?: (report: QuadrantReport) => Promise<Buffer>;
  /** Deadline of each Web API call. Default DIGEST_CALL_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** The drift lines as one section; our own words and numbers only, escaped anyway. */
export function driftBlock(drift: Drift): Block {
  const lines = describeDrift(drift).map((l) => escapeMrkdwn(l));
  const text = truncate(`*What changed*\n${lines.join('\n')}`, SLACK_LIMITS.sectionText);
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function footerBlock(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(text), SLACK_LIMITS.contextText) }] };
}

/**
 * The report message with the drift section before its closing context line, and an optional
 * footer after it. Shared by scheduled digests and the `/quadrants digest` preview.
 */
export function withDigestExtras(message: SlackMessage, drift: Drift | null, footer: string | null): SlackMessage {
  const blocks = [...message.blocks];
  const closing = blocks.pop();
  if (drift) blocks.push(driftBlock(drift));
  if (closing) blocks.push(closing);
  if (footer) blocks.push(footerBlock(footer));
  const text = footer ? `${message.text}\n${escapeMrkdwn(footer)}` : message.text;
  return { text: truncate(text, SLACK_LIMITS.messageText), blocks: capBlocks(blocks) };
}

/** The channel message for one digest: the report (or the "no new posts" line) and the footer. */
export function renderDigestMessage(digest: Digest, options: { upload: boolean }): SlackMessage {
  const footer = footerText(digest);
  if (digest.noNewPosts || digest.report === null) {
    const line = escapeMrkdwn(noNewPostsLine(digest));
    return { text: `${line}\n${escapeMrkdwn(footer)}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line } }, footerBlock(footer)] };
  }
  const report = digest.report;
  // Without a way to upload the PNG, render as if there were no thread chart rather than promise one.
  const thread = chartDelivery(report) !== 'upload' || options.upload;
  return withDigestExtras(renderReportBlocks(report, { thread }), digest.drift, footer);
}

/** The Slack DigestDelivery. */
export function createSlackDigestDelivery(options: SlackDigestDeliveryOptions): DigestDelivery {
  const { logger } = options;
  const client = digestWebClient(options.client, options.timeoutMs);
  const log = logger.child({ component: 'slack-digest' });
  // Asked once and kept; a failed look-up is not kept, so a fixed token is picked up on the next run.
  let identity: Promise<BotIdentity> | null = null;
  const me = (): Promise<BotIdentity> => {
    identity ??= fetchIdentity(client).catch((err: unknown) => {
      identity = null;
      throw err;
    });
    return identity;
  };

  /** Posts the thread parts not in `have`. The message is out: failures are logged, never thrown. */
  async function threadExtras(digest: Digest, channel: string, ts: string, have: ThreadParts): Promise<void> {
    const report = digest.report;
    if (!report || digest.noNewPosts) return;
    if (!have.chart && chartDelivery(report) === 'upload' && options.chartPng) {
      try {
        const png = await options.chartPng(report);
        await client.filesUploadV2({ channel_id: channel, thread_ts: ts, file: png, filename: CHART_FILENAME, alt_text: reportAltText(report).slice(0, SLACK_LIMITS.altText) });
      } catch (err) {
        log.warn('slack.digest_chart_failed', { subscriptionId: digest.subscription.id, code: slackErrorCode(err), error: err });
      }
    }
    if (have.breakdown || report.posts.length === 0) return;
    try {
      await client.chat.postMessage({
        channel,
        thread_ts: ts,
        ...renderBreakdownBlocks(report),
        unfurl_links: false,
        unfurl_media: false,
        // Lets a recovery after a crash see that the breakdown is already there.
        metadata: { event_type: DIGEST_PART_EVENT_TYPE, event_payload: { key: digest.idempotencyKey, part: 'breakdown' } },
      });
    } catch (err) {
      log.warn('slack.digest_thread_failed', { subscriptionId: digest.subscription.id, code: slackErrorCode(err), error: err });
    }
  }

  return {
    platform: 'slack',

    async findPosted(sub: Subscription, key: string, find?: FindOptions): Promise<string | null> {
      return findOwnDigest(client, await me(), sub.channelId, key, find?.since);
    },

    async post(digest: Digest): Promise<string> {
      const channel = digest.subscription.channelId;
      const message = renderDigestMessage(digest, { upload: options.chartPng !== undefined });
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
      await threadExtras(digest, channel, ts, { breakdown: false, chart: false });
      return ts;
    },

    async complete(digest: Digest, ts: string): Promise<void> {
      if (!digest.report || digest.noNewPosts) return;
      const channel = digest.subscription.channelId;
      try {
        const have = await threadParts(client, await me(), channel, ts, digest.idempotencyKey);
        await threadExtras(digest, channel, ts, have);
      } catch (err) {
        log.warn('slack.digest_complete_failed', { subscriptionId: digest.subscription.id, code: slackErrorCode(err), error: err });
      }
    },
  };
}
