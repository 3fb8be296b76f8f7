/**
 * Forms a button opens ("Compare with…", "Subscribe this channel"): declared once as data, drawn
 * by each surface (Slack modal, Discord modal), and read back into the same RawInput a typed
 * command would give. The form carries the button's value, so a submission needs nothing stored.
 */
import { z } from 'zod';
import { QuadrantsError } from '../errors';
import { decodeClick, type ButtonTarget } from './buttons';
import type { RawInput } from './commands';
import type { Actor } from './types';

export const FORM_KINDS = ['compare', 'subscribe'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface FormField {
  id: 'creators' | 'cadence' | 'on' | 'at' | 'tz' | 'posts';
  label: string;
  placeholder: string;
  /** Longest answer accepted. */
  max: number;
  optional: boolean;
}

export interface Form {
  kind: FormKind;
  title: string;
  submit: string;
  fields: FormField[];
}

/** Extra creators one "Compare with…" takes (a comparison has at most five). */
export const MAX_EXTRA_CREATORS = 4;

export const FORMS: Record<FormKind, Form> = {
  compare: {
    kind: 'compare',
    title: 'Compare with…',
    submit: 'Compare',
    fields: [{ id: 'creators', label: `Up to ${MAX_EXTRA_CREATORS} more creators`, placeholder: '@rowan.lifts @sofa.standup', max: 200, optional: false }],
  },
  subscribe: {
    kind: 'subscribe',
    title: 'Subscribe this channel',
    submit: 'Subscribe',
    fields: [
      { id: 'cadence', label: 'Cadence: monthly or weekly', placeholder: 'monthly', max: 10, optional: true },
      { id: 'on', label: 'Day: 1–28, or monday…sunday', placeholder: '1', max: 20, optional: true },
      { id: 'at', label: 'Time, 24-hour HH:MM', placeholder: '09:00', max: 5, optional: true },
      { id: 'tz', label: 'Time zone (IANA)', placeholder: 'Europe/Berlin', max: 64, optional: true },
      { id: 'posts', label: 'Posts per digest (5–35)', placeholder: '30', max: 3, optional: true },
    ],
  },
};

const answers = z.record(z.string(), z.string().max(300));

function creatorOf(target: ButtonTarget): string {
  return target.command === 'compare' ? (target.creators[0] ?? '') : target.creator;
}

/**
 * A submitted form as raw input. `value` is the button's value the form carried; `fields` what
 * was typed (blank answers are left out, so the command's defaults apply).
 */
export function formInput(kind: FormKind, value: string, fields: Record<string, string>, actor: Pick<Actor, 'workspaceId'>): RawInput {
  const click = decodeClick(`quadrants:${kind}`, value);
  if (click.workspaceId !== actor.workspaceId) {
    throw new QuadrantsError('BAD_INPUT', 'form from another workspace', { userMessage: 'That form belongs to a message from another workspace or server; run the command here instead.' });
  }
  const typed = answers.parse(fields);
  const given = (id: FormField['id']) => {
    const v = typed[id]?.trim();
    return v ? v : undefined;
  };
  const base = creatorOf(click.target);
  if (kind === 'compare') {
    const extra = (given('creators') ?? '').split(/[\s,]+/).filter(Boolean);
    if (extra.length > MAX_EXTRA_CREATORS) {
      throw new QuadrantsError('BAD_INPUT', 'too many creators in the form', { userMessage: `Give at most ${MAX_EXTRA_CREATORS} more creators, separated by spaces, for example @rowan.lifts @sofa.standup.` });
    }
    const posts = 'posts' in click.target ? click.target.posts : 10;
    return { command: 'compare', creators: [base, ...extra], posts: String(posts) };
  }
  const raw: RawInput = { command: 'subscribe', creator: base, channel: null };
  for (const id of ['cadence', 'on', 'at', 'tz', 'posts'] as const) {
    const v = given(id);
    if (v !== undefined) raw[id] = v;
  }
  return raw;
}
