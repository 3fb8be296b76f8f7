/**
 * One /quadrants command as a Conversation: acknowledge within Slack's 3 s with `ack`, answer
 * privately through response_url, post public results in the channel (the chart in the message,
 * by link or as an uploaded PNG; the breakdown as a thread). When the bot is not in the channel, a
 * public result goes out through response_url instead, with a hint on inviting the bot.
 */
import type { AllMiddlewareArgs, RespondFn, SlashCommand } from '@slack/bolt';
import type { Card, Reply, Visibility } from '../../src/chat/card';
import { linksOnly } from '../../src/chat/chart-delivery';
import type { Inline } from '../../src/chat/inline';
import type { Channels, Conversation } from '../../src/chat/types';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import { postWithCharts, type ChartRetry } from './chart-message';
import { isNotAMember, noAccessReason, platformError, slackErrorCode } from './errors';
import { escapeMrkdwn } from './escape';
import { SLACK_LIMITS } from './limits';
import { mrkdwn, renderCard, renderPrivate, type SlackMessage } from './render';
import { SLACK } from '../../src/platforms';
import { INVITE_HINT } from '../../src/chat/cards/slack-refusals';
import { NO_UNFURL, SLACK_ID } from './constants';

type Client = AllMiddlewareArgs['client'];
type Ack = (response?: { response_type: 'ephemeral'; text: string; blocks?: SlackMessage['blocks'] }) => Promise<void>;


export interface SlackConversationArgs {
  command: SlashCommand;
  ack: Ack;
  respond: RespondFn;
  client: Client;
  log: Logger;
  /** User ids that may change subscriptions; null lets everyone. */
  managers: ReadonlySet<string> | null;
  /** Waits while Slack processes an uploaded chart (tests: no-op sleeps). */
  chartRetry?: ChartRetry;
}

/** Who is acting: a slash command's or a click's user, in their workspace and channel. */
export function slackActor(workspaceId: string, channelId: string, userId: string, managers: ReadonlySet<string> | null): Conversation['actor'] {
  return { surface: SLACK, workspaceId, channelId, userId, canManage: managers === null || managers.has(userId) };
}

/** A channel id as our own values and forms carry it (public C…, private G…). */
const PLAIN_CHANNEL = /^[CG][A-Z0-9]{2,31}$/;

/**
 * Channels for clicks, forms and the App Home: `here` is the channel the button sits in (null in
 * the App Home); a plain channel id from our own values or the channel picker is accepted as it
 * is; anything else is refused. Posting is real (the change announcement in the digest's channel).
 */
export function plainChannels(client: Client, log: Logger, here: string | null): Channels {
  return {
    async resolve(ref) {
      if (ref === null && here) return here;
      const id = ref?.trim().toUpperCase() ?? '';
      if (PLAIN_CHANNEL.test(id)) return id;
      throw new QuadrantsError('BAD_INPUT', 'channel from a button', { userMessage: 'Buttons act on the channel they are in.' });
    },
    async post(channelId, card) {
      try {
        await client.chat.postMessage({ channel: channelId, ...renderCard(card), ...NO_UNFURL });
        return { posted: true };
      } catch (err) {
        log.warn('slack.announce_failed', { code: slackErrorCode(err), error: err });
        return { posted: false, noAccess: noAccessReason(err) };
      }
    },
  };
}

export function slackConversation(a: SlackConversationArgs): Conversation {
  const { command, client, log } = a;
  let acked = false;

  async function ack(message?: SlackMessage): Promise<void> {
    acked = true;
    await a.ack(message ? { response_type: 'ephemeral', ...message } : undefined);
  }

  async function respondPrivately(message: SlackMessage): Promise<void> {
    await a.respond({ response_type: 'ephemeral', replace_original: false, ...message });
  }

  async function postThread(cards: readonly Card[], channel: string, ts: string): Promise<void> {
    for (const card of cards) {
      try {
        await client.chat.postMessage({ channel, thread_ts: ts, ...renderCard(card), ...NO_UNFURL });
      } catch (err) {
        log.warn('slack.thread_failed', { code: slackErrorCode(err), error: err });
        return;
      }
    }
  }

  /** The bot is not in the channel: the result goes out through response_url, without thread or upload. */
  async function fallback(reply: Reply): Promise<void> {
    // No thread can follow a response_url message: the card goes without its note on the thread and uploads.
    const message = renderCard({ ...linksOnly(reply.card), threadNote: undefined });
    const blocks = [...(message.blocks ?? []).slice(0, SLACK_LIMITS.blocks - 1), { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: escapeMrkdwn(INVITE_HINT) }] }];
    await a.respond({ response_type: 'in_channel', replace_original: false, text: message.text, ...(message.mrkdwn === false ? { mrkdwn: false } : {}), blocks });
  }

  async function deliverPublic(reply: Reply): Promise<void> {
    const channel = command.channel_id;
    let ts: string | undefined;
    try {
      ts = await postWithCharts({ client, log, ...a.chartRetry }, reply.card, { channel, ...NO_UNFURL });
    } catch (err) {
      if (!isNotAMember(err)) throw platformError(err);
      log.info('slack.post_fallback', { code: slackErrorCode(err) });
      try {
        await fallback(reply);
      } catch (fallbackErr) {
        throw platformError(fallbackErr);
      }
      return;
    }
    if (!ts) return;
    await postThread(reply.thread, channel, ts);
  }

  return {
    actor: slackActor(command.team_id, command.channel_id, command.user_id, a.managers),
    answer: (reply) => ack(renderPrivate(reply)),
    async acknowledge(_visibility: Visibility, working: Inline | null) {
      await ack(working ? { text: mrkdwn(working) } : undefined);
      // Yield once so commands queued behind this one get their acks out before any work starts.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async deliver(reply) {
      if (reply.visibility === 'private') {
        await respondPrivately(renderPrivate(reply)).catch((err: unknown) => {
          throw platformError(err);
        });
        return;
      }
      await deliverPublic(reply);
    },
    async fail(card) {
      try {
        if (acked) await respondPrivately(renderCard(card));
        else await ack(renderCard(card));
      } catch (err) {
        log.warn('slack.respond_failed', { error: err });
      }
    },
    async resolve(ref) {
      if (ref === null) return command.channel_id;
      const id = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(ref.trim())?.[1]?.toUpperCase();
      if (id && SLACK_ID.test(id)) return id;
      throw new QuadrantsError('BAD_INPUT', 'unresolvable channel reference', {
        userMessage: "I could not tell which channel that is; pick it from Slack's suggestions as you type #, or run the command in that channel.",
      });
    },
    post: plainChannels(client, log, command.channel_id).post,
  };
}
