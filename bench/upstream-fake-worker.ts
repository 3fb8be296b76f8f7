/**
 * The upstream of the chat benches, in a child process of its own (./worker-rpc.ts): the fake
 * TikLiveAPI (a fixed latency per answer) and the fake QuickChart. Both are other machines in
 * production, so their work and memory stay out of the bot's process. Set up from BENCH_UPSTREAM
 * (JSON: latency and creators); ready carries their URLs and the API key.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeQuickChart } from '../test/fakes/quickchart';
import { rawVideos, startFakeTikLiveApi } from '../test/fakes/tikliveapi';
import { fakeChannel, serveOps, startWorkerRpc, type FakeChannel } from './worker-rpc';

export interface UpstreamSetup {
  latencyMs: number;
  /** Each creator with this many posts. */
  creators: Array<{ username: string; userid: string; posts: number }>;
}

export interface BenchUpstream {
  tikliveapiUrl: string;
  apiKey: string;
  quickchartUrl: string;
  close(): Promise<void>;
}

/** In this process (when the fakes are not compiled, as under jest). */
async function inProcess(setup: UpstreamSetup): Promise<BenchUpstream> {
  const api = await startFakeTikLiveApi({ latencyMs: setup.latencyMs });
  for (const c of setup.creators) api.addCreator({ username: c.username, userid: c.userid, videos: rawVideos(c.posts) });
  const quickchart = await startFakeQuickChart();
  return { tikliveapiUrl: api.url, apiKey: api.apiKey, quickchartUrl: quickchart.url, close: async () => void (await Promise.all([api.close(), quickchart.close()])) };
}

/** Starts the fakes in their own process when compiled (npm run bench), else in this one; resolves once they listen. */
export async function startBenchUpstream(setup: UpstreamSetup, inChild = existsSync(join(__dirname, 'upstream-fake-worker.js'))): Promise<BenchUpstream> {
  if (!inChild) return inProcess(setup);
  type Ready = Omit<BenchUpstream, 'close'>;
  const w = await startWorkerRpc<Ready>(join(__dirname, 'upstream-fake-worker.js'), { BENCH_UPSTREAM: JSON.stringify(setup) });
  const { tikliveapiUrl, apiKey, quickchartUrl } = w.ready;
  return { tikliveapiUrl, apiKey, quickchartUrl, close: () => w.close() };
}

async function serve(port: FakeChannel): Promise<void> {
  const { close, ...ready } = await inProcess(JSON.parse(process.env.BENCH_UPSTREAM ?? '{}') as UpstreamSetup);
  serveOps(port, { close }, ready);
}

const port = fakeChannel();
if (port) void serve(port);
