/**
 * The per-post breakdown as CSV (RFC 4180), for spreadsheets: the CLI's --csv and the file the
 * chat surfaces attach under a report. Ids stay strings, rates stay fractions, a missing counter
 * is an empty cell (never 0), and a cell a spreadsheet could run as a formula is neutralised.
 */
import type { CompareReport, QuadrantReport, RatedPost } from '../quadrants/types';
import { postToJson } from './json';

/** The columns, in this order (a public contract: spreadsheets and scripts read them by position). */
export const CSV_COLUMNS = ['id', 'title', 'created_at', 'views', 'likes', 'comments', 'shares', 'saves', 'downloads', 'share_rate', 'save_rate', 'download_rate', 'quadrant', 'template', 'url'] as const;

/** Characters that make a spreadsheet read a cell as a formula (tab and CR too, as OWASP advises). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell, quoted when it holds a comma, quote or line break (quotes doubled), and prefixed
 * with `'` when it starts like a formula so a spreadsheet shows it as text.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? numberText(value) : String(value);
  // Numbers we write ourselves are never neutralised: a negative number is data, not a formula.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Plain decimal, never exponent notation (1e-7 would read as text or a formula in some tools). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  const fixed = n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function row(cells: Array<string | number | boolean | null>): string {
  return cells.map(csvCell).join(',');
}

/** A post's cells; `url` is the link to the video (empty when the handle or id is not valid). */
function postCells(p: RatedPost, handle: string): Array<string | number | boolean | null> {
  const j = postToJson(p, handle);
  return [j.id, j.title, j.createdAt, j.views, j.likes, j.comments, j.shares, j.saves, j.downloads, j.shareRate, j.saveRate, j.downloadRate, j.quadrant, j.template, j.url];
}

function newestFirst(posts: readonly RatedPost[]): RatedPost[] {
  return [...posts].sort((a, b) => a.index - b.index);
}

/** The handle without `@` (a leading `@` would be neutralised as a formula), or the numeric id. */
function creatorCell(r: QuadrantReport): string {
  return r.creator.username || r.creator.userid;
}

/** A report's posts, newest first, with a header row; lines end CRLF as RFC 4180 says. */
export function reportToCsv(r: QuadrantReport): string {
  const lines = [row([...CSV_COLUMNS]), ...newestFirst(r.posts).map((p) => row(postCells(p, r.creator.username)))];
  return `${lines.join('\r\n')}\r\n`;
}

/** A comparison: one row per post of every creator, with a leading `creator` column. */
export function compareToCsv(r: CompareReport): string {
  const lines = [row(['creator', ...CSV_COLUMNS])];
  for (const c of r.creators) for (const p of newestFirst(c.report.posts)) lines.push(row([creatorCell(c.report), ...postCells(p, c.report.creator.username)]));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name safe on every platform: `quadrants-<who>.csv`. */
export function csvFileName(who: string): string {
  const safe = who.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'report';
  return `quadrants-${safe}.csv`;
}
