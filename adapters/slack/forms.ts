/**
 * The forms buttons open, as Slack modals, and their submissions (view_submission). A modal's
 * private_metadata carries the button's value, the channel and the report's thread, so a
 * submission needs nothing kept in memory. Bad answers keep the modal open with one sentence
 * under the field at fault; good ones run through the same pipeline as a typed command.
 */
import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import { FORM_KINDS, FORMS, FormFieldError, formInput, type Form, type FormField, type FormKind } from '../../src/chat/forms';
import { validate } from '../../src/chat/parse';
import { runCommand, type Outcome } from '../../src/chat/pipeline';
import { decodeClick, pageOf } from '../../src/chat/buttons';
import type { Card } from '../../src/chat/card';
import { asQuadrantsError } from '../../src/errors';
import { slackClickConversation, type SlackActionOptions } from './click-conversation';
import { plainChannels, slackActor } from './conversation';
import { drawHome, refreshHome, type HomeArgs } from './home';
import { SLACK_LIMITS, truncate } from './limits';
import { changedSubscription as changed } from '../../src/chat/list-turn';
import { redrawList, type ListPlace } from './list';
import { renderCard, renderStack } from './render';
import { SLACK } from '../../src/platforms';

/**
 * What a modal carries through Slack: the button's value `v`, and where it came from: a message in
 * channel `c` (thread `t`; `r`, the message's response_url when the form came from a list there,
 * so the list can be redrawn), or the App Home (`h: 1`, no channel).
 */
const metadata = z
  .object({
    v: z.string().max(1000),
    c: z.string().regex(/^[A-Z0-9]{2,32}$/).optional(),
    t: z.string().max(40).default(''),
    r: z.string().url().max(1000).optional(),
    h: z.literal(1).optional(),
  })
  .refine((m) => (m.h === 1) !== (m.c !== undefined));
export type FormMetadata = z.input<typeof metadata>;

/** One field as an input element: a channel picker (public and private channels, no DMs or bots) or a line of text. */
function element(f: FormField) {
  if (f.kind === 'channel') {
    return {
      type: 'conversations_select' as const,
      action_id: f.id,
      filter: { include: ['public' as const, 'private' as const], exclude_bot_users: true },
      placeholder: { type: 'plain_text' as const, text: truncate(f.placeholder, 150) },
      ...(f.initial ? { initial_conversation: f.initial } : {}),
    };
  }
  return {
    type: 'plain_text_input' as const,
    action_id: f.id,
    max_length: f.max,
    placeholder: { type: 'plain_text' as const, text: truncate(f.placeholder, 150) },
    ...(f.initial ? { initial_value: f.initial.slice(0, f.max) } : {}),
  };
}

/** A form as a Block Kit modal; callback_id `quadrants:<kind>`, one input block per field. */
export function renderModal(form: Form, meta: FormMetadata): types.ModalView {
  return {
    type: 'modal',
    callback_id: `quadrants:${form.kind}`,
    title: { type: 'plain_text', text: truncate(form.title, 24) },
    submit: { type: 'plain_text', text: truncate(form.submit, 24) },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(meta),
    blocks: form.fields.map((f) => ({
      type: 'input' as const,
      block_id: f.id,
      optional: f.optional,
      label: { type: 'plain_text' as const, text: truncate(f.label, 2000) },
      element: element(f),
    })),
  };
}

/** The field a refusal is about, so Slack shows the sentence under it. */
function fieldAt(form: Form, sentence: string): FormField['id'] {
  const rules: Array<[RegExp, FormField['id']]> = [
    [/TikTok|creator|chat mention/i, 'creator'],
    [/time zone/i, 'tz'],
    [/24-hour|The time “/i, 'at'],
    [/weekday|day of the month|monthly digest runs|day “/i, 'on'],
    [/cadence/i, 'cadence'],
    [/posts/i, 'posts'],
    [/channel/i, 'channel'],
    [/creator|handle|TikTok|@/i, 'creator'],
  ];
  const hit = rules.find(([re, id]) => re.test(sentence) && form.fields.some((f) => f.id === id));
  return hit ? hit[1] : (form.fields[0]?.id ?? 'creators');
}

/** Registers the submission listener: `registerSlackForms(app, options)`. */
export function registerSlackForms(app: App, options: SlackActionOptions): void {
  const log = options.log.child({ adapter: SLACK, via: 'form' });
  app.view({ type: 'view_submission', callback_id: /^quadrants:/ }, async ({ ack, body, view, client }) => {
    const kind = view.callback_id.slice('quadrants:'.length) as FormKind;
    const form = (FORM_KINDS as readonly string[]).includes(kind) ? FORMS[kind] : null;
    const meta = metadata.safeParse((() => { try { return JSON.parse(view.private_metadata) as unknown; } catch { return null; } })());
    if (!form || !meta.success) {
      await ack({ response_action: 'errors', errors: { [form?.fields[0]?.id ?? 'creators']: 'This form is from an older version; close it and click the button again.' } });
      return;
    }
    const fields: Record<string, string> = {};
    for (const f of form.fields) {
      const state = view.state.values[f.id]?.[f.id];
      fields[f.id] = (f.kind === 'channel' ? state?.selected_conversation : state?.value) ?? '';
    }
    const workspaceId = body.user.team_id ?? body.team?.id ?? '';
    let raw;
    try {
      raw = formInput(kind, meta.data.v, fields, { workspaceId });
      // Checked before the modal closes, so a bad zone, day, time or creator is fixed in place.
      validate(raw);
    } catch (err) {
      const e = asQuadrantsError(err);
      const sentence = e.userMessage;
      // A refusal that names its field (an answer too long) is shown under that field.
      const at = e instanceof FormFieldError && form.fields.some((f) => f.id === e.field) ? e.field : fieldAt(form, sentence);
      await ack({ response_action: 'errors', errors: { [at]: sentence } });
      return;
    }
    await ack();
    const input = raw;
    const m = meta.data;
    const userId = body.user.id;
    const home: HomeArgs = { client, workspaceId, userId, managers: options.managers, log };
    const page = pageOf(decodeClick(`quadrants:${kind}`, m.v));
    let outcome: Outcome;
    if (m.h === 1 || m.c === undefined) {
      // From the App Home: the home is redrawn with the answer on top (that is its refresh too).
      outcome = (await drawHome(home, { raw: input, page }, options.deps)).outcome;
    } else if (m.r) {
      // From a list in a message: redrawn in place through the message's response_url.
      const channel = m.c;
      const place: ListPlace = {
        actor: slackActor(workspaceId, channel, userId, options.managers),
        channels: plainChannels(client, log, channel),
        async show(cards) {
          try {
            await respondTo(m.r as string, { response_type: 'ephemeral', replace_original: true, ...renderStack(cards, SLACK_LIMITS.blocks) });
          } catch (err) {
            // The message can no longer be replaced (its response_url expired): say the answer privately.
            log.info('slack.list_redraw_fallback', { error: err });
            await client.chat.postEphemeral({ channel, user: userId, ...renderCard(cards[0] as Card) });
          }
        },
        log,
      };
      outcome = (await redrawList(place, { raw: input, page }, options.deps)).outcome;
      if (changed(input.command, outcome)) await refreshHome(home, options.deps);
    } else {
      const channel = m.c;
      const conversation = slackClickConversation({
        workspaceId,
        userId,
        channel,
        threadTs: m.t || undefined,
        privately: (msg) => client.chat.postEphemeral({ channel, user: userId, ...(msg as { text: string }) }),
        client,
        log,
        managers: options.managers,
        kind: null,
        ...(options.chartRetry ? { chartRetry: options.chartRetry } : {}),
      });
      outcome = await runCommand(() => input, conversation, options.deps);
      if (changed(input.command, outcome)) await refreshHome(home, options.deps);
    }
    options.onHandled?.(outcome, view.id);
  });
}

/** Posts to a response_url (the message a list button sat on); throws when Slack refused it. */
async function respondTo(url: string, message: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(message) });
  const text = await res.text();
  if (!res.ok || text.includes('"ok":false')) throw new Error(`response_url refused: ${res.status} ${text.slice(0, 100)}`);
}
