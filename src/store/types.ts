/**
 * The durable store behind subscriptions and digest runs.
 *
 * Kept deliberately small and asynchronous so the digest engine and the adapters never know the
 * engine: SQLite (src/store/sqlite.ts) is the default, PostgreSQL (src/store/postgres.ts) serves
 * several replicas. test/store/contract.ts is the behaviour both must show.
 * Every method that writes runs in one transaction; every time is an ISO-8601 UTC string.
 */
import type { QuadrantReport } from '../quadrants/types';
import type { SlackInstallation, SlackInstallationInput, SlackInstallationKey } from './installations';
import type { PauseChange } from './pause';
import type { Platform } from '../platforms';

export type { PauseChange } from './pause';

export type { SlackInstallation, SlackInstallationInput, SlackInstallationKey } from './installations';

export type { Platform } from '../platforms';
import type { CreatorSnapshot, SnapshotQuery } from './snapshots';
export type { CreatorSnapshot, SnapshotQuery } from './snapshots';
import type { WatchBook } from './watches';
export type { AlertClaim, AlertClaimRequest, AlertKey, Watch, WatchAlert, WatchBook, WatchFilter, WatchInput, WatchKey } from './watches';
export type Cadence = 'monthly' | 'weekly';
export type SubscriptionStatus = 'active' | 'disabled';

/**
 * pending: known to be due but not claimed yet (e.g. no delivery configured for its platform);
 * claimed: a runner holds the lease and is preparing the digest; posting: the post call is in flight;
 * posted: delivered (terminal); failed: will be retried after `nextAttemptAt`; abandoned: given up for this period (terminal).
 */
export type RunState = 'pending' | 'claimed' | 'posting' | 'posted' | 'failed' | 'abandoned';

/** A channel's subscription to one creator's digest. */
export interface Subscription {
  id: number;
  platform: Platform;
  /** Slack team id or Discord guild id: the workspace that owns the channel. */
  workspaceId: string;
  channelId: string;
  /** Handle without @, as resolved at subscribe time (display only). */
  creatorUsername: string;
  /** Numeric TikTok id resolved once at subscribe time; digests fetch by this. */
  creatorUserid: string;
  /** Posts per digest window. */
  posts: number;
  cadence: Cadence;
  /** Day of month 1-28 (monthly) or weekday 0-6, 0 = Sunday (weekly). */
  day: number;
  hour: number;
  minute: number;
  /** IANA time zone the schedule is read in. */
  timezone: string;
  /** Chat user id of whoever last changed it. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the current schedule took effect: periods due before this are never sent. */
  activeSince: string;
  status: SubscriptionStatus;
  disabledReason: string | null;
  /** When someone paused it (its periods are skipped until resumed); null while it runs. */
  pausedAt: string | null;
  /** Chat user id of whoever paused it. */
  pausedBy: string | null;
}

/** What identifies a subscription inside its workspace. */
export interface SubscriptionKey {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  creatorUserid: string;
}

/** Fields a caller sets when saving a subscription. */
export type SubscriptionInput = Omit<
  Subscription,
  'id' | 'createdAt' | 'updatedAt' | 'activeSince' | 'status' | 'disabledReason' | 'pausedAt' | 'pausedBy'
>;

export interface SubscriptionFilter {
  platform?: Platform;
  workspaceId?: string;
  status?: SubscriptionStatus;
}

/** One (subscription, period) delivery attempt record. UNIQUE(subscriptionId, period). */
export interface DigestRun {
  subscriptionId: number;
  /** '2026-12' (monthly) or '2026-W49' (weekly), in the subscription's time zone. */
  period: string;
  state: RunState;
  /** Claims that ended in a real attempt: takeovers of a dead claim and paused (token) failures do not count. */
  attempts: number;
  lastError: string | null;
  claimedBy: string | null;
  /** Lease expiry: after this another runner may take the run over. */
  claimedUntil: string | null;
  /** Earliest time a failed run may be retried. */
  nextAttemptAt: string | null;
  messageRef: string | null;
  postedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a run computed, kept so a retry re-posts without refetching and the next period can compute drift. */
export interface RunSummaryRecord {
  subscriptionId: number;
  period: string;
  shareMedian: number | null;
  saveMedian: number | null;
  counts: Record<string, number>;
  deadFraction: number;
  deadShare: boolean;
  templateIds: string[];
  postsCount: number;
  newestPostId: string | null;
  /** Unix seconds of the newest post, null when there were none. */
  newestPostCreatedAt: number | null;
  /** True when the creator had nothing new since the previous digest (one-line digest). */
  noNewPosts: boolean;
  /** The full report as computed, so a retry can re-render it. */
  report: QuadrantReport | null;
  /** Drift against the previous digest, as JSON (shape owned by src/digest/drift.ts). */
  drift: unknown;
  computedAt: string;
}

export interface ClaimRequest {
  subscriptionId: number;
  period: string;
  /** Unique id of the claiming runner (process + random). */
  owner: string;
  at: Date;
  leaseMs: number;
  /** A run that already used this many attempts is abandoned instead of claimed. */
  maxAttempts: number;
}

export type ClaimRefusal = 'posted' | 'abandoned' | 'leased' | 'backoff' | 'exhausted';

export type ClaimResult =
  | { claimed: true; run: DigestRun }
  | { claimed: false; reason: ClaimRefusal; run: DigestRun };

export interface FailRequest {
  subscriptionId: number;
  period: string;
  owner: string;
  error: string;
  at: Date;
  /** When to try again; null abandons the run for this period. */
  retryAt: Date | null;
  /**
   * false: this claim does not count as an attempt (the app's token failed, not this run), so
   * `attempts` goes back down by one. Default true.
   */
  countAttempt?: boolean;
}

/** Which workspace's credits: a Slack team or a Discord guild. */
export interface WorkspaceRef {
  platform: Platform;
  workspaceId: string;
}

/**
 * A hold on credits a command may spend, taken before it calls the API (see src/budget/budget.ts).
 * Held credits count against the budget until the hold is settled or expires (a crashed process
 * never settles; its hold lapses at `expiresAt`).
 */
export interface CreditHoldRequest {
  /** Unique per hold (random). */
  id: string;
  workspace: WorkspaceRef;
  /** '2026-12' (UTC). */
  month: string;
  /** The command's worst-case cost. */
  credits: number;
  /** The month's budget; null = unlimited (the hold is always taken). */
  limit: number | null;
  at: Date;
  expiresAt: Date;
}

/** Whether the hold was taken, and the month's spending and live holds (this one excluded) it was judged on. */
export interface CreditHoldResult {
  held: boolean;
  spent: number;
  /** Credits held by other unexpired holds when this one was judged. */
  heldByOthers: number;
}

/** Watches (WatchBook, ./watches.ts) are part of every store. */
export interface Store extends WatchBook {
  readonly kind: string;

  /** A cheap round trip (SELECT 1) for readiness checks; rejects with a QuadrantsError when the store cannot serve. */
  ping(): Promise<void>;

  /** Inserts, or updates the subscription with the same key (never doubles it). */
  saveSubscription(input: SubscriptionInput, at: Date): Promise<{ subscription: Subscription; created: boolean }>;
  getSubscription(id: number): Promise<Subscription | null>;
  findSubscription(key: SubscriptionKey): Promise<Subscription | null>;
  /** Deletes the subscription (and its runs and summaries); false when there was none. */
  deleteSubscription(key: SubscriptionKey): Promise<boolean>;
  listSubscriptions(filter?: SubscriptionFilter): Promise<Subscription[]>;
  /** The workspace a channel is known to belong to (from existing subscriptions), or null. */
  channelWorkspace(platform: Platform, channelId: string): Promise<string | null>;
  disableSubscription(id: number, reason: string, at: Date): Promise<void>;
  /**
   * Pauses (`{ by }`) or resumes (null) a subscription; null when there is none. Pausing a paused
   * one and resuming a running one change nothing. Resuming sets `activeSince` to `at`, so only
   * periods due after the resume are sent. Saving the subscription again keeps it paused.
   */
  setPaused(id: number, change: PauseChange, at: Date): Promise<Subscription | null>;

  getRun(subscriptionId: number, period: string): Promise<DigestRun | null>;
  /** Newest first. */
  recentRuns(subscriptionId: number, limit: number): Promise<DigestRun[]>;
  /** Records a due run nobody can deliver yet (or held back); no-op when the row exists. True when this call created it. */
  notePending(subscriptionId: number, period: string, reason: string, at: Date): Promise<boolean>;
  /**
   * Atomically takes the run's lease (creating the row), unless it is posted, abandoned, leased or
   * backing off. A fresh claim counts one attempt (and is refused as 'exhausted' once
   * `maxAttempts` are used); taking over an expired lease (state claimed/posting) counts none.
   */
  claimRun(request: ClaimRequest): Promise<ClaimResult>;
  /** Moves a claimed run to posting and renews its lease; false when the owner lost the lease. */
  markPosting(subscriptionId: number, period: string, owner: string, leaseUntil: Date, at: Date): Promise<boolean>;
  /** Records the delivery; false when the run was already recorded as posted. */
  markPosted(subscriptionId: number, period: string, messageRef: string, at: Date): Promise<boolean>;
  /** Records a failed attempt (retry later, or abandon); false when the owner lost the lease. */
  markFailed(request: FailRequest): Promise<boolean>;

  saveSummary(summary: RunSummaryRecord): Promise<void>;
  getSummary(subscriptionId: number, period: string): Promise<RunSummaryRecord | null>;
  /** The most recently posted full digest (not a "no new posts" one) of another period. */
  previousSummary(subscriptionId: number, excludePeriod: string): Promise<RunSummaryRecord | null>;

  /** Inserts, or replaces the installation with the same key (a reinstall keeps `installedAt`). */
  saveSlackInstallation(input: SlackInstallationInput, at: Date): Promise<SlackInstallation>;
  /** The installation with exactly this key, or null. */
  getSlackInstallation(key: SlackInstallationKey): Promise<SlackInstallation | null>;
  /** Removes it; false when there was none. */
  deleteSlackInstallation(key: SlackInstallationKey): Promise<boolean>;
  /**
   * Marks an install-flow state (by its hash) as used; true only for its first use. Atomic, so of
   * two replicas receiving the same state at once exactly one gets true. Forgets states whose
   * `expiresAt` has passed at `at` (they are refused by their age anyway).
   */
  useSlackOAuthState(stateHash: string, at: Date, expiresAt: Date): Promise<boolean>;
  /** Files a creator's snapshot under its UTC month; a later one of the same month replaces it, an older one is ignored. */
  saveCreatorSnapshot(snapshot: CreatorSnapshot): Promise<void>;
  /** A workspace's snapshots of one creator from `fromPeriod` on, one per period (the latest), oldest first. */
  creatorSnapshots(query: SnapshotQuery): Promise<CreatorSnapshot[]>;
  /**
   * Adds credits a workspace spent in `month` ('2026-12', UTC) and returns the month's new total.
   * Atomic, so replicas adding at once never lose a credit.
   */
  addWorkspaceCredits(workspace: WorkspaceRef, month: string, credits: number, at: Date): Promise<number>;
  /** Credits the workspace spent in `month`; 0 when none. */
  workspaceCredits(workspace: WorkspaceRef, month: string): Promise<number>;
  /**
   * Atomically (across connections and replicas) takes a hold when the month's spending plus every
   * unexpired hold is below `limit`, else takes none. Expired holds are dropped on the way.
   */
  holdWorkspaceCredits(request: CreditHoldRequest): Promise<CreditHoldResult>;
  /**
   * Ends a hold: removes it and adds `credits` (what the API actually charged, 0 for nothing) to
   * its month, in one transaction; returns the month's new total. An unknown or expired hold still
   * adds the credits (they were charged).
   */
  settleWorkspaceCredits(id: string, workspace: WorkspaceRef, month: string, credits: number, at: Date): Promise<number>;

  close(): Promise<void>;
}
