/**
 * The benchmark's row type and its one table. Every bench module returns BenchRow[]; run.ts
 * prints them all together.
 */
import { loadavg } from 'node:os';

export interface BenchRow {
  /** What was measured, prefixed with its group ("core: …", "digest: …"). */
  row: string;
  /** The measured value with its unit, as printed. */
  measured: string;
  /** The target, as printed ("< 5 ms", "1", "informational"). */
  target: string;
  ok: boolean;
}

/** A bench module: any file in bench/ exporting `rows` is picked up by run.ts. */
export interface BenchModule {
  rows(): Promise<BenchRow[]>;
}

const HEADERS = ['row', 'measured', 'target', 'ok'] as const;

/** The rows as one plain-text table with aligned columns. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [r.row, r.measured, r.target, r.ok ? 'yes' : 'NO']);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) => c.map((v, i) => v.padEnd(widths[i] as number)).join(' | ').trimEnd();
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

/** Median of a list of numbers (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const ms = (v: number): string => `${v.toFixed(2)} ms`;

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
export const loadNow = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
