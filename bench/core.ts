/**
 * Core rows: the engine on 10,000 posts, the report path's own overhead over a slow upstream,
 * credits spent per window size and under concurrency (chart URL lengths are in chart.ts).
 * Uses the shared fakes (test/fakes) over real HTTP on 127.0.0.1.
 */
import { silentLogger } from '../src/log';
import { buildReport } from '../src/quadrants/report';
import type { CreatorPosts, Post } from '../src/quadrants/types';
import { createQuadrantsService } from '../src/service';
import { MAX_PAGE_SIZE } from '../src/tikliveapi/early';
import { createTikLiveApiSource } from '../src/tikliveapi/source';
import { startFakeQuickChart } from '../test/fakes/quickchart';
import { rawVideos, startFakeTikLiveApi } from '../test/fakes/tikliveapi';
import { median, ms, type BenchRow } from './table';

const LATENCY_MS = 750;
const CREATOR = { username: 'bench.creator', userid: '6911111111111111111' };

function syntheticPosts(n: number): Post[] {
  return Array.from({ length: n }, (_, i) => {
    const views = 2_000 + ((i * 7_919) % 900_000);
    return {
      id: String(7_450_000_000_000_000_000n + BigInt(i)),
      title: `post ${i}`,
      createdAt: 1_790_000_000 - i * 3_600,
      views,
      likes: Math.round(views * 0.07),
      comments: Math.round(views * 0.003),
      shares: Math.round(views * (0.001 + ((i * 37) % 100) / 4_000)),
      saves: Math.round(views * (0.002 + ((i * 61) % 100) / 2_000)),
      downloads: i % 97 === 0 ? Math.round(views * 0.01) : Math.round(views * 0.0001),
      pinned: false,
      isPhoto: false,
    };
  });
}

function data(posts: Post[]): CreatorPosts {
  return { creator: CREATOR, posts, credits: 1, fetchedAt: new Date(0).toISOString(), partial: false, demo: false };
}

function engineRow(): BenchRow {
  const input = data(syntheticPosts(10_000));
  // Warm-up: a few runs let the JIT optimise the engine, as it is after the bot's first reports.
  for (let i = 0; i < 5; i++) buildReport(input, 10_000);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const started = performance.now();
    buildReport(input, 10_000);
    times.push(performance.now() - started);
  }
  const m = median(times);
  return { row: 'core: engine, 10,000 posts (median of 21)', measured: ms(m), target: '< 5 ms', ok: m < 5 };
}

async function upstreamRows(): Promise<BenchRow[]> {
  const api = await startFakeTikLiveApi({ latencyMs: 0 });
  const qc = await startFakeQuickChart();
  const sources: Array<{ close(): Promise<void> }> = [];
  const newSource = (cacheTtlMs: number) => {
    const s = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, requestsPerMinute: 100_000, burst: 1_000, cacheTtlMs, logger: silentLogger });
    sources.push(s);
    return s;
  };
  try {
    api.addCreator({ ...CREATOR, videos: rawVideos(120) });
    const rows: BenchRow[] = [];

    // Credits per window: one /user-posts/ page holds MAX_PAGE_SIZE posts.
    for (const n of [10, 30, 100]) {
      const source = newSource(0);
      const got = await source.getPosts(CREATOR, n);
      const pages = Math.ceil(n / MAX_PAGE_SIZE);
      rows.push({ row: `core: credits for ${n} posts`, measured: String(got.credits), target: `${pages} (pages needed)`, ok: got.credits === pages });
    }

    // Ten identical requests at once share one upstream call.
    const shared = newSource(600_000);
    await Promise.all(Array.from({ length: 10 }, () => shared.getPosts(CREATOR, 10)));
    rows.push({ row: 'core: credits for 10 identical concurrent requests', measured: String(shared.creditsSpent()), target: '1', ok: shared.creditsSpent() === 1 });

    // Overhead of the whole report path over a slow upstream: total minus the upstream's own latency.
    api.latencyMs = LATENCY_MS;
    const source = newSource(0);
    const service = createQuadrantsService({ source, quickchartBaseUrl: qc.url, quickchartPlugins: true, logger: silentLogger });
    await service.report({ creator: `@${CREATOR.username}`, posts: 10 }); // resolves and remembers the user id
    const overheads: number[] = [];
    for (let i = 0; i < 20; i++) {
      const before = api.requests.length;
      const started = performance.now();
      await service.report({ creator: `@${CREATOR.username}`, posts: 10 });
      const total = performance.now() - started;
      overheads.push(total - (api.requests.length - before) * LATENCY_MS);
    }
    const m = median(overheads);
    rows.push({ row: `core: report overhead over ${LATENCY_MS} ms upstream (median of 20)`, measured: ms(m), target: '< 30 ms', ok: m < 30 });
    return rows;
  } finally {
    for (const s of sources) await s.close();
    await api.close();
    await qc.close();
  }
}

export async function rows(): Promise<BenchRow[]> {
  return [engineRow(), ...(await upstreamRows())];
}
