/**
 * `npm run bench`: runs every bench module and prints ONE table (row, measured, target, ok).
 *
 * A bench module is any file in bench/ exporting `async function rows(): Promise<BenchRow[]>`
 * (see ./table.ts); adding a file is all it takes to add rows. `core` runs first, the rest in
 * name order. Pass group names to run only those: `node dist/bench/run.js core digest`.
 * Exit code 1 only when a group crashed; rows that miss their target are marked in the table.
 *
 * Each group runs in a fresh child process, so what one group leaves behind (heap, sockets,
 * worker threads, a process-wide peak RSS) never shows up in the next group's numbers. That process
 * gets `npm start`'s Node options and environment (./start-options.ts), as the bot would.
 */
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { startOptions } from './start-options';
import { formatTable, loadNow, type BenchRow } from './table';

/** Files in bench/ that are not row groups: this runner, its helpers and the fakes' entry points (*-worker). */
const NOT_GROUPS = new Set(['run', 'table', 'start-options', 'worker-rpc']);

function groups(dir: string): string[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => basename(f, '.js'))
    .filter((n) => !NOT_GROUPS.has(n) && !n.endsWith('-worker'));
  return names.sort((a, b) => (a === 'core' ? -1 : b === 'core' ? 1 : a.localeCompare(b)));
}


type GroupResult = { rows: BenchRow[] } | { error: string };

/** In the child: runs one group and sends its rows, or why it crashed, to the parent. */
async function runGroup(group: string): Promise<void> {
  let result: GroupResult;
  try {
    const mod = (await import(join(__dirname, `${group}.js`))) as { rows?: unknown };
    result = { rows: typeof mod.rows === 'function' ? ((await (mod.rows as () => Promise<BenchRow[]>)()) ?? []) : [] };
  } catch (err) {
    process.stderr.write(`bench: ${group} crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    result = { error: err instanceof Error ? (err.message.split('\n')[0] ?? 'error') : String(err) };
  }
  await new Promise<void>((resolve, reject) => process.send?.(result, undefined, {}, (err: Error | null) => (err ? reject(err) : resolve())));
}

/** Runs one group in a fresh process, started as `npm start` starts the bot; rejects when it crashed or sent nothing. */
function inChild(group: string): Promise<BenchRow[]> {
  const start = startOptions();
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], {
      env: { ...process.env, ...start.env, BENCH_GROUP: group },
      execArgv: [...process.execArgv, ...start.nodeOptions],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: GroupResult | null = null;
    child.on('message', (m) => {
      result = m as GroupResult;
      // Groups may leave handles open (fakes, workers); the result is all the parent needs.
      child.kill();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const r = result as GroupResult | null;
      if (r && 'rows' in r) resolve(r.rows);
      else reject(new Error(r ? r.error : `exited ${code ?? 'by signal'} without rows`));
    });
  });
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const selected = groups(__dirname).filter((g) => wanted.length === 0 || wanted.includes(g));
  const all: BenchRow[] = [];
  const loadBefore = loadNow();
  let crashed = false;
  for (const group of selected) {
    const started = Date.now();
    process.stderr.write(`bench: ${group}…\n`);
    try {
      all.push(...(await inChild(group)));
    } catch (err) {
      crashed = true;
      all.push({ row: `${group}: crashed`, measured: err instanceof Error ? err.message.split('\n')[0] ?? 'error' : String(err), target: 'runs', ok: false });
    }
    process.stderr.write(`bench: ${group} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`${formatTable(all)}\n\n${all.filter((r) => r.ok).length} of ${all.length} rows on target.\n`);
  // Timings depend on what else the machine was doing: its load is printed with the table.
  process.stdout.write(`Load average (1/5/15 min): before ${loadBefore}, after ${loadNow()}; ${availableParallelism()} cores.\n`);
  return crashed ? 1 : 0;
}

const child = process.env.BENCH_GROUP;
if (child) {
  runGroup(child).catch(() => process.exit(1));
} else {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`bench: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
