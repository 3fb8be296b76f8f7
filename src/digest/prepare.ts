/**
 * Turns a fetched report into the stored run summary, and a stored summary into the Digest the
 * port posts. Retries rebuild the Digest from the summary, so they never refetch.
 */
import { z } from 'zod';
import type { QuadrantReport } from '../quadrants/types';
import type { CreatorSnapshot, RunSummaryRecord, Subscription } from '../store/types';
import { computeDrift, snapshotBaseline } from './drift';
import type { Digest, Drift } from './types';

/** The idempotency key of a (subscription, period): short enough for a Discord nonce (25 chars). */
export function idempotencyKey(subscriptionId: number, period: string): string {
  return `qd-${subscriptionId}-${period}`;
}

/**
 * The stored summary of this period's report, with drift against `previous` (the last full
 * digest), its medians, counts and dead share read from `snapshot` (the previous period's) when
 * there is one.
 */
export function buildSummary(
  sub: Subscription,
  period: string,
  report: QuadrantReport,
  previous: RunSummaryRecord | null,
  at: Date,
  snapshot: CreatorSnapshot | null = null,
): RunSummaryRecord {
  const newest = newestPost(report);
  const noNewPosts = previous !== null && !hasNewPosts(newest, previous);
  const drift = previous !== null && !noNewPosts ? computeDrift(previous, report, snapshot ? snapshotBaseline(snapshot) : previous) : null;
  return {
    subscriptionId: sub.id,
    period,
    shareMedian: report.medians.shareRate,
    saveMedian: report.medians.saveRate,
    counts: { ...report.counts },
    deadFraction: report.flags.deadFraction,
    deadShare: report.flags.deadShare,
    templateIds: [...report.flags.templates],
    postsCount: report.posts.length,
    newestPostId: newest?.id ?? null,
    newestPostCreatedAt: newest?.createdAt ?? null,
    noNewPosts,
    report,
    drift,
    computedAt: at.toISOString(),
  };
}

/** The Digest for a stored summary. */
export function digestFrom(sub: Subscription, period: string, summary: RunSummaryRecord, nextRunAt: Date): Digest {
  const drift = summary.noNewPosts ? null : parseDrift(summary.drift);
  return {
    subscription: sub,
    period,
    report: summary.noNewPosts ? null : summary.report,
    drift,
    noNewPosts: summary.noNewPosts,
    idempotencyKey: idempotencyKey(sub.id, period),
    nextRunAt: nextRunAt.toISOString(),
    timezone: sub.timezone,
  };
}

/** Pinned posts sit on top whatever their age, so "newest" means the latest creation time. */
function newestPost(report: QuadrantReport): { id: string; createdAt: number } | null {
  let best: { id: string; createdAt: number } | null = null;
  for (const p of report.posts) if (!best || p.createdAt > best.createdAt) best = { id: p.id, createdAt: p.createdAt };
  return best;
}

function hasNewPosts(newest: { id: string; createdAt: number } | null, previous: RunSummaryRecord): boolean {
  if (newest === null) return false;
  if (previous.newestPostCreatedAt === null) return true;
  return newest.createdAt > previous.newestPostCreatedAt && newest.id !== previous.newestPostId;
}

const counts = z.object({
  'viral-evergreen': z.number(),
  'niche-reference': z.number(),
  'viral-disposable': z.number(),
  dead: z.number(),
});
const move = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
  points: z.number().nullable(),
  relative: z.number().nullable(),
});
const driftSchema = z.object({
  previousPeriod: z.string(),
  shareRate: move,
  saveRate: move,
  counts: z.object({ before: counts, after: counts }),
  newTemplates: z.array(z.object({ id: z.string(), index: z.number() })),
  deadShare: z.object({
    before: z.number(),
    after: z.number(),
    wasOver: z.boolean(),
    isOver: z.boolean(),
    crossed: z.enum(['up', 'down']).nullable(),
  }),
});

/** Drift read back from the store; anything unreadable is dropped rather than posted wrong. */
export function parseDrift(value: unknown): Drift | null {
  const parsed = driftSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
