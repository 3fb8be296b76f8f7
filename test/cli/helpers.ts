/**
 * Running the CLI in tests: in-process through runCli, or as the built binary
 * (node dist/app/cli.js) in a child process with a clean environment.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../adapters/cli/run';
import { startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'dist', 'app', 'cli.js');

/** Only what the CLI reads: never the developer's real keys or tokens. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ...extra };
}

export async function runInProcess(argv: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Runs the built binary (async, so fakes in this process keep answering). */
export function runBuilt(argv: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env, cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * True when dist/ holds a binary at least as new as src/: builds with tsconfig.build.json when
 * it is stale. A build broken by unfinished files elsewhere leaves the spawn tests skipped
 * (the in-process tests still run).
 */
export function ensureBuilt(): boolean {
  const fresh = () => existsSync(BIN) && statSync(BIN).mtimeMs >= newestMtime(join(ROOT, 'src'));
  if (fresh()) return true;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  } catch {
    return false;
  }
  return existsSync(BIN);
}

export const HAND_CREATOR = { username: 'hand.computed', userid: '6999999999999999991' };

/**
 * Six posts of 10,000 views each, newest first. Share rates 3, 1, 3, 1, 2, 0.5 % (median 1.5%),
 * save rates 4, 4, 1, 1, 3, 0.5 % (median 2%), so posts 1 and 5 are viral-evergreen, 2 is
 * niche-reference, 3 is viral-disposable, 4 and 6 are dead.
 */
export const HAND_EXPECTED = {
  medians: { shareRate: 0.015, saveRate: 0.02, downloadRate: 0.0001 },
  quadrants: ['viral-evergreen', 'niche-reference', 'viral-disposable', 'dead', 'viral-evergreen', 'dead'],
  counts: { 'viral-evergreen': 2, 'niche-reference': 1, 'viral-disposable': 1, dead: 2 },
};

export function addHandCreator(api: FakeTikLiveApi): string[] {
  const shares = [300, 100, 300, 100, 200, 50];
  const saves = [400, 400, 100, 100, 300, 50];
  const videos = rawVideos(6, (i) => ({
    play_count: 10_000,
    share_count: shares[i],
    collect_count: saves[i],
    download_count: 1,
    digg_count: 500,
    comment_count: 20,
    title: `hand post ${i + 1}`,
  }));
  api.addCreator({ ...HAND_CREATOR, videos });
  return videos.map((v) => String(v.aweme_id));
}

/** A fake TikLiveAPI and a fake QuickChart for one test file (set while its tests run). */
export interface LiveFakes {
  api: FakeTikLiveApi;
  qc: FakeQuickChart;
}

/**
 * Starts both fakes before the file's tests, resets TikLiveAPI's requests and faults before each,
 * and closes both after; the returned object holds them while tests run.
 */
export function useLiveFakes(): LiveFakes {
  const fakes = {} as LiveFakes;
  beforeAll(async () => {
    fakes.api = await startFakeTikLiveApi();
    fakes.qc = await startFakeQuickChart();
  });
  afterAll(async () => {
    await fakes.api.close();
    await fakes.qc.close();
  });
  beforeEach(() => {
    fakes.api.reset();
  });
  return fakes;
}
