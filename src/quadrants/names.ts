/**
 * The quadrants' display names and one-line axis hints, in our words: one table that the chart
 * legend, the text read-out and both chat renderers share.
 */
import type { QuadrantId } from './types';

export const QUADRANT_NAMES: Record<QuadrantId, string> = {
  'viral-evergreen': 'Viral evergreen',
  'niche-reference': 'Niche reference',
  'viral-disposable': 'Viral disposable',
  dead: 'Dead',
};

export const QUADRANT_HINTS: Record<QuadrantId, string> = {
  'viral-evergreen': 'high shares, high saves',
  'niche-reference': 'low shares, high saves',
  'viral-disposable': 'high shares, low saves',
  dead: 'low shares, low saves',
};
