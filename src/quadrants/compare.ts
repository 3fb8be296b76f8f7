/**
 * Compare: several creators on shared axes. Each creator keeps its own report (own medians);
 * pooledCounts places the same posts against the medians of everyone's posts together.
 */
import { classify } from './classify';
import { median } from './median';
import { buildReport, emptyCounts, type EngineOptions } from './report';
import type { CompareReport, CreatorPosts, Medians, QuadrantReport } from './types';

export function pooledMedians(reports: readonly QuadrantReport[]): Medians {
  const placed = reports.flatMap((r) => r.posts.filter((p) => p.excluded === null));
  return {
    shareRate: median(placed.map((p) => p.shareRate as number)),
    saveRate: median(placed.map((p) => p.saveRate as number)),
    downloadRate: median(reports.flatMap((r) => r.posts.flatMap((p) => (p.downloadRate === null ? [] : [p.downloadRate])))),
  };
}

export function buildCompare(data: readonly CreatorPosts[], requested: number, options: EngineOptions = {}): CompareReport {
  const reports = data.map((d) => buildReport(d, requested, options));
  const pooled = pooledMedians(reports);
  const creators = reports.map((report) => {
    const pooledCounts = emptyCounts();
    if (pooled.shareRate !== null && pooled.saveRate !== null) {
      const m = { shareRate: pooled.shareRate, saveRate: pooled.saveRate };
      for (const p of report.posts) {
        if (p.excluded === null) pooledCounts[classify(p.shareRate as number, p.saveRate as number, m)] += 1;
      }
    }
    return { report, pooledCounts };
  });
  const fetched = data.map((d) => d.fetchedAt).sort();
  return {
    kind: 'compare',
    pooledMedians: pooled,
    creators,
    chartUrl: null,
    credits: data.reduce((n, d) => n + d.credits, 0),
    fetchedAt: fetched[0] ?? new Date(0).toISOString(),
    demo: data.some((d) => d.demo),
  };
}
