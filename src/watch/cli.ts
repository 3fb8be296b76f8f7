/**
 * `quadrants alerts run [--at <ISO time>]` and `quadrants alerts list`, as functions returning
 * printable text (adapters/cli wires arguments, the store and the deliveries to them). Exit codes
 * are the digest run's (DIGEST_EXIT).
 */
import { clockFrom, DIGEST_EXIT } from '../digest/cli';
import type { Store } from '../store/types';
import { runDueWatches, type AlertRunSummary, type RunWatchesOptions } from './runner';

/** The `alerts` part of the CLI help. */
export const ALERTS_CLI_HELP = [
  'quadrants alerts run [--at <ISO time>]   check every watch not yet checked that UTC day, once',
  'quadrants alerts list                    watches, their last check and the posts alerted',
  '  alerts run exits 0 when every due watch was checked, 1 when a check or an alert failed (tried again',
  '  on a later run), 3 when it ran but something was left undone (a check held by another or a crashed',
  '  runner, a spent monthly credit budget, no connection configured for a platform).',
].join('\n');

export interface AlertsRunOptions extends Omit<RunWatchesOptions, 'now'> {
  /** Run as if it were this time (the clock then advances normally from there). Default: now. */
  at?: Date;
}

/** The exit code a pass calls for (see DIGEST_EXIT). */
export function alertsExitCode(s: AlertRunSummary): number {
  if (s.failed > 0) return DIGEST_EXIT.failed;
  return s.busy + s.overBudget + s.noDelivery > 0 ? DIGEST_EXIT.incomplete : DIGEST_EXIT.ok;
}

export async function alertsRun(options: AlertsRunOptions): Promise<{ text: string; summary: AlertRunSummary; exitCode: number }> {
  const { at, ...rest } = options;
  const summary = await runDueWatches({ ...rest, now: clockFrom(at) });
  return { text: formatAlertRun(summary), summary, exitCode: alertsExitCode(summary) };
}

export function formatAlertRun(s: AlertRunSummary): string {
  const head =
    `Alerts run at ${s.startedAt} for ${s.day}: ${s.due} watches due, ${s.checked} checked, ${s.alerts} alerts posted, ` +
    `${s.recovered} found already posted, ${s.failed} failed, ${s.busy} held by another runner's claim, ` +
    `${s.overBudget} held back by a spent monthly credit budget, ${s.noDelivery} without a connection; ` +
    `${s.creatorsFetched} creators fetched, ${s.credits} credits.`;
  const lines = s.results.map(
    (r) =>
      `  watch #${r.watchId} ${r.platform} ${safe(r.channelId)} @${safe(r.creator)}: ${r.outcome}` +
      (r.alerts.length > 0 ? ` (${r.alerts.map((a) => `#${a.index} ${a.outcome}`).join(', ')})` : '') +
      (r.error ? `: ${safe(r.error)}` : ''),
  );
  return [head, ...lines].join('\n');
}

/** Every watch with its last check and the posts alerted in its channel. */
export async function alertsList(store: Store): Promise<string> {
  const watches = await store.listWatches();
  if (watches.length === 0) return 'No watches yet.';
  const alerts = await store.listAlerts();
  return watches
    .map((w) => {
      const check = w.checkedDay ? `last checked ${w.checkedAt ?? w.checkedDay}` : 'not checked yet';
      const head = `watch #${w.id} ${w.platform} ${safe(w.workspaceId)}/${safe(w.channelId)} @${safe(w.creatorUsername)} (id ${w.creatorUserid}); ${check}` + (w.lastError ? `; last check failed: ${safe(w.lastError)}` : '');
      const mine = alerts.filter((a) => a.platform === w.platform && a.workspaceId === w.workspaceId && a.channelId === w.channelId && a.creatorUserid === w.creatorUserid);
      const lines = mine.map((a) => `    post ${a.postId} ${a.state === 'posted' ? `alerted at ${a.postedAt ?? '?'} [${safe(a.messageRef ?? '')}]` : 'being alerted'}`);
      return [head, ...(lines.length > 0 ? lines : ['    no posts alerted yet'])].join('\n');
    })
    .join('\n');
}

/** Stored text can come from outside: no control characters reach the terminal. */
function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 300);
}
