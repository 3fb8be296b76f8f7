/**
 * Button clicks on Slack (block_actions). Each click is acknowledged at once (Slack's 3 s), read
 * back from its action id and value, and run through the same pipeline as a typed command, as the
 * person who clicked. Results go in the thread of the message the button sits on, so the channel
 * is not flooded; stale or foreign clicks get one private sentence and change nothing.
 */
import type { App, BlockAction } from '@slack/bolt';
import { BUTTON_KINDS, misplaced, onList, opensForm, pageOf, readClick, type ButtonKind, type Click } from '../../src/chat/buttons';
import { openForm, type FormKind } from '../../src/chat/forms';
import { registerSlackForms, renderModal, type FormMetadata } from './forms';
import { homePlace, refreshHome, type HomeArgs } from './home';
import { SLACK_LIMITS } from './limits';
import { redrawList, type ListPlace } from './list';
import { privateReply } from '../../src/chat/card';
import { errorCard, runCommand, type Outcome } from '../../src/chat/pipeline';
import { asQuadrantsError } from '../../src/errors';
import { plainChannels, slackActor } from './conversation';
import { renderPrivate, renderStack } from './render';
import { slackClickConversation, type Client, type SlackActionOptions } from './click-conversation';

import { SLACK } from '../../src/platforms';

export type { SlackActionOptions } from './click-conversation';

/** Registers the click and form listeners on the app: `registerSlackActions(app, options)` from app.ts. */
export function registerSlackActions(app: App, options: SlackActionOptions): void {
  registerSlackForms(app, options);
  const log = options.log.child({ adapter: SLACK, via: 'button' });
  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, action, respond, client }) => {
    // Acknowledged first: Slack shows an error to the clicker after 3 s without it.
    await ack();
    // Yield once so clicks queued behind this one get their acks out before any work starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const actionId = 'action_id' in action ? action.action_id : '';
    const value = action.type === 'button' ? (action.value ?? '') : '';
    const kind = actionId.startsWith('quadrants:') ? (actionId.slice('quadrants:'.length) as ButtonKind) : null;
    const actionTs = body.actions[0]?.action_ts ?? '';
    // In a shared channel the clicker's own workspace is what their permissions belong to.
    const workspaceId = body.user.team_id ?? body.team?.id ?? '';
    const home: HomeArgs = { client, workspaceId, userId: body.user.id, managers: options.managers, log };
    if (body.container?.type === 'view' && body.view?.type === 'home') {
      const { outcome } = await homeClick(actionId, value, home, body.trigger_id, options);
      options.onHandled?.(outcome, actionTs);
      return;
    }
    const message = body.message as { ts?: string; thread_ts?: string } | undefined;
    const channel = body.channel?.id ?? body.container?.channel_id ?? '';
    const threadTs = message?.thread_ts ?? message?.ts ?? body.container?.message_ts;
    // A click may only act on its own kind of message: list buttons sit on the private list,
    // result buttons under a public result. Anything else is answered privately; nothing changes.
    if (kind !== null && (BUTTON_KINDS as readonly string[]).includes(kind) && onList(kind) !== (body.container?.is_ephemeral === true)) {
      const e = misplaced(kind);
      log.info('button.refused', { detail: e.message });
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderPrivate(privateReply(errorCard(e))) }).catch((error: unknown) => log.warn('slack.respond_failed', { error }));
      options.onHandled?.('refused', actionTs);
      return;
    }
    if (onList(kind)) {
      const place: ListPlace = {
        actor: slackActor(workspaceId, channel, body.user.id, options.managers),
        channels: plainChannels(client, log, channel || null),
        async show(cards) {
          await respond({ response_type: 'ephemeral', replace_original: true, ...renderStack(cards, SLACK_LIMITS.blocks) });
        },
        log,
      };
      const { outcome, changed } = await listClick(actionId, value, place, { trigger_id: body.trigger_id, meta: { v: value, c: channel, t: '', ...(body.response_url ? { r: body.response_url } : {}) } }, client, options);
      if (changed) await refreshHome(home, options.deps);
      options.onHandled?.(outcome, actionTs);
      return;
    }
    const conversation = slackClickConversation({
      workspaceId,
      userId: body.user.id,
      channel,
      threadTs,
      privately: (msg) => respond({ response_type: 'ephemeral', replace_original: false, ...(msg as { text: string }) }),
      client,
      log,
      managers: options.managers,
      kind,
      ...(options.chartRetry ? { chartRetry: options.chartRetry } : {}),
    });
    let raw;
    try {
      const read = readClick(actionId, value, conversation.actor);
      if (opensForm(read.click.kind)) {
        const opened = await openForm(read.click as Click & { kind: FormKind }, conversation.actor, options.deps);
        if ('refusal' in opened) {
          await conversation.answer(privateReply(opened.refusal)).catch((error: unknown) => log.warn('slack.respond_failed', { error }));
          options.onHandled?.('refused', actionTs);
          return;
        }
        await client.views.open({ trigger_id: body.trigger_id, view: renderModal(opened.form, { v: value, c: channel, t: threadTs ?? '' }) });
        options.onHandled?.('answered', actionTs);
        return;
      }
      raw = read.raw;
    } catch (err) {
      const e = asQuadrantsError(err);
      log.info('button.refused', { detail: e.message });
      await conversation.answer(privateReply(errorCard(e))).catch((error: unknown) => log.warn('slack.respond_failed', { error }));
      options.onHandled?.('refused', actionTs);
      return;
    }
    const input = raw;
    const outcome = await runCommand(() => input, conversation, options.deps);
    options.onHandled?.(outcome, actionTs);
  });
}

/**
 * A click on the list (in the App Home or a message): Edit and New open their form; the others
 * run and the list is redrawn with the answer on top; a stale or refused click redraws it with
 * its one sentence on top and changes nothing.
 */
async function listClick(
  actionId: string,
  value: string,
  place: ListPlace,
  modal: { trigger_id: string; meta: FormMetadata },
  client: Client,
  options: SlackActionOptions,
): Promise<{ outcome: Outcome; changed: boolean }> {
  let read: ReturnType<typeof readClick>;
  try {
    read = readClick(actionId, value, place.actor);
    if (opensForm(read.click.kind)) {
      const opened = await openForm(read.click as Click & { kind: FormKind }, place.actor, options.deps);
      if ('refusal' in opened) return await redrawList(place, { note: opened.refusal, page: pageOf(read.click) }, options.deps);
      await client.views.open({ trigger_id: modal.trigger_id, view: renderModal(opened.form, modal.meta) });
      return { outcome: 'answered', changed: false };
    }
  } catch (err) {
    const e = asQuadrantsError(err);
    place.log.info('button.refused', { detail: e.message });
    return redrawList(place, { note: errorCard(e), page: 0 }, options.deps);
  }
  return redrawList(place, { raw: read.raw, page: pageOf(read.click) }, options.deps);
}

/** A click in someone's App Home: its answer is the home again, published with the answer on top. */
function homeClick(actionId: string, value: string, home: HomeArgs, triggerId: string, options: SlackActionOptions) {
  return listClick(actionId, value, homePlace(home), { trigger_id: triggerId, meta: { v: value, h: 1 } }, home.client, options);
}
