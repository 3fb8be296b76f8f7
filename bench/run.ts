/**
 * `npm run bench`: runs every bench module and prints ONE table (row, measured, target, ok).
 *
 * A bench module is any file in bench/ exporting `async function rows(): Promise<BenchRow[]>`
 * (see ./table.ts); adding a file is all it takes to add rows. `core` runs first, the rest in
 * name order. Pass group names to run only those: `node dist/bench/run.js core digest`.
 * Exit code 1 only when a group crashed; rows that miss their target are marked in the table.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatTable, type BenchRow } from './table';

/** Files in bench/ that are not row groups: this runner, the table and worker-thread entry points. */
const NOT_GROUPS = new Set(['run', 'table']);

function groups(dir: string): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => basename(f, '.js'))
    .filter((n) => !NOT_GROUPS.has(n) && !n.endsWith('-worker'));
  return names.sort((a, b) => (a === 'core' ? -1 : b === 'core' ? 1 : a.localeCompare(b)));
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const selected = groups(__dirname).filter((g) => wanted.length === 0 || wanted.includes(g));
  const all: BenchRow[] = [];
  let crashed = false;
  for (const group of selected) {
    const started = Date.now();
    process.stderr.write(`bench: ${group}…\n`);
    try {
      const mod = (await import(join(__dirname, `${group}.js`))) as { rows?: unknown };
      if (typeof mod.rows !== 'function') continue;
      all.push(...((await (mod.rows as () => Promise<BenchRow[]>)()) ?? []));
    } catch (err) {
      crashed = true;
      all.push({ row: `${group}: crashed`, measured: err instanceof Error ? err.message.split('\n')[0] ?? 'error' : String(err), target: 'runs', ok: false });
    }
    process.stderr.write(`bench: ${group} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`${formatTable(all)}\n\n${all.filter((r) => r.ok).length} of ${all.length} rows on target.\n`);
  return crashed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
