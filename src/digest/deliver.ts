/**
 * The delivery step of a run: check the platform for an earlier post with this run's key, post if
 * there is none, record it. Failures are retried briefly, then parked or given up; a channel that is
 * gone disables its subscription.
 */
import type { DigestRun, RunSummaryRecord, Subscription } from '../store/types';
import type { RunContext } from './context';
import { digestFrom } from './prepare';
import { backoffMs, classifyFailure, inlineDelayMs, type FailureInfo } from './retry';
import { nextRunAt } from './schedule';
import type { Digest, DigestDelivery } from './types';

/** A claimed run with its summary, ready to post. */
export interface Prepared {
  sub: Subscription;
  period: string;
  run: DigestRun;
  summary: RunSummaryRecord;
}

/** A claimed run without a summary yet. */
export type Claimed = Omit<Prepared, 'summary'>;

/** Thrown inside a post attempt when another runner took the lease over. */
class LostLease extends Error {}

export async function deliverOne(ctx: RunContext, item: Prepared): Promise<void> {
  const { sub, period } = item;
  const delivery = ctx.delivery(sub.platform);
  if (!delivery) return;
  const digest = digestFrom(sub, period, item.summary, nextRunAt(sub, ctx.clock.now()));
  for (let i = 0; ; i += 1) {
    try {
      const result = await ctx.postSlot(sub.platform).run(() => attemptPost(ctx, delivery, digest));
      const outcome = result.recovered ? 'recovered' : digest.noNewPosts ? 'no-new-posts' : 'posted';
      ctx.record({ subscriptionId: sub.id, period, platform: sub.platform, outcome, messageRef: result.ref });
      return;
    } catch (err) {
      if (err instanceof LostLease) {
        ctx.record({ subscriptionId: sub.id, period, platform: sub.platform, outcome: 'busy' });
        return;
      }
      const info = classifyFailure(err);
      if (!info.giveUp && i < ctx.retry.inlineRetries) {
        await ctx.clock.sleep(inlineDelayMs(ctx.retry, i, info.retryAfterMs));
        continue;
      }
      await failRun(ctx, item, info);
      return;
    }
  }
}

async function attemptPost(ctx: RunContext, delivery: DigestDelivery, digest: Digest): Promise<{ ref: string; recovered: boolean }> {
  const { subscription: sub, period } = digest;
  if (!(await ctx.store.markPosting(sub.id, period, ctx.owner, ctx.leaseUntil(), ctx.clock.now()))) throw new LostLease();
  // The check that makes a crash between posting and recording harmless: never post without it.
  const existing = await delivery.findPosted(sub, digest.idempotencyKey);
  if (existing !== null) {
    await ctx.store.markPosted(sub.id, period, existing, ctx.clock.now());
    return { ref: existing, recovered: true };
  }
  const rule = ctx.pacingFor(sub.platform);
  const wait = ctx.pacer.reserve(ctx.clock.now().getTime(), [
    [`${sub.platform}:channel:${sub.channelId}`, rule.perChannelMs],
    [`${sub.platform}:workspace:${sub.workspaceId}`, rule.perWorkspaceMs],
    [sub.platform, rule.perPlatformMs],
  ]);
  if (wait > 0) await ctx.clock.sleep(wait);
  const posted = await delivery.post(digest);
  const ref = typeof posted === 'string' && posted !== '' ? posted : 'unknown';
  if (!(await ctx.store.markPosted(sub.id, period, ref, ctx.clock.now()))) {
    ctx.logger.error('digest.already-recorded', { subscriptionId: sub.id, period });
  }
  return { ref, recovered: false };
}

/** Records a failed attempt: disable, give up for the period, or retry after a backoff. */
export async function failRun(ctx: RunContext, item: Claimed, info: FailureInfo): Promise<void> {
  const { sub, period } = item;
  const at = ctx.clock.now();
  const base = { subscriptionId: sub.id, period, platform: sub.platform, error: info.message };
  try {
    if (info.disable !== null) {
      await ctx.store.disableSubscription(sub.id, info.disable, at);
      await ctx.store.markFailed({ subscriptionId: sub.id, period, owner: ctx.owner, error: info.message, at, retryAt: null });
      ctx.record({ ...base, outcome: 'disabled', error: info.disable });
      return;
    }
    const last = info.giveUp || item.run.attempts >= ctx.retry.maxAttempts;
    const retryAt = last ? null : new Date(at.getTime() + backoffMs(ctx.retry, item.run.attempts, info.retryAfterMs));
    await ctx.store.markFailed({ subscriptionId: sub.id, period, owner: ctx.owner, error: info.message, at, retryAt });
    ctx.record({ ...base, outcome: last ? 'abandoned' : 'retry-later' });
  } catch (err) {
    // The store itself failed; the lease expires and a later run retries.
    ctx.logger.error('digest.record-failed', { subscriptionId: sub.id, period, error: err });
    ctx.record({ ...base, outcome: 'retry-later' });
  }
}
