/**
 * Pieces every plain-text read-out shares: the demo notice, the per-post line and the footer.
 */
import type { RatedPost } from '../quadrants/types';
import { cleanTitle, formatCount, formatRate } from './words';

/** Shown on every read-out built from the bundled demo dataset. */
export const DEMO_NOTICE = 'Demo data: these creators and numbers are invented. Set TIKLIVEAPI_KEY to look at real creators.';

/** One aligned line per post: number, rates, views, title. */
export function postLine(p: RatedPost, number = `#${p.index}`): string {
  const cells = [
    number.padStart(4),
    `shares ${formatRate(p.shareRate).padStart(6)}`,
    `saves ${formatRate(p.saveRate).padStart(6)}`,
    `downloads ${formatRate(p.downloadRate).padStart(7)}`,
    `${formatCount(p.views).padStart(10)} views`,
    cleanTitle(p.title),
  ];
  return `  ${cells.join('  ')}${p.template ? '  [template]' : ''}${p.pinned ? '  [pinned]' : ''}`;
}

/** Footer shared by every read-out: chart link and credits. */
export function footer(chartUrl: string | null, credits: number): string[] {
  return ['', chartUrl ? `Chart: ${chartUrl}` : 'Chart: none (no posts could be placed).', `Credits spent: ${credits}`];
}

