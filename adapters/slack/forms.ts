/**
 * The forms buttons open, as Slack modals, and their submissions (view_submission). A modal's
 * private_metadata carries the button's value, the channel and the report's thread, so a
 * submission needs nothing kept in memory. Bad answers keep the modal open with one sentence
 * under the field at fault; good ones run through the same pipeline as a typed command.
 */
import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import { FORM_KINDS, FORMS, formInput, type Form, type FormField, type FormKind } from '../../src/chat/forms';
import { validate } from '../../src/commands/parse';
import { runCommand } from '../../src/chat/pipeline';
import { asQuadrantsError } from '../../src/errors';
import { slackClickConversation, type SlackActionOptions } from './actions';
import { truncate } from './limits';

/** What a modal carries through Slack: the button's value, the channel and the thread. */
const metadata = z.object({ v: z.string().max(1000), c: z.string().regex(/^[A-Z0-9]{2,32}$/), t: z.string().max(40) });
export type FormMetadata = z.infer<typeof metadata>;

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
      element: { type: 'plain_text_input' as const, action_id: f.id, max_length: f.max, placeholder: { type: 'plain_text' as const, text: truncate(f.placeholder, 150) } },
    })),
  };
}

/** The field a refusal is about, so Slack shows the sentence under it. */
function fieldAt(form: Form, sentence: string): FormField['id'] {
  const rules: Array<[RegExp, FormField['id']]> = [
    [/time zone/i, 'tz'],
    [/24-hour|The time “/i, 'at'],
    [/weekday|day of the month|monthly digest runs|day “/i, 'on'],
    [/cadence/i, 'cadence'],
    [/posts/i, 'posts'],
  ];
  const hit = rules.find(([re, id]) => re.test(sentence) && form.fields.some((f) => f.id === id));
  return hit ? hit[1] : (form.fields[0]?.id ?? 'creators');
}

/** Registers the submission listener: `registerSlackForms(app, options)`. */
export function registerSlackForms(app: App, options: SlackActionOptions): void {
  const log = options.log.child({ adapter: 'slack', via: 'form' });
  app.view({ type: 'view_submission', callback_id: /^quadrants:/ }, async ({ ack, body, view, client }) => {
    const kind = view.callback_id.slice('quadrants:'.length) as FormKind;
    const form = (FORM_KINDS as readonly string[]).includes(kind) ? FORMS[kind] : null;
    const meta = metadata.safeParse((() => { try { return JSON.parse(view.private_metadata) as unknown; } catch { return null; } })());
    if (!form || !meta.success) {
      await ack({ response_action: 'errors', errors: { [form?.fields[0]?.id ?? 'creators']: 'This form is from an older version; close it and click the button again.' } });
      return;
    }
    const fields: Record<string, string> = {};
    for (const f of form.fields) fields[f.id] = view.state.values[f.id]?.[f.id]?.value ?? '';
    const workspaceId = body.user.team_id ?? body.team?.id ?? '';
    let raw;
    try {
      raw = formInput(kind, meta.data.v, fields, { workspaceId });
      // Checked before the modal closes, so a bad zone, day or time is fixed in place.
      validate(raw);
    } catch (err) {
      const sentence = asQuadrantsError(err).userMessage;
      await ack({ response_action: 'errors', errors: { [fieldAt(form, sentence)]: sentence } });
      return;
    }
    await ack();
    const conversation = slackClickConversation({
      workspaceId,
      userId: body.user.id,
      channel: meta.data.c,
      threadTs: meta.data.t || undefined,
      privately: (msg) => client.chat.postEphemeral({ channel: meta.data.c, user: body.user.id, ...(msg as { text: string }) }),
      client,
      log,
      managers: options.managers,
      kind: null,
    });
    const input = raw;
    const outcome = await runCommand(() => input, conversation, options.deps);
    options.onHandled?.(outcome, view.id);
  });
}
