/**
 * `runDueDigests`: one pass over every active subscription whose most recent due period has no
 * posted digest. Claims each (subscription, period) with a lease, fetches each creator once for all
 * the subscriptions that share it, stores the summary (so retries never refetch), then delivers.
 */
import { snapshotOf } from '../trend/trend';
import type { QuadrantReport } from '../quadrants/types';
import type { CreatorSnapshot, Subscription } from '../store/types';
import { DigestRunContext, type RunDueOptions, type RunSummary } from './context';
import { deliverInLane, failRun, type Claimed, type Prepared } from './deliver';
import { CreditLedger, withLedger } from '../budget/ledger';
import { buildSummary } from './prepare';
import { classifyFailure, inlineDelayMs } from './retry';
import { mostRecentDuePeriod } from './schedule';
import { GroupCharges, planBudget, type DueItem, type PlannedGroup } from './budget-plan';

export type { RunDueOptions, RunSummary, RunOutcome, DigestOutcome } from './context';


/** Runs whatever is due at `now()` once. Never throws for one subscription's failure. */
export async function runDueDigests(options: RunDueOptions): Promise<RunSummary> {
  const ctx = new DigestRunContext(options);
  const startedAt = ctx.clock.now();
  const due = await findDue(ctx, startedAt);
  const groups = new Map<string, DueItem[]>();
  for (const item of due) {
    if (!ctx.delivery(item.sub.platform)) {
      await ctx.store.notePending(item.sub.id, item.period, `no ${item.sub.platform} connection is configured`, startedAt);
      ctx.record({ subscriptionId: item.sub.id, period: item.period, platform: item.sub.platform, outcome: 'no-delivery' });
      continue;
    }
    // A creator is fetched once per run for every subscription asking for the same window.
    const key = `${item.sub.creatorUserid}\u0000${item.sub.posts}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const planned = await planBudget(ctx, [...groups.values()]);
  await Promise.all(planned.map((group) => processGroup(ctx, group)));
  const summary = ctx.summary(startedAt, due.length);
  // A tick with nothing due is the common case (one a minute): debug, so the log shows only runs that did something.
  const level = due.length === 0 && summary.disabled.length === 0 ? 'debug' : 'info';
  ctx.logger[level]('digest.run', { ...summary, outcomes: undefined, disabled: summary.disabled.length });
  return summary;
}

/** Active, unpaused subscriptions whose most recent due period is neither posted, abandoned nor backing off. */
async function findDue(ctx: DigestRunContext, at: Date): Promise<DueItem[]> {
  // A paused subscription's periods are skipped, retries included; resuming moves its start past them.
  const subs = (await ctx.store.listSubscriptions({ status: 'active' })).filter((s) => s.pausedAt === null);
  // Disabled ones get nothing until someone fixes them: the summary says how many, so `digest run` can flag it.
  ctx.disabledBefore = (await ctx.store.listSubscriptions({ status: 'disabled' })).length;
  const due: DueItem[] = [];
  for (const sub of subs) {
    let period: string | null;
    try {
      period = mostRecentDuePeriod(sub, at);
    } catch (err) {
      ctx.logger.error('digest.bad-schedule', { subscriptionId: sub.id, error: err });
      continue;
    }
    if (period === null) continue;
    const run = await ctx.store.getRun(sub.id, period);
    if (run && (run.state === 'posted' || run.state === 'abandoned')) continue;
    if (run?.state === 'failed' && run.nextAttemptAt !== null && Date.parse(run.nextAttemptAt) > at.getTime()) continue;
    due.push({ sub, period });
  }
  return due;
}

async function processGroup(ctx: DigestRunContext, group: PlannedGroup): Promise<void> {
  let ready: Prepared[] = [];
  const charges = new GroupCharges(ctx, group.payer);
  try {
    ready = await ctx.upstream.run(() => prepareGroup(ctx, group.items, charges));
  } catch (err) {
    ctx.logger.error('digest.group-failed', { error: err });
  } finally {
    await charges.settle();
  }
  await Promise.all(
    ready.map((item) =>
      deliverInLane(ctx, item).catch((err: unknown) => ctx.logger.error('digest.deliver-crashed', { error: err })),
    ),
  );
}

/** Claims the group's runs and makes sure each has a stored summary (fetching the creator at most once). */
async function prepareGroup(ctx: DigestRunContext, group: DueItem[], charges: GroupCharges): Promise<Prepared[]> {
  const claimed = await claimAll(ctx, group);
  const ready: Prepared[] = [];
  const missing: Claimed[] = [];
  for (const c of claimed) {
    const summary = await ctx.store.getSummary(c.sub.id, c.period);
    if (summary) ready.push({ ...c, summary });
    else missing.push(c);
  }
  const first = missing[0];
  if (!first) return ready;
  let report: QuadrantReport;
  try {
    report = await fetchReport(ctx, first.sub, charges);
  } catch (err) {
    const info = classifyFailure(err);
    for (const c of missing) await failRun(ctx, c, info);
    return ready;
  }
  await keepDigestSnapshots(ctx, missing.map((c) => c.sub), report);
  for (const c of missing) {
    const previous = await ctx.store.previousSummary(c.sub.id, c.period);
    const summary = buildSummary(c.sub, c.period, report, previous, ctx.clock.now(), previous ? await previousSnapshot(ctx, c.sub, c.period) : null);
    await ctx.store.saveSummary(summary);
    ready.push({ ...c, summary });
  }
  return ready;
}

async function claimAll(ctx: DigestRunContext, group: DueItem[]): Promise<Claimed[]> {
  const claimed: Claimed[] = [];
  for (const { sub, period } of group) {
    const base = { subscriptionId: sub.id, period, platform: sub.platform };
    try {
      const result = await ctx.store.claimRun({
        subscriptionId: sub.id,
        period,
        owner: ctx.owner,
        at: ctx.clock.now(),
        leaseMs: ctx.leaseMs,
        maxAttempts: ctx.retry.maxAttempts,
      });
      if (result.claimed) claimed.push({ sub, period, run: result.run });
      else if (result.reason === 'exhausted') ctx.record({ ...base, outcome: 'abandoned', error: result.run.lastError ?? '' });
      else if (result.reason === 'leased') ctx.record({ ...base, outcome: 'busy' });
    } catch (err) {
      ctx.logger.error('digest.claim-failed', { ...base, error: err });
      ctx.record({ ...base, outcome: 'busy', error: 'the store was busy' });
    }
  }
  return claimed;
}

/**
 * Files the report's snapshot for `trend` once per workspace, on the run's clock (a run with
 * `--at` files it under its own month). A failure here never holds a digest back.
 */
async function keepDigestSnapshots(ctx: DigestRunContext, subs: readonly Subscription[], report: QuadrantReport): Promise<void> {
  const at = ctx.clock.now();
  const places = new Map(subs.map((s) => [`${s.platform}:${s.workspaceId}`, { platform: s.platform, workspaceId: s.workspaceId }]));
  for (const place of places.values()) {
    await ctx.store.saveCreatorSnapshot(snapshotOf(report, place, at)).catch((err: unknown) => ctx.logger.warn('digest.snapshot_failed', { creator: report.creator.userid, error: err }));
  }
}

/**
 * The creator's snapshot of the month before a monthly digest's period, in the subscription's
 * workspace: the numbers `trend` shows for that month, which the drift then compares with. Weekly
 * digests compare week with week, which monthly snapshots cannot say: null. A failed read costs
 * only the snapshot (the previous digest's summary is used).
 */
async function previousSnapshot(ctx: DigestRunContext, sub: Subscription, period: string): Promise<CreatorSnapshot | null> {
  if (sub.cadence !== 'monthly' || !/^\d{4}-\d{2}$/.test(period)) return null;
  const [year, month] = period.split('-').map(Number) as [number, number];
  const before = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
  const query = { platform: sub.platform, workspaceId: sub.workspaceId, creator: { creatorId: sub.creatorUserid }, fromPeriod: before };
  const found = await ctx.store.creatorSnapshots(query).catch((err: unknown) => {
    ctx.logger.warn('digest.snapshot_read_failed', { subscriptionId: sub.id, error: err });
    return [];
  });
  return found.find((s) => s.period === before) ?? null;
}

async function fetchReport(ctx: DigestRunContext, sub: Subscription, charges: GroupCharges): Promise<QuadrantReport> {
  const creator = { username: sub.creatorUsername, userid: sub.creatorUserid };
  for (let i = 0; ; i += 1) {
    try {
      const ledger = new CreditLedger();
      const report = await withLedger(ledger, () => ctx.service.reportFor(creator, sub.posts)).finally(() => charges.charge(sub, ledger.spent));
      ctx.creatorsFetched += 1;
      ctx.credits += report.credits;
      return report;
    } catch (err) {
      const info = classifyFailure(err);
      if (info.giveUp || i >= ctx.retry.inlineRetries) throw err;
      ctx.logger.warn('digest.fetch-retry', { creator: sub.creatorUserid, error: info.message });
      await ctx.clock.sleep(inlineDelayMs(ctx.retry, i, info.retryAfterMs));
    }
  }
}
