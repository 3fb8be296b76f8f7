/**
 * The trend command, and what every report leaves behind for it: a snapshot per creator, filed
 * under the asking workspace (the command line's own id on the CLI) and the run's clock.
 */
import type { QuadrantReport } from '../../quadrants/types';
import { readTrend, snapshotOf, trendToJson, type SnapshotPlace } from '../../trend/trend';
import type { CardChart, Reply } from '../card';
import { buildTrendChartConfig, buildTrendMixChartConfig } from '../../chart/trend';
import { QUADRANT_NAMES } from '../../quadrants/names';
import { QUADRANT_IDS } from '../../quadrants/types';
import { cardChart } from '../chart-delivery';
import { formatRate } from '../format';
import { trendCard } from '../cards/trend';
import { workspaceOf, type Actor, type RunContext } from '../types';
import { CLI } from '../../platforms';

/** Where an actor's snapshots are kept: its chat workspace, or the command line's own id. */
export function placeOf(actor: Actor): SnapshotPlace {
  return workspaceOf(actor) ?? { platform: CLI, workspaceId: actor.workspaceId };
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
  const who = `@${trend.creator}`;
  const shown = trend.months.filter((m, i) => m.snapshot !== null || trend.months.slice(0, i).some((p) => p.snapshot !== null));
  const lineAlt = `Line chart of ${who}'s median share and save rates by month: ${shown.map((m) => (m.snapshot ? `${m.period} share ${formatRate(m.snapshot.medianShareRate)}, save ${formatRate(m.snapshot.medianSaveRate)}` : `${m.period} no report`)).join('; ')}.`;
  const mixAlt = `Stacked bars of ${who}'s quadrant mix by month: ${shown.map((m) => (m.snapshot ? `${m.period} ${QUADRANT_IDS.map((q) => `${QUADRANT_NAMES[q]} ${m.snapshot?.counts[q] ?? 0}`).join(', ')}` : `${m.period} no report`)).join('; ')}.`;
  const charts = [
    cardChart(buildTrendChartConfig(trend), ctx.service, ctx.actor.surface, { alt: lineAlt, title: `${who}: medians by month` }),
    cardChart(buildTrendMixChartConfig(trend), ctx.service, ctx.actor.surface, { alt: mixAlt, title: 'Quadrant mix by month' }),
  ].filter((c): c is CardChart => c !== null);
  const card = trendCard(trend, ctx.actor.surface);
  return { visibility: 'public', card: charts.length > 0 ? { ...card, charts } : card, thread: [], json: () => trendToJson(trend) };
}
