/**
 * Month-over-month drift: how a creator's medians, quadrant counts, template flags and dead share
 * moved between a subscription's previous digest and this one. Pure functions.
 */
import { DEAD_SHARE_THRESHOLD, MIN_SPLIT_POSTS } from '../quadrants/report';
import { QUADRANT_IDS, type QuadrantCounts, type QuadrantId, type QuadrantReport } from '../quadrants/types';
import type { CreatorSnapshot, RunSummaryRecord } from '../store/types';
import type { Drift, RateMove } from './types';

/** What drift compares against: the medians, counts and dead share of a period. */
type Baseline = Pick<RunSummaryRecord, 'period' | 'shareMedian' | 'saveMedian' | 'counts' | 'deadFraction' | 'deadShare'>;

/**
 * The previous period's creator snapshot as a drift baseline (the numbers `trend` shows for that
 * month, its latest report); the dead share is worked out from its counts as the report does.
 */
export function snapshotBaseline(s: CreatorSnapshot): Baseline {
  const counts = normaliseCounts(s.counts);
  const split = QUADRANT_IDS.reduce((n, q) => n + counts[q], 0);
  const deadFraction = split === 0 ? 0 : counts.dead / split;
  return {
    period: s.period,
    shareMedian: s.medianShareRate,
    saveMedian: s.medianSaveRate,
    counts,
    deadFraction,
    deadShare: split >= MIN_SPLIT_POSTS && deadFraction >= DEAD_SHARE_THRESHOLD - 1e-12,
  };
}

/**
 * Drift of `current` against the previous digest's stored summary, or against `baseline` (the
 * previous period's snapshot) for the medians, counts and dead share when one is given. Templates
 * are always compared with the previous digest's: a snapshot keeps none.
 */
export function computeDrift(previous: RunSummaryRecord, current: QuadrantReport, baseline: Baseline = previous): Drift {
  const before = normaliseCounts(baseline.counts);
  const known = new Set(previous.templateIds);
  const wasOver = baseline.deadShare;
  const isOver = current.flags.deadShare;
  return {
    previousPeriod: baseline.period,
    shareRate: rateMove(baseline.shareMedian, current.medians.shareRate),
    saveRate: rateMove(baseline.saveMedian, current.medians.saveRate),
    counts: { before, after: { ...current.counts } },
    newTemplates: current.posts.filter((p) => p.template && !known.has(p.id)).map((p) => ({ id: p.id, index: p.index })),
    deadShare: {
      before: baseline.deadFraction,
      after: current.flags.deadFraction,
      wasOver,
      isOver,
      crossed: wasOver === isOver ? null : isOver ? 'up' : 'down',
    },
  };
}

/** A median move in percentage points and relative terms. */
export function rateMove(before: number | null, after: number | null): RateMove {
  if (before === null || after === null) return { before, after, points: null, relative: null };
  return {
    before,
    after,
    points: round((after - before) * 100, 6),
    relative: before === 0 ? null : round((after - before) / before, 6),
  };
}

const LABELS: Record<QuadrantId, string> = {
  'viral-evergreen': 'viral evergreen',
  'niche-reference': 'niche reference',
  'viral-disposable': 'viral disposable',
  dead: 'dead',
};

/**
 * Short plain-text lines describing the drift, for both renderers. No user text is included
 * (posts are named by their chart number), so the lines are safe to embed as they are.
 */
export function describeDrift(drift: Drift): string[] {
  const counts = QUADRANT_IDS.map((q) => `${LABELS[q]} ${drift.counts.before[q]} → ${drift.counts.after[q]}`).join(' · ');
  return [
    `Since the ${drift.previousPeriod} digest:`,
    rateLine('Median share rate', drift.shareRate),
    rateLine('Median save rate', drift.saveRate),
    `Quadrants then → now: ${counts}`,
    templatesLine(drift.newTemplates),
    deadLine(drift.deadShare),
  ];
}

function rateLine(label: string, move: RateMove): string {
  const from = move.before === null ? 'n/a' : percent(move.before, 2);
  const to = move.after === null ? 'n/a' : percent(move.after, 2);
  if (move.points === null) return `${label}: ${from} → ${to}`;
  const rel = move.relative === null ? '' : `, ${signed(move.relative * 100, 1)}%`;
  return `${label}: ${from} → ${to} (${signed(move.points, 2)} pp${rel})`;
}

function templatesLine(posts: Drift['newTemplates']): string {
  if (posts.length === 0) return 'No posts newly flagged as templates.';
  const refs = posts.map((p) => `#${p.index}`);
  const list = refs.length === 1 ? refs[0] : `${refs.slice(0, -1).join(', ')} and ${refs[refs.length - 1]}`;
  return `Newly flagged as ${posts.length === 1 ? 'a template' : 'templates'}: post${posts.length === 1 ? '' : 's'} ${list}.`;
}

function deadLine(d: Drift['deadShare']): string {
  const move = `${percent(d.before, 0)} → ${percent(d.after, 0)}`;
  if (d.crossed === 'up') return `Dead posts reached a third of the split (${move}): the format needs attention.`;
  if (d.crossed === 'down') return `Dead posts fell below a third of the split (${move}).`;
  return `Dead posts: ${move} of the split, ${d.isOver ? 'still a third or more' : 'still under a third'}.`;
}

function normaliseCounts(raw: Record<string, number>): QuadrantCounts {
  const out = {} as QuadrantCounts;
  for (const q of QUADRANT_IDS) {
    const v = raw[q];
    out[q] = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  }
  return out;
}

function percent(fraction: number, digits: number): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

function signed(value: number, digits: number): string {
  const fixed = Math.abs(value).toFixed(digits);
  if (Number(fixed) === 0) return `±${fixed}`;
  return `${value > 0 ? '+' : '-'}${fixed}`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
