/**
 * The trend command, and what every report leaves behind for it: a snapshot per creator, filed
 * under the asking workspace (the command line's own id on the CLI) and the run's clock.
 */
import type { QuadrantReport } from '../../quadrants/types';
import { readTrend, snapshotOf, trendToJson, type SnapshotPlace } from '../../trend/trend';
import type { Reply } from '../card';
import { trendCard } from '../cards/trend';
import { workspaceOf, type Actor, type RunContext } from '../types';

/** Where an actor's snapshots are kept: its chat workspace, or the command line's own id. */
export function placeOf(actor: Actor): SnapshotPlace {
  return workspaceOf(actor) ?? { platform: 'cli', workspaceId: actor.workspaceId };
}

/**
 * Keeps a snapshot of each report. A store that fails here must not cost the person their
 * report: the failure is swallowed (the trend simply misses that month's update).
 */
export async function keepSnapshots(ctx: RunContext, reports: readonly QuadrantReport[]): Promise<void> {
  const book = ctx.snapshots;
  if (!book) return;
  const at = ctx.now?.() ?? new Date();
  const place = placeOf(ctx.actor);
  await Promise.all(reports.map((r) => book.saveCreatorSnapshot(snapshotOf(r, place, at)).catch(() => undefined)));
}

/** `trend @creator`: the stored medians by month; no request upstream. */
export async function trendReply(creator: string, ctx: RunContext): Promise<Reply> {
  const now = ctx.now?.() ?? new Date();
  const trend = ctx.snapshots
    ? await readTrend(ctx.snapshots, placeOf(ctx.actor), creator, now)
    : await readTrend({ saveCreatorSnapshot: async () => undefined, creatorSnapshots: async () => [] }, placeOf(ctx.actor), creator, now);
  return { visibility: 'public', card: trendCard(trend, ctx.actor.surface), thread: [], json: () => trendToJson(trend) };
}
