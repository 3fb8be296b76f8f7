/**
 * Cold time-to-chart: `quadrants report <id> --json` (the built CLI, a fresh process each run)
 * against the fake TikLiveAPI answering after 750 ms, next to what it cannot avoid: one upstream
 * round trip (a bare request to the same fake) and Node's own start (`node -e 0`). A numeric id
 * needs one request (/user-posts/); a handle needs a /userid/ look-up first, a second round trip.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../test/fakes/tikliveapi';
import { median, type BenchRow } from './table';

const CLI = join(__dirname, '..', '..', 'dist', 'app', 'cli.js');
const LATENCY_MS = 750;
const RUNS = 7;
const USERID = '6912345678901234567';

/** Wall time of one child process, spawned without blocking this process (the fake answers from here). */
function wallMs(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, cwd: tmpdir(), stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/** One bare GET for the creator's posts on a fresh connection: the round trip the CLI must wait for. */
function roundTripMs(api: FakeTikLiveApi): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(`${api.url}/user-posts/?userid=${USERID}&count=10`, { headers: { 'x-api-key': api.apiKey }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function rows(): Promise<BenchRow[]> {
  const api = await startFakeTikLiveApi({ apiKey: 'bench-tikliveapi-key', latencyMs: LATENCY_MS });
  api.addCreator({ username: 'mossy.kitchen', userid: USERID, videos: rawVideos(30) });
  const env = { PATH: process.env.PATH ?? '', TIKLIVEAPI_KEY: api.apiKey, TIKLIVEAPI_BASE_URL: api.url };
  const node: number[] = [];
  const trip: number[] = [];
  const cli: number[] = [];
  try {
    await wallMs([CLI, 'report', USERID, '--json'], env); // warm the file cache
    // Alternated, so a busy moment on the machine hits all three alike.
    for (let i = 0; i < RUNS; i++) {
      node.push(await wallMs(['-e', '0'], env));
      trip.push(await roundTripMs(api));
      cli.push(await wallMs([CLI, 'report', USERID, '--json'], env));
    }
  } finally {
    await api.close();
  }
  const [n, t, c] = [median(node), median(trip), median(cli)];
  const over = c - t;
  return [
    { row: `cold: node -e 0, median of ${RUNS}`, measured: `${n.toFixed(0)} ms`, target: 'informational', ok: true },
    { row: `cold: one upstream round trip (${LATENCY_MS} ms fake TikLiveAPI), median of ${RUNS}`, measured: `${t.toFixed(0)} ms`, target: 'informational', ok: true },
    {
      row: `cold: time-to-chart, quadrants report <id> --json, median of ${RUNS}`,
      measured: `${c.toFixed(0)} ms (${(c / t).toFixed(2)} round trips; round trip + ${over.toFixed(0)} ms)`,
      target: '≤ round trip + 150 ms',
      ok: over <= 150,
    },
  ];
}
