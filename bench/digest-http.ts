/**
 * Digest bench with the chat fakes over HTTP: 1,000 subscriptions over 200 creators on one process
 * (SQLite), the real TikLiveAPI client at 200 requests/min against the fake TikLiveAPI answering
 * in 750 ms, and the real Slack and Discord digest deliveries posting to the fakes, charts
 * uploaded as PNGs, each message post answered after 250 ms (BENCH_CHAT_POST_LATENCY_MS). The
 * fakes run in a child process (digest-fakes-worker.ts), so the peak RSS is the bot's own. Prints
 * seconds, credits, duplicates (a digest the runner posted twice), peak RSS and the load average.
 *
 * For a quick run: BENCH_DIGEST_SUBSCRIPTIONS and BENCH_DIGEST_CREATORS shrink it (same ratio keeps
 * the upstream floor: creators / 200 per minute).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import { REST } from 'discord.js';
import { createDiscordDigestDelivery } from '../adapters/discord/digest';
import { createDiscordHttp, DIGEST_REST_OPTIONS } from '../adapters/discord/http';
import { createSlackDigestDelivery } from '../adapters/slack/digest';
import { runDueDigests } from '../src/digest/runner';
import type { DigestDelivery } from '../src/digest/types';
import { silentLogger } from '../src/log';
import { boundHeapGrowth } from '../src/ops/heap';
import { createQuadrantsService } from '../src/service';
import { openStore } from '../src/store';
import type { Store } from '../src/store/types';
import { createTikLiveApiSource } from '../src/tikliveapi/source';
import { uploadOnlyCharts } from '../test/fakes/chart-tools';
import { ONE_PIXEL_PNG } from '../test/fakes/quickchart';
import type { DigestFakes } from './digest-fakes-worker';
import type { BenchRow } from './table';

export const KEY = 'bench-digest-http-key-01';
export const CREATOR_BASE = 7_300_000_000_000_000_000n;
export const REQUESTS_PER_MINUTE = 200;
const LATENCY_MS = 750;
/** Each chat.postMessage / Discord message post: a real platform answers in about this much. */
const POST_LATENCY_MS = 250;

export function size(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Counts what the runner posted per idempotency key, so a digest posted twice shows. */
export function counting(delivery: DigestDelivery, posted: Map<string, number>): DigestDelivery {
  return {
    ...delivery,
    post: async (digest) => {
      const ref = await delivery.post(digest);
      posted.set(digest.idempotencyKey, (posted.get(digest.idempotencyKey) ?? 0) + 1);
      return ref;
    },
  };
}

/** Starts the fakes' process; resolves once they listen. */
export function startFakes(creators: number, discordChannels: number): Promise<{ child: ChildProcess; fakes: DigestFakes }> {
  const setup = { creators, creatorBase: CREATOR_BASE.toString(), discordChannels, latencyMs: LATENCY_MS, postLatencyMs: size('BENCH_CHAT_POST_LATENCY_MS', POST_LATENCY_MS), apiKey: KEY };
  const child = fork(path.join(__dirname, 'digest-fakes-worker.js'), [], { env: { ...process.env, DIGEST_FAKES: JSON.stringify(setup) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, fakes: m as DigestFakes }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the fakes' process exited (${code ?? 'signal'})`)));
  });
}

export interface FakeStats {
  billed: number;
  slackPostPeak: number;
  discordPostPeak: number;
}

/** Credits the fake TikLiveAPI billed, and the most message posts each chat fake had in flight at once. */
export function stats(child: ChildProcess): Promise<FakeStats> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as FakeStats));
    child.send('billed');
  });
}

/** Saves `subscriptions` monthly digests over `creators`, half on Slack and half on Discord (one channel each). */
export async function seedSubscriptions(store: Store, fakes: DigestFakes, subscriptions: number, creators: number): Promise<void> {
  const { discordChannels, guildId } = fakes;
  const created = new Date('2026-10-15T00:00:00Z');
  for (let i = 0; i < subscriptions; i += 1) {
    const onSlack = i % 2 === 0;
    const creator = i % creators;
    await store.saveSubscription(
      {
        platform: onSlack ? 'slack' : 'discord',
        workspaceId: onSlack ? 'T0BENCH' : guildId,
        channelId: onSlack ? `C0BENCH${i}` : (discordChannels[Math.floor(i / 2)] as string),
        creatorUsername: `creator${creator}`,
        creatorUserid: (CREATOR_BASE + BigInt(creator)).toString(),
        posts: 30,
        cadence: 'monthly',
        day: 1,
        hour: 9,
        minute: 0,
        timezone: 'UTC',
        createdBy: 'bench',
      },
      created,
    );
  }
}

/** The Slack and Discord digest deliveries as the bot builds them, posting to the fakes, counting posts per key in `posted`. */
export function chatDeliveries(fakes: DigestFakes, http: ReturnType<typeof createDiscordHttp>, posted: Map<string, number>): DigestDelivery[] {
  const charts = uploadOnlyCharts(ONE_PIXEL_PNG);
  const client = new webApi.WebClient(fakes.slackBotToken, { slackApiUrl: fakes.slackApiUrl, logLevel: webApi.LogLevel.ERROR });
  // As the bot builds them: the adapter's own HTTP for Discord (undici 7 cannot send Node's FormData).
  const rest = new REST({ ...DIGEST_REST_OPTIONS, makeRequest: http.makeRequest, api: fakes.discordApiUrl }).setToken(fakes.discordToken);
  return [
    counting(createSlackDigestDelivery({ client, logger: silentLogger, charts }), posted),
    counting(createDiscordDigestDelivery({ rest, logger: silentLogger, token: fakes.discordToken, charts }), posted),
  ];
}

export async function rows(): Promise<BenchRow[]> {
  // As the bot's process does at start (app/main.ts).
  boundHeapGrowth();
  const subscriptions = size('BENCH_DIGEST_SUBSCRIPTIONS', 1000);
  const creators = size('BENCH_DIGEST_CREATORS', 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quadrants-bench-digest-http-'));
  const { child, fakes } = await startFakes(creators, Math.ceil(subscriptions / 2));
  const store = openStore(path.join(dir, 'bench.db'));
  const http = createDiscordHttp();
  try {
    await seedSubscriptions(store, fakes, subscriptions, creators);
    const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: fakes.tikliveapiUrl, requestsPerMinute: REQUESTS_PER_MINUTE });
    const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
    const posted = new Map<string, number>();
    const deliveries = chatDeliveries(fakes, http, posted);
    const base = Date.parse('2026-11-01T09:00:00Z');
    const started = Date.now();
    // What the peak is made of: V8's heap and memory outside it, sampled each second.
    const peak = { heap: 0, used: 0, external: 0 };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak.heap = Math.max(peak.heap, m.heapTotal);
      peak.used = Math.max(peak.used, m.heapUsed);
      peak.external = Math.max(peak.external, m.external);
    }, 1000);
    const summary = await runDueDigests({ store, service, deliveries, logger: silentLogger, now: () => new Date(base + (Date.now() - started)) });
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const duplicates = [...posted.values()].reduce((n, c) => n + c - 1, 0);
    const fake = await stats(child);
    const credits = fake.billed;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const label = `digest over HTTP chat fakes: ${subscriptions} subscriptions / ${creators} creators, SQLite`;
    const floor = (creators / REQUESTS_PER_MINUTE) * 60;
    return [
      { row: `${label}, seconds`, measured: `${seconds.toFixed(1)} s (${summary.posted} posted; posts in flight at most ${fake.slackPostPeak} Slack, ${fake.discordPostPeak} Discord)`, target: `<= ${(floor * 1.1).toFixed(0)} s`, ok: seconds <= floor * 1.1 && summary.posted === subscriptions },
      { row: `${label}, credits`, measured: String(credits), target: String(creators), ok: credits === creators },
      { row: `${label}, duplicates`, measured: String(duplicates), target: '0', ok: duplicates === 0 },
      { row: `${label}, peak RSS`, measured: `${peakMb.toFixed(0)} MB (V8 heap ${(peak.heap / 2 ** 20).toFixed(0)} MB, ${(peak.used / 2 ** 20).toFixed(0)} MB of it in use, external ${(peak.external / 2 ** 20).toFixed(0)} MB)`, target: '<= 200 MB', ok: peakMb <= 200 },
      { row: `${label}, load average (1/5/15 min, ${os.cpus().length} cores)`, measured: load, target: 'informational', ok: true },
    ];
  } finally {
    await store.close();
    await http.close();
    child.removeAllListeners('exit');
    child.send('close');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
