/**
 * Content mix: how the split posts spread over the quadrants, against a weekly plan.
 * Default plan (from the working habit the product is built on): two reference posts, one
 * share-bait post and one swing at the top-right corner each week; no dead posts.
 */
import { QUADRANT_IDS, type Mix, type MixEntry, type QuadrantCounts, type QuadrantId } from './types';

export const DEFAULT_PLAN: Record<QuadrantId, number> = {
  'viral-evergreen': 1,
  'niche-reference': 2,
  'viral-disposable': 1,
  dead: 0,
};

export function contentMix(counts: QuadrantCounts, plan: Record<QuadrantId, number> = DEFAULT_PLAN): Mix {
  const split = QUADRANT_IDS.reduce((n, q) => n + counts[q], 0);
  const planTotal = QUADRANT_IDS.reduce((n, q) => n + plan[q], 0);
  if (split === 0 || planTotal === 0) return { plan: { ...plan }, entries: [], largestGap: null };
  const entries: MixEntry[] = QUADRANT_IDS.map((quadrant) => {
    const actual = counts[quadrant] / split;
    const target = plan[quadrant] / planTotal;
    return { quadrant, actual, target, gap: actual - target };
  });
  // The largest absolute gap; on a tie, the earlier quadrant in QUADRANT_IDS order wins (stable output).
  let largestGap: MixEntry | null = null;
  for (const e of entries) {
    if (largestGap === null || Math.abs(e.gap) > Math.abs(largestGap.gap) + 1e-12) largestGap = e;
  }
  return { plan: { ...plan }, entries, largestGap };
}
