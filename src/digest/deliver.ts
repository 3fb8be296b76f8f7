/**
 * The delivery step of a run: check the platform for an earlier post with this run's key, post if
 * there is none, record it. Failures are retried briefly, then parked or given up; a channel that is
 * gone disables its subscription.
 */
import type { DigestRun, RunSummaryRecord, Subscription } from '../store/types';
import type { DigestRunContext } from './context';
import { digestFrom } from './prepare';
import { backoffMs, classifyFailure, inlineDelayMs, PAUSE_RETRY_MS, PAUSED_PREFIX, type FailureInfo } from './retry';
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

/**
 * How far before the run's first claim `findPosted` starts reading: covers clock differences
 * between this machine and the platform. A digest cannot have been posted before its run existed.
 */
export const FIND_MARGIN_MS = 15 * 60_000;

/**
 * Delivers one prepared run in its channel's lane (one digest per channel at a time, in the order
 * they were queued) and inside the run's delivery pool. Retry pauses (Retry-After included) hold
 * the lane, so the channel's order survives a 429, but give the pool slot back to other channels.
 */
export function deliverInLane(ctx: DigestRunContext, item: Prepared): Promise<void> {
  return ctx.channels.run(`${item.sub.platform}:${item.sub.workspaceId}:${item.sub.channelId}`, () => deliverOne(ctx, item));
}

export async function deliverOne(ctx: DigestRunContext, item: Prepared): Promise<void> {
  const { sub, period } = item;
  const delivery = ctx.delivery(sub.platform);
  if (!delivery) return;
  const digest = digestFrom(sub, period, item.summary, nextRunAt(sub, ctx.clock.now()));
  const since = new Date(Date.parse(item.run.createdAt) - FIND_MARGIN_MS);
  for (let i = 0; ; i += 1) {
    // The app's token already failed for this workspace (or platform) in this run: do not ask again.
    const paused = ctx.pausedFor(sub.platform, sub.workspaceId);
    if (paused !== null) {
      await failRun(ctx, item, { message: `${PAUSED_PREFIX}${paused}`, giveUp: false, disable: null, pause: { scope: 'workspace', reason: paused } });
      return;
    }
    try {
      // The platform's slot first, so a digest waiting on its platform does not keep a pool slot idle.
      const result = await ctx.postSlot(sub.platform).run(() => ctx.deliveryPool.run(() => attemptPost(ctx, delivery, digest, since)));
      const outcome = result.recovered ? 'recovered' : digest.noNewPosts ? 'no-new-posts' : 'posted';
      ctx.record({ subscriptionId: sub.id, period, platform: sub.platform, outcome, messageRef: result.ref });
      return;
    } catch (err) {
      if (err instanceof LostLease) {
        ctx.record({ subscriptionId: sub.id, period, platform: sub.platform, outcome: 'busy' });
        return;
      }
      const info = classifyFailure(err);
      if (!info.giveUp && info.pause === null && i < ctx.retry.inlineRetries) {
        await ctx.clock.sleep(inlineDelayMs(ctx.retry, i, info.retryAfterMs));
        continue;
      }
      await failRun(ctx, item, info);
      return;
    }
  }
}

async function attemptPost(
  ctx: DigestRunContext,
  delivery: DigestDelivery,
  digest: Digest,
  since: Date,
): Promise<{ ref: string; recovered: boolean }> {
  const { subscription: sub, period } = digest;
  if (!(await ctx.store.markPosting(sub.id, period, ctx.owner, ctx.leaseUntil(), ctx.clock.now()))) throw new LostLease();
  // The check that makes a crash (or a lost answer) between posting and recording harmless:
  // never post without it. This is also why only the runner retries posts, never the chat client.
  const existing = await delivery.findPosted(sub, digest.idempotencyKey, { since });
  if (existing !== null) {
    // The crash may have come before the thread: post whatever part of it is missing, and record
    // the digest only then. Recorded first, a run killed while completing would leave the digest
    // without its thread for good (a posted run is never looked at again); unrecorded, the next
    // attempt finds the message again and completes what is still missing. A failure here is
    // retried like a failed post.
    if (delivery.complete) await delivery.complete(digest, existing);
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
export async function failRun(ctx: DigestRunContext, item: Claimed, info: FailureInfo): Promise<void> {
  const { sub, period } = item;
  const at = ctx.clock.now();
  const base = { subscriptionId: sub.id, period, platform: sub.platform, error: info.message };
  try {
    if (info.pause !== null) {
      // The app's token, not this channel: hold everything in that scope back, disable nothing,
      // count no attempt, and try again on a later tick; it resumes by itself once the token works.
      const key = ctx.pauseKey(sub.platform, sub.workspaceId, info.pause.scope);
      if (!ctx.pauses.has(key) && ctx.pausedFor(sub.platform, sub.workspaceId) === null) {
        ctx.pauses.set(key, info.pause.reason);
        ctx.logger.warn('digest.paused', { scope: key, reason: info.pause.reason, retryInMs: PAUSE_RETRY_MS });
      }
      const retryAt = new Date(at.getTime() + PAUSE_RETRY_MS);
      await ctx.store.markFailed({ subscriptionId: sub.id, period, owner: ctx.owner, error: info.message, at, retryAt, countAttempt: false });
      ctx.record({ ...base, outcome: 'paused' });
      return;
    }
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
