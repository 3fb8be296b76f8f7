/**
 * Slack bench: the real adapter (real Bolt over Socket Mode) with the real service and
 * TikLiveAPI source, against the fake Slack and fake TikLiveAPI / QuickChart on 127.0.0.1, each fake
 * in a process of its own (as the real services are other machines).
 *  - ack latency: envelope sent → ack received, over a burst of 200 `/quadrants @creator`
 *    (target p99 < 100 ms; Slack allows 3 s);
 *  - overhead: command sent → report posted, minus the time spent waiting on the upstream,
 *    over sequential reports (target < 50 ms).
 */
import { startWorkerRpc } from './worker-rpc';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSlackAdapter } from '../adapters/slack/app';
import type { ChartRendererKind } from '../src/chart/renderer';
import { silentLogger } from '../src/log';
import { CommandRateLimiter } from '../src/ratelimit';
import { createQuadrantsService, type PostSource } from '../src/service';
import { createTikLiveApiSource } from '../src/tikliveapi/source';
import { startFakeSlack } from '../test/fakes/slack';
import { slackBenchOps, type SlackBenchOps } from './slack-fake-worker';
import { startBenchUpstream } from './upstream-fake-worker';
import { loadNow, median, ms, type BenchRow } from './table';

export interface SlackBenchOptions {
  burst?: number;
  sequential?: number;
  /** Fake TikLiveAPI latency per request. */
  latencyMs?: number;
  /** CHART_RENDERER for the service (default quickchart); `local` draws and uploads every chart. */
  chartRenderer?: ChartRendererKind;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

/** Wraps a source so the time spent waiting on it can be subtracted from end-to-end times. */
function timedSource(source: PostSource): { source: PostSource; waited: { ms: number } } {
  const waited = { ms: 0 };
  const time = async <T>(work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      waited.ms += performance.now() - t0;
    }
  };
  return {
    waited,
    source: {
      resolveCreator: (input) => time(() => source.resolveCreator(input)),
      getPosts: (creator, count) => time(() => source.getPosts(creator, count)),
      getPost: (url) => time(() => source.getPost(url)),
    },
  };
}

/** The fake Slack in a process of its own when the compiled fake exists (npm run bench), else in this one. */
export async function startBenchSlack(): Promise<SlackBenchOps> {
  const file = join(__dirname, 'slack-fake-worker.js');
  if (!existsSync(file)) return slackBenchOps(await startFakeSlack());
  const w = await startWorkerRpc<{ apiUrl: string; botToken: string; appToken: string }>(file);
  const { apiUrl, botToken, appToken } = w.ready;
  return {
    apiUrl,
    botToken,
    appToken,
    burst: (n, text, prefix) => w.call('burst', n, text, prefix) as Promise<number[]>,
    waitReports: (n, prefix) => w.call('waitReports', n, prefix) as Promise<void>,
    clicks: (n, actionId, value) => w.call('clicks', n, actionId, value) as Promise<number[]>,
    waitThreadPosts: (n) => w.call('waitThreadPosts', n) as Promise<void>,
    report: (text, channel) => w.call('report', text, channel) as Promise<number>,
    close: () => w.close(),
  };
}

/** Runs both measurements; every server is closed before it returns. */
export async function rows(options: SlackBenchOptions = {}): Promise<BenchRow[]> {
  const burst = options.burst ?? 200;
  const sequential = options.sequential ?? 20;
  const latencyMs = options.latencyMs ?? 50;
  const local = options.chartRenderer === 'local' ? ', CHART_RENDERER=local' : '';
  const [slack, up] = await Promise.all([startBenchSlack(), startBenchUpstream({ latencyMs, creators: [{ username: 'mossy.kitchen', userid: '6912345678901234567', posts: 35 }] })]);
  // No cache, no pacing: every report waits on the upstream, so the subtraction is meaningful.
  const live = createTikLiveApiSource({ apiKey: up.apiKey, baseUrl: up.tikliveapiUrl, cacheTtlMs: 0, burst: 100_000, requestsPerMinute: 10_000_000, retryBaseMs: 1 });
  const { source, waited } = timedSource(live);
  const adapter = createSlackAdapter({
    botToken: slack.botToken,
    appToken: slack.appToken,
    apiUrl: slack.apiUrl,
    service: createQuadrantsService({ source, quickchartBaseUrl: up.quickchartUrl, quickchartPlugins: true, ...(options.chartRenderer ? { chartRenderer: options.chartRenderer } : {}) }),
    limiter: new CommandRateLimiter({ perUserPerMinute: 1_000_000, perTeamPerMinute: 1_000_000 }),
    logger: silentLogger,
    retryConfig: { retries: 0 },
  });
  try {
    await adapter.start();

    // Warm-up: JIT, the first upstream connections and Bolt's lazy set-up are not the ack path's cost.
    await slack.burst(20, '@mossy.kitchen', 'CW');
    await slack.waitReports(20, 'CW');

    // Burst: every envelope is sent before any ack is awaited.
    const cpu = process.cpuUsage();
    const ackMs = await slack.burst(burst, '@mossy.kitchen', 'CB');
    // The bot's own CPU time until the last ack arrived: next to p99, it tells the bot's work from the machine's queue.
    const used = process.cpuUsage(cpu);
    await slack.waitReports(burst, 'CB');

    // Sequential: one report at a time, so the upstream wait belongs to exactly one command.
    const overhead: number[] = [];
    for (let i = 0; i < sequential; i++) {
      waited.ms = 0;
      const total = await slack.report('@mossy.kitchen', `CS${i}`);
      // The thread reply is awaited too, but `total` stops at the report's post.
      overhead.push(total - waited.ms);
    }

    const p99 = percentile(ackMs, 0.99);
    const over = median(overhead);
    return [
      { row: `slack: ack latency p50, burst of ${burst} (Socket Mode${local})`, measured: ms(percentile(ackMs, 0.5)), target: 'informational', ok: true },
      {
        row: `slack: ack latency p99, burst of ${burst} (Socket Mode${local})`,
        measured: `${ms(p99)} (bot CPU until the last ack ${((used.user + used.system) / 1000).toFixed(0)} ms; load ${loadNow()})`,
        target: '< 100 ms',
        ok: p99 < 100,
      },
      {
        row: `slack: command-to-posted overhead over upstream (${latencyMs} ms/request${local}), p50 of ${sequential}`,
        measured: `${ms(over)} (p95 ${ms(percentile(overhead, 0.95))})`,
        target: '< 50 ms',
        ok: over < 50,
      },
    ];
  } finally {
    await adapter.stop();
    await live.close();
    await Promise.all([slack.close(), up.close()]);
  }
}
