/**
 * Puts a finished report in the channel: the message, then (only if that worked) the chart PNG
 * and the per-post thread. When the bot is not in the channel, the report goes out through the
 * command's response_url instead, with a sentence on how to invite the bot.
 */
import { CHART_FILENAME } from './constants';
import type { CommandContext } from './commands/context';
import { INVITE_HINT, isNotAMember, slackErrorCode, slackErrorMessage } from './errors';
import { escapeMrkdwn } from './escape';
import { QuadrantsError } from '../../src/errors';
import { SLACK_LIMITS } from './limits';
import type { ChartDelivery, SlackMessage } from './render';

export interface ReportDelivery {
  /** Renders the channel message; `thread: false` for the response_url fallback. */
  render(options: { thread: boolean }): SlackMessage;
  /** The thread reply under the report, if any. */
  thread?: SlackMessage;
  chart: ChartDelivery;
  /** The chart as a PNG, called only when `chart` is 'upload'. */
  png(): Promise<Buffer>;
  /** Title and alt text of the uploaded chart (plain text). */
  chartTitle: string;
  chartAlt: string;
}

export type DeliveryOutcome = 'posted' | 'fallback' | 'failed';

/** Appends a context note while staying within the block limit. */
function withNote(message: SlackMessage, note: string): SlackMessage {
  const blocks = message.blocks.slice(0, SLACK_LIMITS.blocks - 1);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: note }] });
  return { text: `${message.text}\n${note}`, blocks };
}

/** Tells only the person who ran the command; a failure here is logged, never thrown. */
export async function tellUser(ctx: CommandContext, text: string): Promise<void> {
  try {
    await ctx.respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(text) });
  } catch (err) {
    ctx.log.warn('slack.respond_failed', { error: err });
  }
}

async function fallback(ctx: CommandContext, d: ReportDelivery): Promise<DeliveryOutcome> {
  const message = withNote(d.render({ thread: false }), INVITE_HINT);
  try {
    await ctx.respond({ response_type: 'in_channel', replace_original: false, ...message });
    return 'fallback';
  } catch (err) {
    ctx.log.warn('slack.fallback_failed', { error: err });
    return 'failed';
  }
}

async function uploadChart(ctx: CommandContext, d: ReportDelivery, channel: string, ts: string): Promise<void> {
  try {
    const png = await d.png();
    await ctx.client.filesUploadV2({
      channel_id: channel,
      thread_ts: ts,
      file: png,
      filename: CHART_FILENAME,
      title: d.chartTitle,
      alt_text: d.chartAlt.slice(0, SLACK_LIMITS.altText),
    });
  } catch (err) {
    ctx.log.warn('slack.chart_upload_failed', { code: err instanceof QuadrantsError ? err.code : slackErrorCode(err), error: err });
    // The message promised a chart in the thread: say why it is missing, in the same thread.
    const text = new QuadrantsError('CHART_UNAVAILABLE', 'upload failed').userMessage;
    await ctx.client.chat.postMessage({ channel, thread_ts: ts, text }).catch((e: unknown) => ctx.log.warn('slack.thread_failed', { error: e }));
  }
}

/** Posts the report; never throws. */
export async function deliverReport(ctx: CommandContext, d: ReportDelivery): Promise<DeliveryOutcome> {
  const channel = ctx.body.channel_id;
  const message = d.render({ thread: true });
  let ts: string | undefined;
  try {
    const res = await ctx.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
    ts = res.ts;
  } catch (err) {
    if (isNotAMember(err)) {
      ctx.log.info('slack.post_fallback', { code: slackErrorCode(err) });
      return fallback(ctx, d);
    }
    ctx.log.warn('slack.post_failed', { code: slackErrorCode(err), error: err });
    await tellUser(ctx, slackErrorMessage(err));
    return 'failed';
  }
  if (!ts) return 'posted';
  if (d.chart === 'upload') await uploadChart(ctx, d, channel, ts);
  if (d.thread) {
    await ctx.client.chat
      .postMessage({ channel, thread_ts: ts, ...d.thread, unfurl_links: false, unfurl_media: false })
      .catch((err: unknown) => ctx.log.warn('slack.thread_failed', { code: slackErrorCode(err), error: err }));
  }
  return 'posted';
}
