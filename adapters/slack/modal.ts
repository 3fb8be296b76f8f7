/**
 * The forms buttons open, as Slack modals. A modal's private_metadata carries the button's value,
 * the channel and the report's thread, so a submission needs nothing kept in memory.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Form, FormField } from '../../src/chat/forms';
import { truncate } from './limits';

/**
 * What a modal carries through Slack: the button's value `v`, and where it came from: a message in
 * channel `c` (thread `t`; `r`, the message's response_url when the form came from a list there,
 * so the list can be redrawn), or the App Home (`h: 1`, no channel).
 */
export const metadata = z
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
