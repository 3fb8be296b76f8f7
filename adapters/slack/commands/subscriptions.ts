/**
 * `/quadrants subscribe | unsubscribe | subscriptions | digest` in Slack. The workspace is always
 * the command's team: the subscription service refuses a channel known to belong to another one.
 * Changes are announced in the target channel; answers to the requester are ephemeral.
 */
import { announceFacts, announceText } from '../../../src/digest/announce';
import { creatorLabel, formatLocal } from '../../../src/digest/format';
import type { SubscriptionService } from '../../../src/digest/subscriptions';
import { QuadrantsError } from '../../../src/errors';
import { deliverReport } from '../deliver';
import { withDigestExtras } from '../digest';
import { slackErrorCode } from '../errors';
import { creatorHandle, escapeMrkdwn, safeMrkdwn, safePlain } from '../escape';
import { SLACK_LIMITS, truncate } from '../limits';
import { chartDelivery, renderBreakdownBlocks, renderReportBlocks, reportAltText } from '../render';
import type { CommandContext, SubscriptionCommand, SubscriptionCommandHandler } from './context';

const SLACK_ID = /^[A-Z0-9]{2,32}$/;
/** Listed subscriptions per answer; more are summarised in one line. */
const LIST_MAX = 40;

/**
 * The channel id from `<#C123|name>` or `<#C123>`; the command's own channel when none was given.
 * A bare `#name` cannot be resolved without reading the channel list, so it is refused.
 */
export function resolveChannel(ref: string | null, current: string): string {
  if (ref === null) return current;
  const m = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(ref.trim());
  const id = m?.[1]?.toUpperCase();
  if (id && SLACK_ID.test(id)) return id;
  throw new QuadrantsError('BAD_INPUT', 'unresolvable channel reference', {
    userMessage: 'I could not tell which channel that is; pick it from Slack\'s suggestions as you type #, or run the command in that channel.',
  });
}

/** A mention Slack renders; only ever built from an id Slack generated, checked again here. */
function mention(kind: '@' | '#', id: string): string {
  return SLACK_ID.test(id) ? `<${kind}${id}>` : kind === '@' ? 'someone' : 'a channel';
}

/** Our sentence escaped, with a placeholder swapped for a trusted mention afterwards. */
function withMention(build: (who: string) => string, mentionText: string): string {
  const marker = 'QUADRANTS_WHO_MARKER';
  return escapeMrkdwn(build(marker)).split(marker).join(mentionText);
}

async function answer(ctx: CommandContext, text: string): Promise<void> {
  try {
    await ctx.respond({ response_type: 'ephemeral', replace_original: false, text: truncate(text, SLACK_LIMITS.messageText) });
  } catch (err) {
    ctx.log.warn('slack.respond_failed', { error: err });
  }
}

async function change(cmd: Extract<SubscriptionCommand, { kind: 'subscribe' | 'unsubscribe' }>, ctx: CommandContext, subs: SubscriptionService): Promise<void> {
  const { body } = ctx;
  const channelId = resolveChannel(cmd.channel, body.channel_id);
  const scope = { platform: 'slack' as const, workspaceId: body.team_id, channelId, creatorInput: cmd.creator, by: body.user_id };
  const result = cmd.kind === 'subscribe' ? await subs.subscribe({ ...scope, posts: cmd.posts }) : await subs.unsubscribe(scope);
  const announcement = withMention((who) => announceText(result, who), mention('@', body.user_id));
  let announced = true;
  try {
    await ctx.client.chat.postMessage({ channel: channelId, text: announcement, unfurl_links: false, unfurl_media: false });
  } catch (err) {
    announced = false;
    ctx.log.warn('slack.announce_failed', { code: slackErrorCode(err), error: err });
  }
  const f = announceFacts(result);
  const where = mention('#', channelId);
  const done =
    f.action === 'unsubscribed'
      ? `${where} will get no more digests for ${escapeMrkdwn(f.creator)}.`
      : `${where} gets a digest for ${escapeMrkdwn(f.creator)} (last ${f.posts} posts, ${escapeMrkdwn(f.schedule)}); the next one arrives ${escapeMrkdwn(f.nextRunLocal ?? '')} ${escapeMrkdwn(f.timezone)}.`;
  const warning =
    announced || f.action === 'unsubscribed'
      ? ''
      : ` I could not post in ${where}, so the digest will not arrive there until you type \`/invite @quadrants\` in it.`;
  await answer(ctx, done + warning);
  ctx.log.info('slack.subscription_changed', { action: f.action, subscriptionId: result.subscription.id, announced });
}

async function list(ctx: CommandContext, subs: SubscriptionService): Promise<void> {
  const listings = await subs.list({ platform: 'slack', workspaceId: ctx.body.team_id });
  if (listings.length === 0) {
    await answer(ctx, 'No channel in this workspace gets digests yet; run `/quadrants subscribe @creator` in a channel to start one.');
    return;
  }
  const lines = listings.slice(0, LIST_MAX).map(({ subscription: s, schedule, nextRunAt }) => {
    const head = `• ${mention('#', s.channelId)}: ${escapeMrkdwn(creatorLabel(s))}, last ${s.posts} posts, ${escapeMrkdwn(schedule)}`;
    if (s.status === 'disabled') return `${head}, *paused*: ${safeMrkdwn(s.disabledReason ?? 'unknown reason', 200)}`;
    return nextRunAt ? `${head}, next ${escapeMrkdwn(formatLocal(new Date(nextRunAt), s.timezone))}` : head;
  });
  if (listings.length > LIST_MAX) lines.push(`…and ${listings.length - LIST_MAX} more.`);
  await answer(ctx, `Digests in this workspace:\n${lines.join('\n')}`);
}

async function preview(cmd: Extract<SubscriptionCommand, { kind: 'digest' }>, ctx: CommandContext, subs: SubscriptionService): Promise<void> {
  const { body } = ctx;
  const p = await subs.preview({ platform: 'slack', workspaceId: body.team_id, channelId: body.channel_id, creatorInput: cmd.creator });
  const report = p.report;
  const footer = p.nextRunAt
    ? `Preview · times in ${p.timezone} · next digest ${formatLocal(new Date(p.nextRunAt), p.timezone)}`
    : 'Preview · this channel has no digest for this creator yet';
  const outcome = await deliverReport(ctx, {
    render: (o) => withDigestExtras(renderReportBlocks(report, o), p.drift, footer),
    ...(report.posts.length > 0 ? { thread: renderBreakdownBlocks(report) } : {}),
    chart: chartDelivery(report),
    png: () => ctx.deps.service.chartPng(report),
    chartTitle: `${safePlain(creatorHandle(report.creator), 100)}: share rate vs save rate`,
    chartAlt: reportAltText(report),
  });
  ctx.log.info('slack.digest_preview', { outcome, drift: p.drift !== null });
}

/** The handler `createSlackAdapter({ subscriptions })` takes, backed by a SubscriptionService. */
export function slackSubscriptionCommands(subs: SubscriptionService): SubscriptionCommandHandler {
  return async (cmd, ctx) => {
    switch (cmd.kind) {
      case 'subscribe':
      case 'unsubscribe':
        return change(cmd, ctx, subs);
      case 'subscriptions':
        return list(ctx, subs);
      case 'digest':
        return preview(cmd, ctx, subs);
    }
  };
}
