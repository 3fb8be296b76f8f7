/**
 * Shared wording and number formatting for plain-text read-outs (the CLI and anything else
 * that prints text). Untrusted text (titles, handles) only ever passes through `cleanText`.
 */
import type { Creator, QuadrantId } from '../quadrants/types';

export { QUADRANT_NAMES as QUADRANT_LABEL } from '../quadrants/names';

/** What a quadrant means for a content plan, in one line. */
export const QUADRANT_MEANING: Record<QuadrantId, string> = {
  'viral-evergreen': 'shared and saved: travels and keeps collecting views, the rarest and most valuable kind',
  'niche-reference': 'saved, not shared: kept for later, which is what turns viewers into followers',
  'viral-disposable': 'shared, not saved: reach and awareness now, little that brings people back',
  dead: 'neither shared nor saved above the medians: nothing moved viewers to act',
};

/** Bidi overrides and isolates can reorder a terminal line; they go along with control characters. */
const UNSAFE = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

/**
 * Untrusted text made safe for one line of a terminal or a text message: line breaks become
 * spaces, control and direction-changing characters go, and it is cut to `max` characters
 * (whole characters, so an emoji is never split) with an ellipsis.
 */
export function cleanText(text: string, max = 60): string {
  const flat = text.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' ').replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : flat;
}

/** A post title for a read-out; "(no title)" when empty. */
export function cleanTitle(title: string, max = 60): string {
  return cleanText(title, max) || '(no title)';
}

/** "@handle", or "user 6912…" when only the numeric id is known. */
export function creatorName(creator: Creator): string {
  const handle = cleanText(creator.username, 30);
  return handle ? `@${handle}` : `user ${creator.userid}`;
}

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

/** 1234567 -> "1,234,567"; null -> "n/a". */
export function formatCount(n: number | null): string {
  return n === null || !Number.isFinite(n) ? 'n/a' : Math.round(n).toLocaleString('en-US');
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
