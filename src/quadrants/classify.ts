/**
 * The quadrant rule: a post is high on an axis when its rate is strictly greater than that
 * axis's median. A post exactly on the median is low, so ties never inflate the good quadrants.
 */
import type { QuadrantId } from './types';

export function isHigh(rate: number, axisMedian: number): boolean {
  return rate > axisMedian;
}

export function classify(shareRate: number, saveRate: number, medians: { shareRate: number; saveRate: number }): QuadrantId {
  const highShares = isHigh(shareRate, medians.shareRate);
  const highSaves = isHigh(saveRate, medians.saveRate);
  if (highShares && highSaves) return 'viral-evergreen';
  if (highSaves) return 'niche-reference';
  if (highShares) return 'viral-disposable';
  return 'dead';
}
