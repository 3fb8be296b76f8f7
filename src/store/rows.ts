/**
 * Maps store rows (SQLite and PostgreSQL share one row shape) to the store's types. Rows are a boundary (another process or an older
 * build may have written them), so they are checked with zod, and JSON columns are parsed safely.
 */
import { z } from 'zod';
import { PLATFORM_NAMES } from '../platforms';
import type { QuadrantReport } from '../quadrants/types';
import type { DigestRun, RunSummaryRecord, Subscription } from './types';

const subscriptionRow = z.object({
  id: z.number().int(),
  platform: z.enum(PLATFORM_NAMES),
  workspace_id: z.string(),
  channel_id: z.string(),
  creator_username: z.string(),
  creator_userid: z.string(),
  posts: z.number().int(),
  cadence: z.enum(['monthly', 'weekly']),
  day: z.number().int(),
  hour: z.number().int(),
  minute: z.number().int(),
  timezone: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  active_since: z.string(),
  status: z.enum(['active', 'disabled']),
  disabled_reason: z.string().nullable(),
  // Added by migration 4; a row read mid-upgrade may lack them.
  paused_at: z.string().nullable().default(null),
  paused_by: z.string().nullable().default(null),
});

const runRow = z.object({
  subscription_id: z.number().int(),
  period: z.string(),
  state: z.enum(['pending', 'claimed', 'posting', 'posted', 'failed', 'abandoned']),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  claimed_by: z.string().nullable(),
  claimed_until: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  message_ref: z.string().nullable(),
  posted_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const summaryRow = z.object({
  subscription_id: z.number().int(),
  period: z.string(),
  share_median: z.number().nullable(),
  save_median: z.number().nullable(),
  counts_json: z.string(),
  dead_fraction: z.number(),
  dead_share: z.number().int(),
  template_ids_json: z.string(),
  posts_count: z.number().int(),
  newest_post_id: z.string().nullable(),
  // PostgreSQL returns BIGINT as a string (it may exceed 2^53); unix seconds never do.
  newest_post_created_at: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number().nullable()),
  no_new_posts: z.number().int(),
  report_json: z.string().nullable(),
  drift_json: z.string().nullable(),
  computed_at: z.string(),
});

const countsJson = z.record(z.string(), z.number());
const idsJson = z.array(z.string());
/** A stored report is our own output; we check its shape, not every field. */
const reportJson = z.looseObject({
  kind: z.literal('report'),
  creator: z.looseObject({ userid: z.string() }),
  posts: z.array(z.unknown()),
});

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function toSubscription(row: unknown): Subscription {
  const r = subscriptionRow.parse(row);
  return {
    id: r.id,
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    creatorUsername: r.creator_username,
    creatorUserid: r.creator_userid,
    posts: r.posts,
    cadence: r.cadence,
    day: r.day,
    hour: r.hour,
    minute: r.minute,
    timezone: r.timezone,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    activeSince: r.active_since,
    status: r.status,
    disabledReason: r.disabled_reason,
    pausedAt: r.paused_at,
    pausedBy: r.paused_by,
  };
}

export function toRun(row: unknown): DigestRun {
  const r = runRow.parse(row);
  return {
    subscriptionId: r.subscription_id,
    period: r.period,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until,
    nextAttemptAt: r.next_attempt_at,
    messageRef: r.message_ref,
    postedAt: r.posted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toSummary(row: unknown): RunSummaryRecord {
  const r = summaryRow.parse(row);
  const counts = countsJson.safeParse(parseJson(r.counts_json));
  const ids = idsJson.safeParse(parseJson(r.template_ids_json));
  const report = reportJson.safeParse(parseJson(r.report_json));
  return {
    subscriptionId: r.subscription_id,
    period: r.period,
    shareMedian: r.share_median,
    saveMedian: r.save_median,
    counts: counts.success ? counts.data : {},
    deadFraction: r.dead_fraction,
    deadShare: r.dead_share === 1,
    templateIds: ids.success ? ids.data : [],
    postsCount: r.posts_count,
    newestPostId: r.newest_post_id,
    newestPostCreatedAt: r.newest_post_created_at,
    noNewPosts: r.no_new_posts === 1,
    report: report.success ? (report.data as unknown as QuadrantReport) : null,
    drift: parseJson(r.drift_json),
    computedAt: r.computed_at,
  };
}

/** Parameters for INSERT/UPDATE of a summary. */
export function summaryParams(s: RunSummaryRecord): Record<string, unknown> {
  return {
    subscription_id: s.subscriptionId,
    period: s.period,
    share_median: s.shareMedian,
    save_median: s.saveMedian,
    counts_json: JSON.stringify(s.counts),
    dead_fraction: s.deadFraction,
    dead_share: s.deadShare ? 1 : 0,
    template_ids_json: JSON.stringify(s.templateIds),
    posts_count: s.postsCount,
    newest_post_id: s.newestPostId,
    newest_post_created_at: s.newestPostCreatedAt,
    no_new_posts: s.noNewPosts ? 1 : 0,
    report_json: s.report === null ? null : JSON.stringify(s.report),
    drift_json: s.drift === null || s.drift === undefined ? null : JSON.stringify(s.drift),
    computed_at: s.computedAt,
  };
}
