/**
 * Slack clicks and form submissions as the core's ChatSurface (src/chat/turn.ts): answers only
 * the clicker sees, public results in the thread of the message the button sits on, the list
 * drawn where it lives (an ephemeral message, or the App Home), and forms as modals. The click
 * listener (actions.ts) and the form listener (forms.ts) only say where the event came from.
 */
import type { AllMiddlewareArgs } from '@slack/bolt';
import type { Card, Reply } from '../../src/chat/card';
import type { Outcome, PipelineDeps } from '../../src/chat/pipeline';
import type { ChatSurface, Origin } from '../../src/chat/turn';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import { postWithCharts, type ChartRetry } from './chart-message';
import { plainChannels, slackActor } from './conversation';
import { NO_UNFURL } from './constants';
import { platformError } from './errors';
import { publishHome, refreshHome, type HomeArgs } from './home';
import { renderModal, type FormMetadata } from './modal';
import { renderCard, renderPrivate } from './render';

type Client = AllMiddlewareArgs['client'];

export interface SlackActionOptions {
  deps: PipelineDeps;
  log: Logger;
  managers: ReadonlySet<string> | null;
  /** Observes each handled click (tests, the benchmark). */
  onHandled?: (outcome: Outcome, actionTs: string) => void;
  /** Waits while Slack processes an uploaded chart (tests: no-op sleeps). */
  chartRetry?: ChartRetry;
}

type Message = { text: string; blocks?: unknown[] };

export interface SlackPlace {
  /** Where the button's message lives. */
  origin: Origin;
  /** The clicker's own workspace (in a shared channel, not necessarily the channel's). */
  workspaceId: string;
  userId: string;
  /** The channel the button sits in; '' in the App Home. */
  channel: string;
  /** The message the button sits on: results go in its thread. */
  threadTs: string | undefined;
  /** Says something only the clicker sees, in the channel (the App Home has its own way). */
  privately(message: Message): Promise<unknown>;
  /** Draws the list in the message it lives in (the App Home has its own way). */
  showList(cards: Card[]): Promise<void>;
  /** Opens a modal: the click's trigger and what the modal carries besides the button's value. */
  modal: { triggerId: string; meta: Omit<FormMetadata, 'v'> } | null;
  client: Client;
}

/** A click or form on Slack, as the surface the turn engine talks to. */
export function slackSurface(p: SlackPlace, options: SlackActionOptions): ChatSurface {
  const { client, channel, threadTs } = p;
  const { log } = options;
  const thread = { channel, ...(threadTs ? { thread_ts: threadTs } : {}) };
  const home: HomeArgs = { client, workspaceId: p.workspaceId, userId: p.userId, managers: options.managers, log };
  // From the App Home, private words go to the person's Messages tab with the app; the list is their home.
  const privately = (message: Message) => (p.origin === 'home' ? client.chat.postMessage({ channel: p.userId, ...message }) : p.privately(message));
  const platform = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      throw err instanceof QuadrantsError ? err : platformError(err);
    }
  };

  return {
    actor: slackActor(p.workspaceId, channel, p.userId, options.managers),
    ...plainChannels(client, log, channel || null),
    answer: (reply) => privately(renderPrivate(reply)).then(() => undefined),
    // The click was acknowledged when it arrived; nothing more to say while it runs.
    async acknowledge() {},
    deliver: (reply: Reply) =>
      platform(async () => {
        if (reply.visibility === 'private' || !threadTs) return privately(renderPrivate(reply));
        // The result is a reply in the thread: its chart is in that reply, as on a typed command.
        await postWithCharts({ client, log, ...options.chartRetry }, reply.card, { ...thread, ...NO_UNFURL });
        for (const t of reply.thread) await client.chat.postMessage({ ...thread, ...renderCard(t), ...NO_UNFURL });
      }),
    attach: (file) =>
      platform(() => {
        const upload = { content: file.text, filename: file.name, title: file.name };
        return threadTs ? client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, ...upload }) : client.filesUploadV2({ channel_id: channel, ...upload });
      }),
    async fail(card: Card) {
      await privately(renderCard(card)).catch((err: unknown) => log.warn('slack.respond_failed', { error: err }));
    },
    showList: (cards) => (p.origin === 'home' ? publishHome(home, cards) : p.showList(cards)),
    async openForm(form, value) {
      if (!p.modal) throw new QuadrantsError('INTERNAL', 'a form opened without a trigger');
      await client.views.open({ trigger_id: p.modal.triggerId, view: renderModal(form, { ...p.modal.meta, v: value } as FormMetadata) });
    },
    // Only a view submission can keep its form open (forms.ts); elsewhere the sentence is said privately.
    refuseField: (_field, card) => privately(renderCard(card)).then(() => undefined),
    listChanged: () => refreshHome(home, options.deps),
  };
}
