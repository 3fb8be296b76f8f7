/**
 * The conversation of one Slack click or form submission: answers only the clicker sees, public
 * results in the thread of the message the button sits on. Shared by the click listener
 * (actions.ts) and the form listener (forms.ts), so neither imports the other's module for it.
 */
import type { AllMiddlewareArgs } from '@slack/bolt';
import type { ButtonKind } from '../../src/chat/buttons';
import { clickResult } from '../../src/chat/buttons';
import type { Card, Reply } from '../../src/chat/card';
import type { Outcome, PipelineDeps } from '../../src/chat/pipeline';
import type { Conversation } from '../../src/chat/types';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import { postWithCharts, type ChartRetry } from './chart-message';
import { plainChannels, slackActor } from './conversation';
import { slackErrorCode, slackErrorMessage } from './errors';
import { renderCard, renderPrivate } from './render';

/** Bolt's web client. */
export type Client = AllMiddlewareArgs['client'];
/** Links in our messages never unfold into previews. */
export const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

export interface SlackActionOptions {
  deps: PipelineDeps;
  log: Logger;
  managers: ReadonlySet<string> | null;
  /** Observes each handled click (tests, the benchmark). */
  onHandled?: (outcome: Outcome, actionTs: string) => void;
  /** Waits while Slack processes an uploaded chart (tests: no-op sleeps). */
  chartRetry?: ChartRetry;
}

function platformError(err: unknown): QuadrantsError {
  return new QuadrantsError('INTERNAL', `slack refused the message: ${slackErrorCode(err) ?? 'unknown'}`, { userMessage: slackErrorMessage(err), cause: err });
}

export interface ClickContext {
  /** The clicker's own workspace (in a shared channel, not necessarily the channel's). */
  workspaceId: string;
  userId: string;
  channel: string;
  /** The message the button sits on: results go in its thread. */
  threadTs: string | undefined;
  /** Says something only the clicker sees. */
  privately(message: { text: string; blocks?: unknown[] }): Promise<unknown>;
  client: Client;
  log: Logger;
  managers: ReadonlySet<string> | null;
  kind: ButtonKind | null;
  /** Waits while Slack processes an uploaded chart. */
  chartRetry?: ChartRetry;
}

/** The conversation of one click or form: private answers to the clicker, public results in the message's thread. */
export function slackClickConversation(c: ClickContext): Conversation {
  const { client, log, channel, threadTs } = c;
  const respondPrivately = (msg: { text: string; blocks?: unknown[] }) => c.privately(msg);

  async function inThread(reply: Reply): Promise<void> {
    // The result is a reply in the thread: its chart is in that reply, as on a typed command.
    await postWithCharts({ client, log, ...c.chartRetry }, reply.card, { channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...NO_UNFURL });
    for (const t of reply.thread) await client.chat.postMessage({ channel, thread_ts: threadTs, ...renderCard(t), ...NO_UNFURL });
  }

  return {
    actor: slackActor(c.workspaceId, channel, c.userId, c.managers),
    answer: (reply) => respondPrivately(renderPrivate(reply)).then(() => undefined),
    // The click was acknowledged when it arrived; nothing more to say while it runs.
    async acknowledge() {},
    async deliver(reply) {
      try {
        if (reply.visibility === 'private' || !threadTs) {
          await respondPrivately(renderPrivate(reply));
          return;
        }
        const result = clickResult(c.kind ?? 'window', reply);
        if (result.mode === 'file') {
          await client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, content: result.file.text, filename: result.file.name, title: result.file.name });
          return;
        }
        await inThread(result.reply);
      } catch (err) {
        throw err instanceof QuadrantsError ? err : platformError(err);
      }
    },
    async fail(card: Card) {
      await respondPrivately(renderCard(card)).catch((err: unknown) => log.warn('slack.respond_failed', { error: err }));
    },
    ...plainChannels(client, log, channel || null),
  };
}
