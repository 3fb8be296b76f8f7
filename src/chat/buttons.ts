/**
 * Buttons under reports, comparisons and placements. A button carries everything its click
 * needs in a compact, versioned value (`v1|<workspace>|r|@handle|30`), so clicks keep working
 * after a restart and nothing lives only in memory. A click becomes the same RawInput a typed
 * command would, and runs through the same pipeline as the person who clicked.
 */
import { z } from 'zod';
import { creatorRef, postsCount } from '../commands/args';
import { USERID_RE, USERNAME_RE } from '../commands/creator';
import { QuadrantsError } from '../errors';
import type { CompareReport, PostPlacement, QuadrantReport } from '../quadrants/types';
import type { CsvFile, Reply } from './card';
import { say, words, type Inline } from './inline';
import type { Actor } from './types';
import { BUTTON_KINDS, type ButtonKind, type CardAction, type RawInput } from './vocabulary';

export { BUTTON_KINDS, type ButtonKind, type CardAction } from './vocabulary';

/** Prefix of every action id (Slack) and custom id (Discord) this bot writes. */
export const BUTTON_PREFIX = 'quadrants:';
/** Values this build writes and reads; a value of another version is stale. */
export const BUTTON_VERSION = 'v1';

/** What a click runs: the command and its arguments, exactly as a typed command would give them. */
export type ButtonTarget =
  | { command: 'report'; creator: string; posts: number }
  | { command: 'compare'; creators: string[]; posts: number }
  | { command: 'post'; creator: string; video: string }
  /** One line of the list (a subscription or a watch: its channel and creator id) and the list page the button sits on. */
  | { command: 'subscription'; channel: string; creator: string; page: number }
  /** A page of the list of subscriptions. */
  | { command: 'subscriptions'; page: number };

/** A decoded click. */
export interface Click {
  kind: ButtonKind;
  workspaceId: string;
  target: ButtonTarget;
}

// Each part of a value is read by the schema typed input uses (posts, creators), or by a strict
// shape of its own: a forged `1e1` or ` 10` is stale, never read as 10.
const workspace = z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/);
const creator = creatorRef;
const posts = postsCount;
const channelId = z.string().regex(/^[A-Za-z0-9]{1,32}$/);
const numericId = z.string().regex(/^\d{1,25}$/);
const page = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,3})$/)
  .transform(Number);
const valueSchema = z.union([
  z.tuple([z.literal(BUTTON_VERSION), workspace, z.literal('r'), creator, posts]).transform(([, w, , c, p]) => ({ workspaceId: w, target: { command: 'report' as const, creator: c, posts: p } })),
  z
    .tuple([z.literal(BUTTON_VERSION), workspace, z.literal('c'), z.string().max(200), posts])
    .transform(([, w, , list, p]) => ({ workspaceId: w, target: { command: 'compare' as const, creators: list.split(','), posts: p } }))
    .refine((v) => v.target.creators.every((c) => creator.safeParse(c).success)),
  z
    .tuple([z.literal(BUTTON_VERSION), workspace, z.literal('p'), creator, numericId])
    .transform(([, w, , c, v]) => ({ workspaceId: w, target: { command: 'post' as const, creator: c, video: v } })),
  z
    .tuple([z.literal(BUTTON_VERSION), workspace, z.literal('s'), channelId, numericId, page])
    .transform(([, w, , ch, c, pg]) => ({ workspaceId: w, target: { command: 'subscription' as const, channel: ch, creator: c, page: pg } })),
  z.tuple([z.literal(BUTTON_VERSION), workspace, z.literal('h'), page]).transform(([, w, , pg]) => ({ workspaceId: w, target: { command: 'subscriptions' as const, page: pg } })),
]);

/** What a button kind does, in one table. */
export interface ButtonBehaviour {
  /** The values it reads: a click whose value is of another shape is stale. */
  reads: ReadonlyArray<ButtonTarget['command']>;
  /** Opens a form (./forms.ts) instead of running at once. */
  form: boolean;
  /**
   * Where its buttons sit: under a result (answers go in the result's thread), or on the list of
   * subscriptions (the list is redrawn in place, with what the click changed on top).
   */
  sits: 'result' | 'list';
}

export const BUTTONS: Record<ButtonKind, ButtonBehaviour> = {
  window: { reads: ['report', 'compare'], form: false, sits: 'result' },
  refresh: { reads: ['report', 'compare', 'post'], form: false, sits: 'result' },
  csv: { reads: ['report', 'compare', 'post'], form: false, sits: 'result' },
  compare: { reads: ['report'], form: true, sits: 'result' },
  subscribe: { reads: ['report'], form: true, sits: 'result' },
  pause: { reads: ['subscription'], form: false, sits: 'list' },
  resume: { reads: ['subscription'], form: false, sits: 'list' },
  edit: { reads: ['subscription'], form: true, sits: 'list' },
  unsubscribe: { reads: ['subscription'], form: false, sits: 'list' },
  watch: { reads: ['subscription'], form: false, sits: 'list' },
  unwatch: { reads: ['subscription'], form: false, sits: 'list' },
  page: { reads: ['subscriptions'], form: false, sits: 'list' },
  new: { reads: ['subscriptions'], form: true, sits: 'list' },
};

/** The kind an action id names (`quadrants:<kind>`), or null for ids this bot did not write. */
export function kindOf(actionId: string): ButtonKind | null {
  const kind = actionId.startsWith(BUTTON_PREFIX) ? actionId.slice(BUTTON_PREFIX.length) : '';
  return (BUTTON_KINDS as readonly string[]).includes(kind) ? (kind as ButtonKind) : null;
}

/**
 * The creator as a button names it: `@handle` when the handle from upstream passes the handle
 * whitelist, else the numeric id when that is one, else null (no button names this creator).
 */
function creatorOf(r: QuadrantReport): string | null {
  if (USERNAME_RE.test(r.creator.username)) return `@${r.creator.username}`;
  return USERID_RE.test(r.creator.userid) ? r.creator.userid : null;
}

/** True when a value reads back to a target: only values made of validated parts ride on buttons. */
export function readsBack(value: string): boolean {
  return valueSchema.safeParse(value.split('|')).success;
}

/** The value a button carries for `target` in `workspaceId`. */
export function encodeTarget(workspaceId: string, target: ButtonTarget): string {
  const head = `${BUTTON_VERSION}|${workspaceId}`;
  if (target.command === 'report') return `${head}|r|${target.creator}|${target.posts}`;
  if (target.command === 'compare') return `${head}|c|${target.creators.join(',')}|${target.posts}`;
  if (target.command === 'subscription') return `${head}|s|${target.channel}|${target.creator}|${target.page}`;
  if (target.command === 'subscriptions') return `${head}|h|${target.page}`;
  return `${head}|p|${target.creator}|${target.video}`;
}

/** The one sentence for a button this build does not (or no longer) offer. */
export function stale(detail: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', `stale button: ${detail}`, {
    userMessage: 'That button is from an older version of this message and no longer works; run the command again for fresh buttons.',
  });
}

/**
 * The one sentence for a click whose button does not belong on the message it came with (a list
 * button on a public report, a report button on the list): a click may only change the kind of
 * message it belongs to, so it changes nothing.
 */
export function misplaced(kind: ButtonKind): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', `button ${kind} on another kind of message`, {
    userMessage: 'That button does not belong to this message, so nothing changed; use the buttons drawn under the message, or run the command again.',
  });
}

/** Reads a click back. Unknown ids and values of another version or shape are stale: one sentence. */
export function decodeClick(actionId: string, value: string): Click {
  const kind = kindOf(actionId);
  if (kind === null) throw stale(`unknown action ${actionId.slice(0, 40)}`);
  const parsed = valueSchema.safeParse(value.split('|'));
  if (!parsed.success) throw stale('unreadable value');
  if (!BUTTONS[kind].reads.includes(parsed.data.target.command)) throw stale(`value does not fit ${kind}`);
  return { kind, ...parsed.data };
}

/**
 * The click as raw input for the command table, checked against who clicked where: a button from
 * a message of another workspace or server changes nothing.
 */
export function clickInput(click: Click, actor: Pick<Actor, 'workspaceId'>): RawInput {
  if (click.workspaceId !== actor.workspaceId) {
    throw new QuadrantsError('BAD_INPUT', 'button from another workspace', {
      userMessage: 'That button belongs to a message from another workspace or server; run the command here instead.',
    });
  }
  const t = click.target;
  if (t.command === 'report') return { command: 'report', creator: t.creator, posts: String(t.posts) };
  if (t.command === 'compare') return { command: 'compare', creators: t.creators, posts: String(t.posts) };
  if (t.command === 'subscriptions') return { command: 'subscriptions', page: String(t.page) };
  if (t.command === 'subscription') {
    // Each list button runs the command of its own name (Edit runs subscribe through its form).
    const command = click.kind === 'pause' || click.kind === 'resume' || click.kind === 'watch' || click.kind === 'unwatch' ? click.kind : 'unsubscribe';
    return { command, creator: t.creator, channel: t.channel };
  }
  return { command: 'post', url: `https://www.tiktok.com/${t.creator.startsWith('@') ? t.creator : `@${t.creator}`}/video/${t.video}` };
}

/** The other window: a 30-post report offers 10, anything else offers 30. */
function otherWindow(posts: number): number {
  return posts === 30 ? 10 : 30;
}

function buttons(workspaceId: string, same: ButtonTarget, window: ButtonTarget | null): CardAction[] {
  const out: CardAction[] = [];
  if (window && 'posts' in window) out.push({ kind: 'window', label: `${window.posts} posts`, value: encodeTarget(workspaceId, window) });
  out.push({ kind: 'refresh', label: 'Refresh', value: encodeTarget(workspaceId, same) });
  // "Compare with…" and "Subscribe this channel" open a form; both need one creator to start from.
  if (same.command === 'report') {
    out.push({ kind: 'compare', label: 'Compare with…', value: encodeTarget(workspaceId, same) });
    out.push({ kind: 'subscribe', label: 'Subscribe this channel', value: encodeTarget(workspaceId, same) });
  }
  out.push({ kind: 'csv', label: 'CSV', value: encodeTarget(workspaceId, same) });
  return out.filter((a) => readsBack(a.value));
}

/** The list page a list button or form came from (0 for anything else). */
export function pageOf(click: Click): number {
  return 'page' in click.target ? click.target.page : 0;
}

/** Buttons under a report. */
export function reportActions(workspaceId: string, r: QuadrantReport): CardAction[] {
  const who = creatorOf(r);
  if (who === null) return [];
  const same: ButtonTarget = { command: 'report', creator: who, posts: r.window.posts };
  return buttons(workspaceId, same, { ...same, posts: otherWindow(r.window.posts) });
}

/** Buttons under a comparison. */
export function compareActions(workspaceId: string, r: CompareReport): CardAction[] {
  const posts = r.creators[0]?.report.window.posts ?? 10;
  const who = r.creators.map((c) => creatorOf(c.report));
  if (who.some((c) => c === null)) return [];
  const same: ButtonTarget = { command: 'compare', creators: who as string[], posts };
  return buttons(workspaceId, same, { ...same, posts: otherWindow(posts) });
}

/** Buttons under a placement: refresh and CSV re-place the post; the window button maps its creator. */
export function placementActions(workspaceId: string, p: PostPlacement): CardAction[] {
  const who = creatorOf(p.baseline);
  if (who === null || !who.startsWith('@') || !/^\d{1,25}$/.test(p.post.id)) return [];
  return buttons(workspaceId, { command: 'post', creator: who, video: p.post.id }, { command: 'report', creator: who, posts: otherWindow(p.baseline.window.posts) });
}

/** A reply with buttons on its card (surfaces without buttons simply do not draw them). */
export function withActions(reply: Reply, actions: CardAction[]): Reply {
  return { ...reply, card: { ...reply.card, actions } };
}

/** Read from a reply's data: what the refresh cost. */
function creditsOf(reply: Reply): number | null {
  const data = reply.json?.() as { credits?: unknown } | undefined;
  return typeof data?.credits === 'number' ? data.credits : null;
}

/** The line a refreshed answer ends with: free while the data is cached, and it says so. */
export function refreshNote(reply: Reply): Inline {
  const credits = creditsOf(reply);
  if (credits === 0) return words('Refreshed from the cache: this refresh was free; new numbers arrive once the cached data expires.');
  if (credits === null) return words('Refreshed.');
  return say`${words(`Refreshed with new data from TikTok: ${credits} API credit${credits === 1 ? '' : 's'} spent.`)}`;
}

/** The reply a refresh click delivers: the same card, with the refresh note in its footer. */
export function refreshed(reply: Reply): Reply {
  return { ...reply, card: { ...reply.card, footer: [...reply.card.footer, refreshNote(reply)] } };
}

/** A click read and checked: the raw input to run, or a QuadrantsError with one sentence. */
export function readClick(actionId: string, value: string, actor: Pick<Actor, 'workspaceId'>): { click: Click; raw: RawInput } {
  const click = decodeClick(actionId, value);
  return { click, raw: clickInput(click, actor) };
}

/**
 * What a click delivers in its result's thread: CSV its file (when the reply has one), Refresh
 * the reply with the refresh note; anything else the reply as it is.
 */
export function clickReply(kind: ButtonKind | null, reply: Reply): Reply | CsvFile {
  if (kind === 'csv' && reply.csv) return reply.csv();
  return kind === 'refresh' ? refreshed(reply) : reply;
}
