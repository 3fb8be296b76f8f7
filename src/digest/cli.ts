/**
 * `quadrants digest run [--at <ISO time>]` and `quadrants digest list`, as functions returning
 * printable text (the CLI in adapters/cli wires arguments, the store and the deliveries to them).
 */
import type { BudgetStatus, WorkspaceBudget } from '../budget/budget';
import type { Platform, Store, Subscription, DigestRun } from '../store/types';
import type { RunDueOptions, RunSummary } from './context';
import { creatorLabel, describeSchedule } from './format';
import { PAUSED_PREFIX } from './retry';
import { runDueDigests } from './runner';
import { nextRunAtOrNull } from './schedule';

export interface DigestRunOptions extends Omit<RunDueOptions, 'now'> {
  /** Run as if it were this time (the clock then advances normally from there). Default: now. */
  at?: Date;
}

/** Exit codes of `quadrants digest run`, for cron monitoring. */
export const DIGEST_EXIT = {
  /** Everything due was posted (or found already posted), and no subscription is disabled. */
  ok: 0,
  /** A digest failed: it will be retried later, or was given up for its period. */
  failed: 1,
  /** The run worked, but something was disabled or left undone: a subscription is disabled (now or
   * before), a run is held by another runner's claim (alive, or dead until its lease expires), a
   * platform's token failed and its deliveries are paused, or a platform has no connection here. */
  incomplete: 3,
} as const;

/** The `digest` part of the CLI help. */
export const DIGEST_CLI_HELP = [
  'quadrants digest run [--at <ISO time>]   send every digest that is due, once',
  'quadrants digest list                    subscriptions, their schedules and last runs',
  '  digest run exits 0 when everything due went out, 1 when a digest failed (retried later or given up),',
  '  3 when it ran but something was disabled or left undone (disabled subscription, a claim held by',
  '  another or a crashed runner, deliveries paused because a token failed, no connection configured).',
].join('\n');

export interface DigestRunResult {
  text: string;
  summary: RunSummary;
  /** See DIGEST_EXIT: 0 all done, 1 a digest failed, 3 something disabled or left undone. */
  exitCode: number;
}

/** The exit code a run summary calls for (see DIGEST_EXIT). */
export function digestExitCode(s: RunSummary): number {
  if (s.retryLater + s.abandoned > 0) return DIGEST_EXIT.failed;
  const undone = s.disabled.length + (s.disabledBefore ?? 0) + s.busy + s.noDelivery + (s.paused ?? 0) + (s.overBudget ?? 0);
  return undone > 0 ? DIGEST_EXIT.incomplete : DIGEST_EXIT.ok;
}

/** A clock that starts at `at` (default now) and advances normally from there: what `--at` runs on. */
export function clockFrom(at: Date | undefined): () => Date {
  const base = (at ?? new Date()).getTime();
  const started = Date.now();
  return () => new Date(base + (Date.now() - started));
}

/** Runs whatever is due at `at` (default now) once. */
export async function digestRun(options: DigestRunOptions): Promise<DigestRunResult> {
  const { at, ...rest } = options;
  const summary = await runDueDigests({ ...rest, now: clockFrom(at) });
  return { text: formatRunSummary(summary), summary, exitCode: digestExitCode(summary) };
}

export function formatRunSummary(s: RunSummary): string {
  const head =
    `Digest run at ${s.startedAt}: ${s.due} due, ${s.posted} posted` +
    (s.noNewPosts ? ` (${s.noNewPosts} with no new posts)` : '') +
    `, ${s.recovered} found already posted, ${s.retryLater} to retry later, ${s.abandoned} given up, ` +
    `${s.disabled.length} disabled, ${s.busy} held by another runner's claim, ${s.noDelivery} without a connection` +
    (s.paused ? `, ${s.paused} paused` : '') +
    (s.overBudget ? `, ${s.overBudget} held back by a spent monthly credit budget` : '') +
    (s.disabledBefore ? `, ${s.disabledBefore} subscription${s.disabledBefore === 1 ? '' : 's'} already disabled` : '') +
    `; ${s.creatorsFetched} creators fetched, ${s.credits} credits.`;
  const pauses = (s.pausedScopes ?? []).map(
    (p) => `  paused ${terminalSafe(p.scope)}: ${terminalSafe(p.reason)}; retried on later runs, resumes by itself once the token works`,
  );
  const lines = s.outcomes.map(
    (o) =>
      `  #${o.subscriptionId} ${o.period} ${o.platform}: ${o.outcome}` +
      (o.error ? ` (${terminalSafe(o.error)})` : '') +
      (o.messageRef ? ` [${terminalSafe(o.messageRef)}]` : ''),
  );
  return [head, ...pauses, ...lines].join('\n');
}

export interface DigestListOptions {
  store: Store;
  now?: Date;
  platform?: Platform;
  workspaceId?: string;
  /** Runs shown per subscription. Default 3. */
  runs?: number;
  /** Monthly credit budgets: a workspace that spent its budget is flagged on each of its subscriptions. */
  budget?: WorkspaceBudget;
}

/** Every subscription (active and disabled) with its schedule, next run and last runs. */
export async function digestList(options: DigestListOptions): Promise<string> {
  const now = options.now ?? new Date();
  const subs = await options.store.listSubscriptions({
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}),
  });
  if (subs.length === 0) return 'No digest subscriptions yet.';
  const blocks: string[] = [];
  const spent = new Map<string, string | null>();
  for (const sub of subs) {
    const runs = await options.store.recentRuns(sub.id, options.runs ?? 3);
    const key = `${sub.platform}:${sub.workspaceId}`;
    if (options.budget && !spent.has(key)) spent.set(key, budgetNote(await options.budget.exhausted({ platform: sub.platform, workspaceId: sub.workspaceId }, now)));
    const note = spent.get(key);
    blocks.push(formatSubscription(sub, runs, now) + (note && sub.status === 'active' ? `\n    ${note}` : ''));
  }
  return blocks.join('\n');
}

/** The line under a subscription whose workspace spent its budget. */
function budgetNote(status: BudgetStatus | null): string | null {
  if (!status) return null;
  return `BUDGET SPENT: ${status.spent} of ${status.limit ?? 0} credits used in ${status.month}; digests are held back until it resets at ${status.resetsAt.toISOString()}`;
}

function formatSubscription(sub: Subscription, runs: DigestRun[], now: Date): string {
  const latest = runs[0];
  const paused = sub.status === 'active' && latest?.state === 'failed' && (latest.lastError ?? '').startsWith(PAUSED_PREFIX);
  const status =
    sub.status !== 'active'
      ? `disabled: ${terminalSafe(sub.disabledReason ?? 'no reason recorded')}`
      : sub.pausedAt !== null
        ? `paused by ${terminalSafe(sub.pausedBy ?? 'someone').trim()} at ${sub.pausedAt}; no digests until someone resumes it from chat`
        : paused
        ? `active, PAUSED: ${terminalSafe((latest?.lastError ?? '').slice(PAUSED_PREFIX.length))}; retrying` +
          `${latest?.nextAttemptAt ? ` at ${latest.nextAttemptAt}` : ''}, resumes by itself once the token works`
        : activeStatus(sub, now);
  const head =
    `#${sub.id} ${sub.platform} ${terminalSafe(sub.workspaceId)}/${terminalSafe(sub.channelId)} ` +
    `${creatorLabel(sub)} (id ${sub.creatorUserid}), ${sub.posts} posts, ${describeSchedule(sub)}; ${status}`;
  const lines = runs.map(
    (r) =>
      `    ${r.period} ${r.state} after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}` +
      (r.postedAt ? ` at ${r.postedAt}` : '') +
      (r.messageRef ? ` [${terminalSafe(r.messageRef)}]` : '') +
      (r.lastError && r.state !== 'posted' ? `: ${terminalSafe(r.lastError)}` : ''),
  );
  return [head, ...(lines.length ? lines : ['    no runs yet'])].join('\n');
}

/** One row whose schedule cannot be computed (an unknown time zone) is shown as such, not fatal to the list. */
function activeStatus(sub: Subscription, now: Date): string {
  const next = nextRunAtOrNull(sub, now);
  if (next) return `active, next ${next.toISOString()}`;
  return `active, but its schedule cannot be computed (is the time zone "${terminalSafe(sub.timezone)}" known?): subscribe again with a valid IANA time zone`;
}

/** Stored text can come from outside (ids, error messages): no control characters reach the terminal. */
function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 300);
}
