/**
 * Form submissions on Slack (view_submission), answered by the core's turn engine
 * (src/chat/turn.ts). A refused answer keeps the modal open with its one sentence under the field
 * the core names; anything else closes the modal first and then runs, as the person who submitted
 * (src/chat/closing-surface.ts).
 */
import type { App } from '@slack/bolt';
import { renderCard, renderStack } from './render';
import { runTurn, type Origin } from '../../src/chat/turn';
import { closingFirst } from '../../src/chat/closing-surface';
import { plain } from '../../src/chat/inline';
import { SLACK_LIMITS } from './limits';
import { metadata } from './modal';
import { slackSurface, type SlackActionOptions } from './surface';
import { SLACK } from '../../src/platforms';

/** The answers as submitted: each input block's element, by block id (a channel picker's selection, or the text). */
function answers(values: Record<string, Record<string, { value?: string | null; selected_conversation?: string | null }>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, block] of Object.entries(values)) {
    const state = block[id];
    out[id] = state?.selected_conversation ?? state?.value ?? '';
  }
  return out;
}

type ModalAck = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** Registers the submission listener: `registerSlackForms(app, options)`. */
export function registerSlackForms(app: App, options: SlackActionOptions): void {
  const log = options.log.child({ adapter: SLACK, via: 'form' });
  app.view({ type: 'view_submission', callback_id: /^quadrants:/ }, async ({ ack, body, view, client }) => {
    const meta = metadata.safeParse((() => { try { return JSON.parse(view.private_metadata) as unknown; } catch { return null; } })());
    const m = meta.success ? meta.data : { v: '', t: '' };
    const workspaceId = body.user.team_id ?? body.team?.id ?? '';
    const userId = body.user.id;
    const channel = m.c ?? '';
    const origin: Origin = m.h === 1 ? 'home' : m.r ? 'list' : 'result';
    const privately = (msg: { text: string }) => client.chat.postEphemeral({ channel, user: userId, ...msg });
    const surface = slackSurface(
      {
        origin,
        workspaceId,
        userId,
        channel,
        threadTs: m.t || undefined,
        privately: (msg) => privately(msg as { text: string }),
        async showList(cards) {
          try {
            // From a list in a message: redrawn in place through the message's response_url.
            await respondTo(m.r ?? '', { response_type: 'ephemeral', replace_original: true, ...renderStack(cards, SLACK_LIMITS.blocks) });
          } catch (err) {
            // The message can no longer be replaced (its response_url expired): say the answer privately.
            log.info('slack.list_redraw_fallback', { error: err });
            if (cards[0]) await privately(renderCard(cards[0]));
          }
        },
        modal: null,
        client,
      },
      { ...options, log },
    );
    const modalAck = ack as ModalAck;
    const closing = closingFirst(surface, () => modalAck(), (field, card) => modalAck({ response_action: 'errors', errors: { [field]: plain(card.summary) } }));
    const outcome = await runTurn({ type: 'form', kind: view.callback_id.slice('quadrants:'.length), value: m.v, fields: answers(view.state.values), origin }, closing, options.deps);
    options.onHandled?.(outcome, view.id);
  });
}

/** Posts to a response_url (the message a list button sat on); throws when Slack refused it. */
async function respondTo(url: string, message: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(message) });
  const text = await res.text();
  if (!res.ok || text.includes('"ok":false')) throw new Error(`response_url refused: ${res.status} ${text.slice(0, 100)}`);
}
