/**
 * `quadrants digest run [--at <ISO time>]` and `quadrants digest list`, as functions returning
 * printable text (the CLI in adapters/cli wires arguments, the store and the deliveries to them).
 */
import type { Platform, Store, Subscription, DigestRun } from '../store/types';
import type { RunDueOptions, RunSummary } from './context';
import { creatorLabel, describeSchedule } from './format';
import { runDueDigests } from './runner';
import { nextRunAtOrNull } from './schedule';

export interface DigestRunOptions extends Omit<RunDueOptions, 'now'> {
  /** Run as if it were this time (the clock then advances normally from there). Default: now. */
  at?: Date;
}

export interface DigestRunResult {
  text: string;
  summary: RunSummary;
  /** 0 when nothing failed; 1 when a run failed (to retry later or given up), for cron monitoring. */
  exitCode: number;
}

/** Runs whatever is due at `at` (default now) once. */
export async function digestRun(options: DigestRunOptions): Promise<DigestRunResult> {
  const { at, ...rest } = options;
  const base = (at ?? new Date()).getTime();
  const started = Date.now();
  const summary = await runDueDigests({ ...rest, now: () => new Date(base + (Date.now() - started)) });
  return { text: formatRunSummary(summary), summary, exitCode: summary.retryLater + summary.abandoned > 0 ? 1 : 0 };
}

export function formatRunSummary(s: RunSummary): string {
  const head =
    `Digest run at ${s.startedAt}: ${s.due} due, ${s.posted} posted` +
    (s.noNewPosts ? ` (${s.noNewPosts} with no new posts)` : '') +
    `, ${s.recovered} found already posted, ${s.retryLater} to retry later, ${s.abandoned} given up, ` +
    `${s.disabled.length} disabled, ${s.busy} handled by another runner, ${s.noDelivery} without a connection; ` +
    `${s.creatorsFetched} creators fetched, ${s.credits} credits.`;
  const lines = s.outcomes.map(
    (o) =>
      `  #${o.subscriptionId} ${o.period} ${o.platform}: ${o.outcome}` +
      (o.error ? ` (${terminalSafe(o.error)})` : '') +
      (o.messageRef ? ` [${terminalSafe(o.messageRef)}]` : ''),
  );
  return [head, ...lines].join('\n');
}

export interface DigestListOptions {
  store: Store;
  now?: Date;
  platform?: Platform;
  workspaceId?: string;
  /** Runs shown per subscription. Default 3. */
  runs?: number;
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
  for (const sub of subs) {
    const runs = await options.store.recentRuns(sub.id, options.runs ?? 3);
    blocks.push(formatSubscription(sub, runs, now));
  }
  return blocks.join('\n');
}

function formatSubscription(sub: Subscription, runs: DigestRun[], now: Date): string {
  const status =
    sub.status === 'active'
      ? activeStatus(sub, now)
      : `disabled: ${terminalSafe(sub.disabledReason ?? 'no reason recorded')}`;
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
