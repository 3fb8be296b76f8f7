/**
 * A creator's trend: the medians period by period (UTC months, up to 12), from the snapshots
 * reports leave in the store. No request upstream: a trend costs no credits. Several snapshots in
 * one month count as the latest of them (the store keeps only that one). A month without a
 * snapshot is a gap: null in the chart's data, and left out of the JSON's `periods`.
 */
import { parseCreatorInput } from '../commands/creator';
import type { QuadrantReport } from '../quadrants/types';
import { periodOf, type CreatorSnapshot, type SnapshotPlatform, type SnapshotQuery } from '../store/snapshots';

/** How many months a trend spans, the asking month included. */
export const TREND_PERIODS = 12;

/** What a trend needs of the store (both engines implement it). */
export interface SnapshotBook {
  saveCreatorSnapshot(snapshot: CreatorSnapshot): Promise<void>;
  creatorSnapshots(query: SnapshotQuery): Promise<CreatorSnapshot[]>;
}

/** The workspace a snapshot is filed under. */
export interface SnapshotPlace {
  platform: SnapshotPlatform;
  workspaceId: string;
}

/** A report reduced to its snapshot, filed under the run's clock `at`. */
export function snapshotOf(report: QuadrantReport, place: SnapshotPlace, at: Date): CreatorSnapshot {
  return {
    ...place,
    username: report.creator.username.toLowerCase(),
    creatorId: report.creator.userid,
    period: periodOf(at),
    takenAt: at,
    posts: report.posts.length,
    medianShareRate: report.medians.shareRate,
    medianSaveRate: report.medians.saveRate,
    counts: { ...report.counts },
  };
}

/** The `TREND_PERIODS` months ending with `now`'s, oldest first ('YYYY-MM'). */
export function trendPeriods(now: Date, count = TREND_PERIODS): string[] {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return Array.from({ length: count }, (_, i) => periodOf(new Date(Date.UTC(y, m - (count - 1 - i), 1))));
}

/** One month of a trend, in the JSON's shape (rates as fractions). */
export interface TrendPeriod {
  period: string;
  medianShareRate: number | null;
  medianSaveRate: number | null;
  posts: number;
  counts: Record<string, number>;
}

export interface Trend {
  /** The handle, lower-cased, without `@`. */
  creator: string;
  /** Every month of the span, oldest first; null where there is no snapshot (a gap). */
  months: { period: string; snapshot: TrendPeriod | null }[];
}

/** The trend of the snapshots found, over the span ending at `now`. */
export function buildTrend(creator: string, snapshots: readonly CreatorSnapshot[], now: Date): Trend {
  const byPeriod = new Map(snapshots.map((s) => [s.period, s]));
  return {
    creator,
    months: trendPeriods(now).map((period) => {
      const s = byPeriod.get(period);
      return { period, snapshot: s ? { period, medianShareRate: s.medianShareRate, medianSaveRate: s.medianSaveRate, posts: s.posts, counts: { ...s.counts } } : null };
    }),
  };
}

/** `--json`: `{ creator, periods }`, only the months that have a snapshot (gaps are left out). */
export function trendToJson(t: Trend): { creator: string; periods: TrendPeriod[] } {
  return { creator: t.creator, periods: t.months.flatMap((m) => (m.snapshot ? [m.snapshot] : [])) };
}

/** Reads a workspace's trend of one creator (`@name` or a numeric id, as `trend` was given it). */
export async function readTrend(book: SnapshotBook, place: SnapshotPlace, creator: string, now: Date): Promise<Trend> {
  const input = parseCreatorInput(creator);
  const key = input.kind === 'userid' ? { creatorId: input.userid } : { username: input.username.toLowerCase() };
  const [fromPeriod] = trendPeriods(now);
  const snapshots = await book.creatorSnapshots({ ...place, creator: key, fromPeriod: fromPeriod as string });
  const label = snapshots.at(-1)?.username ?? (input.kind === 'userid' ? input.userid : input.username.toLowerCase());
  return buildTrend(label, snapshots, now);
}
