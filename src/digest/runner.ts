/**
 * `runDueDigests`: one pass over every active subscription whose most recent due period has no
 * posted digest. Claims each (subscription, period) with a lease, fetches each creator once for all
 * the subscriptions that share it, stores the summary (so retries never refetch), then delivers.
 */
import type { QuadrantReport } from '../quadrants/types';
import type { Subscription } from '../store/types';
import { RunContext, type RunDueOptions, type RunSummary } from './context';
import { deliverOne, failRun, type Claimed, type Prepared } from './deliver';
import { CreditLedger, withLedger } from '../budget/ledger';
import { buildSummary } from './prepare';
import { classifyFailure, inlineDelayMs } from './retry';
import { mostRecentDuePeriod } from './schedule';
import type { BudgetStatus } from '../budget/budget';
import { heldBackCard } from '../chat/cards/budget';
import { SURFACES } from '../chat/surfaces';

export type { RunDueOptions, RunSummary, RunOutcome, Outcome } from './context';

interface DueItem {
  sub: Subscription;
  period: string;
}

/** Runs whatever is due at `now()` once. Never throws for one subscription's failure. */
export async function runDueDigests(options: RunDueOptions): Promise<RunSummary> {
  const ctx = new RunContext(options);
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
async function findDue(ctx: RunContext, at: Date): Promise<DueItem[]> {
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

async function processGroup(ctx: RunContext, group: DueItem[]): Promise<void> {
  let ready: Prepared[] = [];
  try {
    ready = await ctx.upstream.run(() => prepareGroup(ctx, group));
  } catch (err) {
    ctx.logger.error('digest.group-failed', { error: err });
  }
  await Promise.all(
    ready.map((item) =>
      deliverOne(ctx, item).catch((err: unknown) => ctx.logger.error('digest.deliver-crashed', { error: err })),
    ),
  );
}

/** Claims the group's runs and makes sure each has a stored summary (fetching the creator at most once). */
async function prepareGroup(ctx: RunContext, group: DueItem[]): Promise<Prepared[]> {
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
    report = await fetchReport(ctx, first.sub);
  } catch (err) {
    const info = classifyFailure(err);
    for (const c of missing) await failRun(ctx, c, info);
    return ready;
  }
  for (const c of missing) {
    const previous = await ctx.store.previousSummary(c.sub.id, c.period);
    const summary = buildSummary(c.sub, c.period, report, previous, ctx.clock.now());
    await ctx.store.saveSummary(summary);
    ready.push({ ...c, summary });
  }
  return ready;
}

/** Credits one digest fetch is planned at: one /user-posts/ page (a digest's creator id is known). */
const PLANNED_CREDITS_PER_FETCH = 1;

/**
 * Plans the pass against each workspace's monthly budget, before anything is fetched: a group
 * (one creator fetch) goes ahead when its first subscription's workspace has credits left for it,
 * and is charged to that workspace; subscriptions of a workspace with nothing left are recorded
 * 'over-budget' and left unclaimed, so they are due again once the budget resets.
 */
async function planBudget(ctx: RunContext, groups: DueItem[][]): Promise<DueItem[][]> {
  const budget = ctx.budget;
  if (!budget || budget.limit === null) return groups;
  const left = new Map<string, { remaining: number; month: string; resetsAt: Date }>();
  const planned: DueItem[][] = [];
  for (const group of groups) {
    const kept: DueItem[] = [];
    for (const item of group) {
      const { sub, period } = item;
      const key = `${sub.platform}:${sub.workspaceId}`;
      let ws = left.get(key);
      if (!ws) {
        // The run's clock, not the machine's: `digest run --at` plans against the month it runs in.
        const s = await budget.status({ platform: sub.platform, workspaceId: sub.workspaceId }, ctx.clock.now());
        ws = { remaining: s.remaining ?? Infinity, month: s.month, resetsAt: s.resetsAt };
        left.set(key, ws);
      }
      // The first kept item pays for the fetch; the others share it.
      const cost = kept.length === 0 ? PLANNED_CREDITS_PER_FETCH : 0;
      if (ws.remaining > 0 && ws.remaining >= cost) {
        ws.remaining -= cost;
        kept.push(item);
        continue;
      }
      const error = `workspace ${sub.workspaceId} has no credits left of its ${budget.limit} for ${ws.month}; due again after ${ws.resetsAt.toISOString()}`;
      ctx.record({ subscriptionId: sub.id, period, platform: sub.platform, outcome: 'over-budget', error });
      await announceHeldBack(ctx, sub, period, error, { limit: budget.limit, spent: 0, remaining: 0, month: ws.month, resetsAt: ws.resetsAt });
    }
    if (kept.length > 0) planned.push(kept);
  }
  return planned;
}

/**
 * Says once in the channel that this period's digest is held back for the budget: the first pass
 * that finds it over budget records the run as pending (atomically, so one replica wins) and posts
 * the line; later passes find the row and stay quiet. The run stays due, so it goes out once the
 * budget resets if the period is still the current one. Never throws.
 */
async function announceHeldBack(ctx: RunContext, sub: Subscription, period: string, reason: string, status: BudgetStatus): Promise<void> {
  try {
    const first = await ctx.store.notePending(sub.id, period, reason, ctx.clock.now());
    const delivery = ctx.delivery(sub.platform);
    if (!first || !delivery?.notice) return;
    await delivery.notice(sub, heldBackCard(sub, status, SURFACES[sub.platform].place));
  } catch (err) {
    ctx.logger.warn('digest.held-back-notice-failed', { subscriptionId: sub.id, period, error: err });
  }
}

async function claimAll(ctx: RunContext, group: DueItem[]): Promise<Claimed[]> {
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

/** Charges a fetch to the workspace of the subscription it was made for (failed attempts included). Never throws. */
async function chargeWorkspace(ctx: RunContext, sub: Subscription, credits: number): Promise<void> {
  if (!ctx.budget || credits <= 0) return;
  await ctx.budget.record({ platform: sub.platform, workspaceId: sub.workspaceId }, credits, ctx.clock.now()).catch((err: unknown) => {
    ctx.logger.error('digest.credits_not_recorded', { workspace: sub.workspaceId, credits, error: err });
  });
}

async function fetchReport(ctx: RunContext, sub: Subscription): Promise<QuadrantReport> {
  const creator = { username: sub.creatorUsername, userid: sub.creatorUserid };
  for (let i = 0; ; i += 1) {
    try {
      const ledger = new CreditLedger();
      const report = await withLedger(ledger, () => ctx.service.reportFor(creator, sub.posts)).finally(() => chargeWorkspace(ctx, sub, ledger.spent));
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
