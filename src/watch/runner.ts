/**
 * `runDueWatches`: one pass over every watch not yet checked on the run's UTC day. Watches of one
 * creator share one fetch (the service's cache and single-flight make a creator watched in ten
 * channels cost one request a day), planned against the workspace budget like a digest. Each new
 * template post is alerted once per channel, ever: the alert is claimed in the store, the channel
 * is searched for the bot's own message with the alert's key before posting (so a kill between
 * posting and recording never posts twice), and it is recorded as posted for good.
 */
import os from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import type { WorkspaceBudget } from '../budget/budget';
import { CreditLedger, withLedger } from '../budget/ledger';
import { alertCard } from '../chat/cards/alert';
import { GroupCharges, type PlannedGroup } from '../digest/budget-plan';
import { FIND_MARGIN_MS } from '../digest/deliver';
import { Semaphore } from '../digest/pacing';
import { classifyFailure } from '../digest/retry';
import { systemClock, type Clock, type DigestDelivery } from '../digest/types';
import { silentLogger, type Logger } from '../log';
import type { QuadrantReport, RatedPost } from '../quadrants/types';
import type { QuadrantsService } from '../service';
import type { Platform, Store, Watch } from '../store/types';
import { snapshotOf } from '../trend/trend';
import { alertablePosts, dayOf } from './rule';

/** Posts a watch looks at: the creator's newest, the report's default window. */
export const WATCH_POSTS = 10;
/** How long a check or an alert is held before another runner may take it over. */
export const WATCH_LEASE_MS = 10 * 60_000;

export interface RunWatchesOptions {
  store: Store;
  service: Pick<QuadrantsService, 'reportFor'>;
  /** One port per platform; watches of a platform without one (or without `alert`) are left for later. */
  deliveries: readonly DigestDelivery[];
  now?: () => Date;
  logger?: Logger;
  /** Monthly credits per workspace: a spent workspace's watches are not fetched until it resets. */
  budget?: WorkspaceBudget;
  /** Creators fetched at once. Default 4. */
  concurrency?: number;
  leaseMs?: number;
  owner?: string;
}

export type AlertOutcome = 'posted' | 'recovered' | 'already-alerted' | 'busy' | 'failed';
export type WatchOutcome = 'checked' | 'busy' | 'failed' | 'over-budget' | 'no-delivery';

export interface WatchResult {
  watchId: number;
  platform: Platform;
  channelId: string;
  creator: string;
  outcome: WatchOutcome;
  alerts: Array<{ postId: string; index: number; outcome: AlertOutcome; messageRef?: string }>;
  error?: string;
}

/** What one pass did. */
export interface AlertRunSummary {
  startedAt: string;
  /** The UTC day checked. */
  day: string;
  due: number;
  checked: number;
  /** Alerts posted now. */
  alerts: number;
  /** Alerts found already posted (a kill between posting and recording) and recorded. */
  recovered: number;
  failed: number;
  busy: number;
  overBudget: number;
  noDelivery: number;
  creatorsFetched: number;
  credits: number;
  results: WatchResult[];
}

/** The key an alert carries on the platform: one per channel and post, at most 25 characters (a Discord nonce). */
export function alertKey(w: Pick<Watch, 'platform' | 'workspaceId' | 'channelId'>, postId: string): string {
  return `qa${createHash('sha256').update(`${w.platform}\u0000${w.workspaceId}\u0000${w.channelId}\u0000${postId}`).digest('base64url').slice(0, 22)}`;
}

interface Pass {
  store: Store;
  service: RunWatchesOptions['service'];
  clock: Clock;
  logger: Logger;
  budget: WorkspaceBudget | undefined;
  owner: string;
  leaseMs: number;
  day: string;
  deliveries: Map<Platform, DigestDelivery>;
  results: WatchResult[];
  creatorsFetched: number;
  credits: number;
}

/** Runs every watch not yet checked on the UTC day of `now()`, once. Never throws for one watch's failure. */
export async function runDueWatches(options: RunWatchesOptions): Promise<AlertRunSummary> {
  const clock: Clock = { now: options.now ?? systemClock.now, sleep: systemClock.sleep };
  const startedAt = clock.now();
  const pass: Pass = {
    store: options.store,
    service: options.service,
    clock,
    logger: options.logger ?? silentLogger,
    budget: options.budget,
    owner: options.owner ?? `${os.hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`,
    leaseMs: options.leaseMs ?? WATCH_LEASE_MS,
    day: dayOf(startedAt),
    deliveries: new Map(options.deliveries.filter((d) => d.alert).map((d) => [d.platform, d])),
    results: [],
    creatorsFetched: 0,
    credits: 0,
  };
  const due = (await pass.store.listWatches()).filter((w) => w.checkedDay !== pass.day);
  const groups = new Map<string, Watch[]>();
  for (const w of due) {
    if (!pass.deliveries.has(w.platform)) result(pass, w, 'no-delivery', [], `no ${w.platform} connection is configured`);
    else groups.set(w.creatorUserid, [...(groups.get(w.creatorUserid) ?? []), w]);
  }
  const upstream = new Semaphore(Math.max(1, Math.trunc(options.concurrency ?? 4)));
  const planned = await planWatches(pass, [...groups.values()]);
  await Promise.all(planned.map((g) => checkGroup(pass, g, upstream)));
  const count = (o: WatchOutcome) => pass.results.filter((r) => r.outcome === o).length;
  const alerts = pass.results.flatMap((r) => r.alerts);
  const summary: AlertRunSummary = {
    startedAt: startedAt.toISOString(),
    day: pass.day,
    due: due.length,
    checked: count('checked'),
    alerts: alerts.filter((a) => a.outcome === 'posted').length,
    recovered: alerts.filter((a) => a.outcome === 'recovered').length,
    failed: count('failed'),
    busy: count('busy'),
    overBudget: count('over-budget'),
    noDelivery: count('no-delivery'),
    creatorsFetched: pass.creatorsFetched,
    credits: pass.credits,
    results: pass.results,
  };
  pass.logger[due.length === 0 ? 'debug' : 'info']('alerts.run', { ...summary, results: undefined });
  return summary;
}

function result(pass: Pass, w: Watch, outcome: WatchOutcome, alerts: WatchResult['alerts'], error?: string): void {
  pass.results.push({ watchId: w.id, platform: w.platform, channelId: w.channelId, creator: w.creatorUsername || w.creatorUserid, outcome, alerts, ...(error ? { error } : {}) });
}

/**
 * Plans the fetches against the monthly budgets, as digests do: a creator is fetched when one of
 * its watches' workspaces can hold one credit (that one pays); the others share the fetch unless
 * their own workspace is spent. Watches of a spent workspace are left unchecked for the day.
 */
async function planWatches(pass: Pass, groups: Watch[][]): Promise<Array<{ items: Watch[]; payer?: PlannedGroup['payer'] }>> {
  const budget = pass.budget;
  if (!budget || budget.limit === null) return groups.map((items) => ({ items }));
  const at = pass.clock.now();
  const planned: Array<{ items: Watch[]; payer?: PlannedGroup['payer'] }> = [];
  for (const group of groups) {
    const items: Watch[] = [];
    let payer: PlannedGroup['payer'];
    for (const w of group) {
      const workspace = { platform: w.platform, workspaceId: w.workspaceId };
      let spent = false;
      if (!payer) {
        const r = await budget.hold(workspace, 1, at);
        if (r.held) payer = { workspace, hold: r.hold };
        spent = !r.held;
      } else spent = (await budget.exhausted(workspace, at)) !== null;
      if (spent) result(pass, w, 'over-budget', [], `workspace ${w.workspaceId} has no credits left this month`);
      else items.push(w);
    }
    if (items.length > 0) planned.push({ items, ...(payer ? { payer } : {}) });
  }
  return planned;
}

async function checkGroup(pass: Pass, group: { items: Watch[]; payer?: PlannedGroup['payer'] }, upstream: Semaphore): Promise<void> {
  const charges = new GroupCharges(pass, group.payer);
  const claimed: Watch[] = [];
  let report: QuadrantReport | null = null;
  try {
    for (const w of group.items) {
      if (await pass.store.claimWatchCheck(w.id, pass.day, pass.owner, pass.clock.now(), pass.leaseMs)) claimed.push(w);
      else result(pass, w, 'busy', [], 'another runner is checking it');
    }
    const first = claimed[0];
    if (!first) return;
    report = await upstream.run(() => fetchReport(pass, first, charges));
  } catch (err) {
    const { message, giveUp } = classifyFailure(err);
    pass.logger.warn('alerts.check_failed', { creator: group.items[0]?.creatorUserid, error: err });
    for (const w of claimed) {
      // A creator gone or private is not asked again until tomorrow; anything else once the lease ends.
      const noted = giveUp ? pass.store.finishWatchCheck(w.id, pass.day, pass.owner, pass.clock.now(), message) : pass.store.failWatchCheck(w.id, pass.owner, message);
      await noted.catch(() => undefined);
      result(pass, w, 'failed', [], message);
    }
    return;
  } finally {
    await charges.settle();
  }
  await keepSnapshots(pass, claimed, report);
  const hits = alertablePosts(report, pass.clock.now());
  for (const w of claimed) await alertWatch(pass, w, report, hits);
}

async function fetchReport(pass: Pass, w: Watch, charges: GroupCharges): Promise<QuadrantReport> {
  const ledger = new CreditLedger();
  const creator = { username: w.creatorUsername, userid: w.creatorUserid };
  const report = await withLedger(ledger, () => pass.service.reportFor(creator, WATCH_POSTS)).finally(() => charges.charge(w, ledger.spent));
  pass.creatorsFetched += 1;
  pass.credits += report.credits;
  return report;
}

/** A watch's check is a report too: it files the creator's snapshot for `trend`, once per workspace. */
async function keepSnapshots(pass: Pass, watches: readonly Watch[], report: QuadrantReport): Promise<void> {
  const places = new Map(watches.map((w) => [`${w.platform}:${w.workspaceId}`, { platform: w.platform, workspaceId: w.workspaceId }]));
  for (const place of places.values()) {
    await pass.store.saveCreatorSnapshot(snapshotOf(report, place, pass.clock.now())).catch((err: unknown) => pass.logger.warn('alerts.snapshot_failed', { error: err }));
  }
}

/** Posts the watch's new alerts; the day's check is recorded only when none is left undone. */
async function alertWatch(pass: Pass, w: Watch, report: QuadrantReport, hits: readonly RatedPost[]): Promise<void> {
  const alerts: WatchResult['alerts'] = [];
  let error: string | undefined;
  for (const post of hits) {
    try {
      const done = await alertOnce(pass, w, report, post);
      alerts.push({ postId: post.id, index: post.index, ...done });
      if (done.outcome === 'busy') error ??= 'another runner holds one of its alerts';
    } catch (err) {
      const message = classifyFailure(err).message;
      pass.logger.warn('alerts.post_failed', { watchId: w.id, postId: post.id, error: err });
      alerts.push({ postId: post.id, index: post.index, outcome: 'failed' });
      error ??= message;
    }
  }
  try {
    if (error !== undefined) await pass.store.failWatchCheck(w.id, pass.owner, error);
    else if (!(await pass.store.finishWatchCheck(w.id, pass.day, pass.owner, pass.clock.now()))) error = 'another runner took the check over';
  } catch (err) {
    error = classifyFailure(err).message;
  }
  const failed = alerts.some((a) => a.outcome === 'failed');
  result(pass, w, error === undefined ? 'checked' : failed ? 'failed' : 'busy', alerts, error);
}

async function alertOnce(pass: Pass, w: Watch, report: QuadrantReport, post: RatedPost): Promise<{ outcome: AlertOutcome; messageRef?: string }> {
  const key = { platform: w.platform, workspaceId: w.workspaceId, channelId: w.channelId, postId: post.id };
  const claim = await pass.store.claimAlert({ ...key, creatorUserid: w.creatorUserid, owner: pass.owner, at: pass.clock.now(), leaseMs: pass.leaseMs });
  if (!claim.claimed) return { outcome: claim.reason === 'posted' ? 'already-alerted' : 'busy' };
  const delivery = pass.deliveries.get(w.platform) as DigestDelivery & Required<Pick<DigestDelivery, 'alert'>>;
  const id = alertKey(w, post.id);
  // Never post without looking first: a message posted just before a kill is recorded, not repeated.
  const found = await delivery.findPosted(w, id, { since: new Date(Date.parse(claim.alert.createdAt) - FIND_MARGIN_MS) });
  const ref = found ?? (await delivery.alert(w, alertCard({ creator: report.creator, post, medianDownloadRate: report.medians.downloadRate, window: report.posts.length }), id));
  await pass.store.markAlertPosted(key, ref, pass.clock.now());
  return { outcome: found ? 'recovered' : 'posted', messageRef: ref };
}
