/**
 * Numbers and names as every card shows them: one way to write a rate, a share, a count, a
 * date and a creator, so the same fact reads the same on every surface.
 */
import type { Creator, QuadrantId } from '../quadrants/types';
import { say, text, untrusted, type Inline } from './inline';

import { QUADRANT_NAMES } from '../quadrants/names';

export { QUADRANT_NAMES, QUADRANT_HINTS } from '../quadrants/names';

/** What a quadrant means for a content plan, in one line. */
export const QUADRANT_MEANING: Record<QuadrantId, string> = {
  'viral-evergreen': 'shared and saved: travels and keeps collecting views, the rarest and most valuable kind',
  'niche-reference': 'saved, not shared: kept for later, which is what turns viewers into followers',
  'viral-disposable': 'shared, not saved: reach and awareness now, little that brings people back',
  dead: 'neither shared nor saved above the medians: nothing moved viewers to act',
};

/**
 * A rate (fraction) as a percentage with sensible precision: 12.3%, 1.23%, 0.45%, 0.005%.
 * Null (missing) is "n/a"; never "NaN" or "Infinity".
 */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return 'n/a';
  const pct = rate * 100;
  if (pct === 0) return '0%';
  if (Math.abs(pct) >= 10) return `${pct.toFixed(1)}%`;
  if (Math.abs(pct) >= 0.1) return `${pct.toFixed(2)}%`;
  const decimals = Math.min(8, 1 - Math.floor(Math.log10(Math.abs(pct))));
  return `${pct.toFixed(decimals).replace(/0+$/, '').replace(/\.$/, '')}%`;
}

/** A share of a whole (0.25) as whole percent ("25%"). */
export function formatShare(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * 1234567 -> "1,234,567"; null -> "n/a". The same text as toLocaleString('en-US') (but -0 reads
 * 0), without it: its first call loads ICU's number formats, 25 ms of a cold `quadrants report`
 * after the answer came.
 */
export function formatCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return 'n/a';
  const whole = Math.round(n);
  // Past 2^53 (and String()'s exponents from 1e21) leave it to ICU; no counter gets there.
  if (!Number.isSafeInteger(whole)) return whole.toLocaleString('en-US');
  return String(whole).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** An ISO time as its date ("2026-10-31"), or "?" when missing. */
export function formatDate(iso: string | null): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '?';
}

/** Unix seconds as a date. */
export function formatUnixDate(seconds: number): string {
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().slice(0, 10) : '?';
}

/** "1 post" / "3 posts". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Longest handle shown; TikTok allows 24 characters, so this only cuts hostile data. */
const HANDLE_MAX = 40;

/** The creator as shown in a sentence: "@handle", or "creator 6912…" when only the id is known. */
export function creatorName(creator: Creator): Inline {
  return creator.username ? say`@${untrusted(creator.username, HANDLE_MAX)}` : [text('creator '), untrusted(creator.userid, 25)];
}

/** Quadrant names in running text ("viral evergreen"). */
export function quadrantWord(q: QuadrantId): string {
  return QUADRANT_NAMES[q].toLowerCase();
}
