/**
 * Button clicks on Slack (block_actions). Each click is acknowledged at once (Slack's 3 s), then
 * handed to the core's turn engine (src/chat/turn.ts) with where its message lives: under a
 * result (answers in its thread), on the ephemeral list of subscriptions, or in the App Home.
 */
import type { App, BlockAction } from '@slack/bolt';
import { runTurn, type Origin } from '../../src/chat/turn';
import { registerSlackForms } from './forms';
import { SLACK_LIMITS } from './limits';
import { renderStack } from './render';
import { slackSurface, type SlackActionOptions } from './surface';
import { SLACK } from '../../src/platforms';

export type { SlackActionOptions } from './surface';

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
    // In a shared channel the clicker's own workspace is what their permissions belong to.
    const workspaceId = body.user.team_id ?? body.team?.id ?? '';
    const userId = body.user.id;
    const origin: Origin = body.container?.type === 'view' && body.view?.type === 'home' ? 'home' : body.container?.is_ephemeral === true ? 'list' : 'result';
    const message = body.message as { ts?: string; thread_ts?: string } | undefined;
    const channel = origin === 'home' ? '' : (body.channel?.id ?? body.container?.channel_id ?? '');
    const threadTs = origin === 'result' ? (message?.thread_ts ?? message?.ts ?? body.container?.message_ts) : undefined;
    const surface = slackSurface(
      {
        origin,
        workspaceId,
        userId,
        channel,
        threadTs,
        privately: (msg) => respond({ response_type: 'ephemeral', replace_original: false, ...(msg as { text: string }) }),
        showList: (cards) => respond({ response_type: 'ephemeral', replace_original: true, ...renderStack(cards, SLACK_LIMITS.blocks) }).then(() => undefined),
        modal: {
          triggerId: body.trigger_id,
          meta: origin === 'home' ? { h: 1 } : { c: channel, t: threadTs ?? '', ...(origin === 'list' && body.response_url ? { r: body.response_url } : {}) },
        },
        client,
      },
      { ...options, log },
    );
    const outcome = await runTurn({ type: 'click', actionId, value, origin }, surface, options.deps);
    options.onHandled?.(outcome, body.actions[0]?.action_ts ?? '');
  });
}
