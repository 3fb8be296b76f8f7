/**
 * Forms a button opens ("Compare with…", "Subscribe this channel"): declared once as data, drawn
 * by each surface (Slack modal, Discord modal), and read back into the same RawInput a typed
 * command would give. The form carries the button's value, so a submission needs nothing stored.
 */
import { QuadrantsError } from '../errors';
import { isPlatform } from '../platforms';
import type { Subscription } from '../store/types';
import { decodeClick, stale, type ButtonTarget, type Click } from './buttons';
import type { Card } from './card';
import { COMMANDS, type RawInput } from './commands';
import { permissionCard } from './pipeline';
import { SURFACES } from './surfaces';
import type { Actor, ChatDeps } from './types';

export const FORM_KINDS = ['compare', 'subscribe', 'edit', 'new'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface FormField {
  id: 'creators' | 'creator' | 'channel' | 'cadence' | 'on' | 'at' | 'tz' | 'posts';
  /** A line of text, or a channel picked from the workspace's channels (surfaces with `formChannelPicker`). */
  kind?: 'text' | 'channel';
  label: string;
  placeholder: string;
  /** Longest answer accepted. */
  max: number;
  optional: boolean;
  /** What the field holds when the form opens (Edit shows the current schedule). */
  initial?: string;
}

export interface Form {
  kind: FormKind;
  /** The command a submission runs: the form's permission is that command's. */
  command: 'compare' | 'subscribe';
  title: string;
  submit: string;
  fields: FormField[];
}

/** Extra creators one "Compare with…" takes (a comparison has at most five). */
export const MAX_EXTRA_CREATORS = 4;

const SCHEDULE_FIELDS: FormField[] = [
  { id: 'cadence', label: 'Cadence: monthly or weekly', placeholder: 'monthly', max: 10, optional: true },
  { id: 'on', label: 'Day: 1–28, or monday…sunday', placeholder: '1', max: 20, optional: true },
  { id: 'at', label: 'Time, 24-hour HH:MM', placeholder: '09:00', max: 5, optional: true },
  { id: 'tz', label: 'Time zone (IANA)', placeholder: 'Europe/Berlin', max: 64, optional: true },
  { id: 'posts', label: 'Posts per digest (5–35)', placeholder: '30', max: 3, optional: true },
];

export const FORMS: Record<FormKind, Form> = {
  compare: {
    kind: 'compare',
    command: 'compare',
    title: 'Compare with…',
    submit: 'Compare',
    fields: [{ id: 'creators', label: `Up to ${MAX_EXTRA_CREATORS} more creators`, placeholder: '@rowan.lifts @sofa.standup', max: 200, optional: false }],
  },
  subscribe: { kind: 'subscribe', command: 'subscribe', title: 'Subscribe this channel', submit: 'Subscribe', fields: SCHEDULE_FIELDS },
  edit: { kind: 'edit', command: 'subscribe', title: 'Edit digest', submit: 'Save', fields: SCHEDULE_FIELDS },
  new: {
    kind: 'new',
    command: 'subscribe',
    title: 'New subscription',
    submit: 'Subscribe',
    fields: [
      { id: 'creator', label: 'TikTok creator', placeholder: '@mossy.kitchen', max: 200, optional: false },
      { id: 'channel', kind: 'channel', label: 'Channel that gets the digest', placeholder: 'Pick a channel', max: 32, optional: false },
      ...SCHEDULE_FIELDS,
    ],
  },
};

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The Edit form filled with the subscription's current schedule. */
export function editForm(s: Subscription): Form {
  const initial: Partial<Record<FormField['id'], string>> = {
    cadence: s.cadence,
    on: s.cadence === 'weekly' ? (WEEKDAYS[s.day] ?? '') : String(s.day),
    at: `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`,
    tz: s.timezone,
    posts: String(s.posts),
  };
  return { ...FORMS.edit, fields: FORMS.edit.fields.map((f) => ({ ...f, initial: initial[f.id] })) };
}

/**
 * The form a click opens, or the card that refuses it: forms that change digests need the
 * manager permission before anyone fills them in, and Edit starts from the stored schedule.
 */
export async function openForm(click: Click & { kind: FormKind }, actor: Actor, deps: Pick<ChatDeps, 'subscriptions'>): Promise<{ form: Form } | { refusal: Card }> {
  if (click.workspaceId !== actor.workspaceId) {
    throw new QuadrantsError('BAD_INPUT', 'form from another workspace', { userMessage: 'That button belongs to a message from another workspace or server; run the command here instead.' });
  }
  // New needs a channel picker; where forms have none, no list offers it, so such a click is forged or stale.
  if (click.kind === 'new' && !SURFACES[actor.surface].formChannelPicker) throw stale('new subscription without a channel picker');
  if (COMMANDS[FORMS[click.kind].command].permission === 'manage' && !actor.canManage) return { refusal: permissionCard(SURFACES[actor.surface].managerRule) };
  if (click.kind !== 'edit' || click.target.command !== 'subscription') return { form: FORMS[click.kind] };
  if (!deps.subscriptions || !isPlatform(actor.surface)) {
    throw new QuadrantsError('CONFIG', 'digests are not wired in', { userMessage: 'Digests are not enabled on this bot; ask whoever runs it to turn them on.' });
  }
  const sub = await deps.subscriptions.find({ platform: actor.surface, workspaceId: actor.workspaceId, channelId: click.target.channel, creatorInput: click.target.creator });
  return { form: editForm(sub) };
}

/** Longest answer any form field takes; a field the form does not declare is held to this. */
const MAX_ANSWER = 300;

/** A refusal about one field of a form, so a surface can show it under that field. */
export class FormFieldError extends QuadrantsError {
  constructor(readonly field: FormField['id'], detail: string, userMessage: string) {
    super('BAD_INPUT', detail, { userMessage });
    this.name = 'FormFieldError';
  }
}

/** The one sentence for a form this build does not (or no longer) offer, or whose value cannot be read. */
export function staleForm(): FormFieldError {
  return new FormFieldError('creators', 'stale form', 'This form is from an older version; close it and click the button again.');
}

/**
 * The answers as typed, each held to its field's length: a forged answer longer than the form
 * allows is refused naming the field (not an internal error), before anything else reads it.
 */
function readAnswers(kind: FormKind, fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(fields)) {
    const field = FORMS[kind].fields.find((f) => f.id === id);
    if (typeof value !== 'string') throw new FormFieldError(field?.id ?? 'creator', `form answer ${id.slice(0, 20)} is not text`, 'That form answer could not be read; close the form and click the button again.');
    const max = field?.max ?? MAX_ANSWER;
    if ([...value].length > max) {
      const name = field ? `“${field.label}”` : 'one field';
      throw new FormFieldError(field?.id ?? 'creator', `form answer ${id.slice(0, 20)} too long`, `The answer to ${name} is too long; give at most ${max} characters.`);
    }
    out[id] = value;
  }
  return out;
}

function creatorOf(target: ButtonTarget): string {
  if (target.command === 'compare') return target.creators[0] ?? '';
  return target.command === 'subscriptions' ? '' : target.creator;
}

/**
 * A submitted form as raw input. `value` is the button's value the form carried; `fields` what
 * was typed (blank answers are left out, so the command's defaults apply).
 */
export function formInput(kind: FormKind, value: string, fields: Record<string, unknown>, actor: Pick<Actor, 'workspaceId'>): RawInput {
  let click: Click;
  try {
    click = decodeClick(`quadrants:${kind}`, value);
  } catch {
    throw staleForm();
  }
  if (click.workspaceId !== actor.workspaceId) {
    throw new QuadrantsError('BAD_INPUT', 'form from another workspace', { userMessage: 'That form belongs to a message from another workspace or server; run the command here instead.' });
  }
  const typed = readAnswers(kind, fields);
  const given = (id: FormField['id']) => {
    const v = typed[id]?.trim();
    return v ? v : undefined;
  };
  const base = creatorOf(click.target);
  if (kind === 'compare') {
    const extra = (given('creators') ?? '').split(/[\s,]+/).filter(Boolean);
    if (extra.length > MAX_EXTRA_CREATORS) {
      throw new FormFieldError('creators', 'too many creators in the form', `Give at most ${MAX_EXTRA_CREATORS} more creators, separated by spaces, for example @rowan.lifts @sofa.standup.`);
    }
    const posts = 'posts' in click.target ? click.target.posts : 10;
    return { command: 'compare', creators: [base, ...extra], posts: String(posts) };
  }
  // Edit names its subscription's channel; New picks one; Subscribe acts on the button's channel.
  const channel = kind === 'new' ? (given('channel') ?? null) : click.target.command === 'subscription' ? click.target.channel : null;
  const raw: RawInput = { command: 'subscribe', creator: kind === 'new' ? (given('creator') ?? '') : base, channel };
  for (const id of ['cadence', 'on', 'at', 'tz', 'posts'] as const) {
    const v = given(id);
    if (v !== undefined) raw[id] = v;
  }
  return raw;
}
