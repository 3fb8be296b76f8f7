/**
 * Digest bench with the chat fakes over HTTP: 1,000 subscriptions over 200 creators on one process
 * (SQLite), the real TikLiveAPI client at 200 requests/min against the fake TikLiveAPI answering
 * in 750 ms, and the real Slack and Discord digest deliveries posting to the fakes (each in a
 * worker thread when compiled, as with `npm run bench`), charts uploaded as PNGs. Prints seconds,
 * credits, duplicates (a digest the runner posted twice), peak RSS and the load average.
 *
 * For a quick run: BENCH_DIGEST_SUBSCRIPTIONS and BENCH_DIGEST_CREATORS shrink it (same ratio keeps
 * the upstream floor: creators / 200 per minute).
 */
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
import { createQuadrantsService } from '../src/service';
import { openStore } from '../src/store';
import { createTikLiveApiSource } from '../src/tikliveapi/source';
import { uploadOnlyCharts } from '../test/fakes/chart-tools';
import { ONE_PIXEL_PNG } from '../test/fakes/quickchart';
import { rawVideos, startFakeTikLiveApi } from '../test/fakes/tikliveapi';
import { startBenchDiscord } from './discord';
import { startBenchSlack } from './slack';
import type { BenchRow } from './table';

const KEY = 'bench-digest-http-key-01';
const CREATOR_BASE = 7_300_000_000_000_000_000n;
const REQUESTS_PER_MINUTE = 200;
const LATENCY_MS = 750;

function size(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

/** Counts what the runner posted per idempotency key, so a digest posted twice shows. */
function counting(delivery: DigestDelivery, posted: Map<string, number>): DigestDelivery {
  return {
    ...delivery,
    post: async (digest) => {
      const ref = await delivery.post(digest);
      posted.set(digest.idempotencyKey, (posted.get(digest.idempotencyKey) ?? 0) + 1);
      return ref;
    },
  };
}

export async function rows(): Promise<BenchRow[]> {
  const subscriptions = size('BENCH_DIGEST_SUBSCRIPTIONS', 1000);
  const creators = size('BENCH_DIGEST_CREATORS', 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quadrants-bench-digest-http-'));
  const api = await startFakeTikLiveApi({ apiKey: KEY, latencyMs: LATENCY_MS });
  for (let c = 0; c < creators; c += 1) api.addCreator({ username: `creator${c}`, userid: (CREATOR_BASE + BigInt(c)).toString(), videos: rawVideos(30) });
  const slack = await startBenchSlack();
  const discord = await startBenchDiscord();
  const store = openStore(path.join(dir, 'bench.db'));
  const http = createDiscordHttp();
  try {
    const discordChannels = await discord.addChannels(Math.ceil(subscriptions / 2));
    const created = new Date('2026-10-15T00:00:00Z');
    for (let i = 0; i < subscriptions; i += 1) {
      const onSlack = i % 2 === 0;
      const creator = i % creators;
      await store.saveSubscription(
        {
          platform: onSlack ? 'slack' : 'discord',
          workspaceId: onSlack ? 'T0BENCH' : discord.guildId,
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
    const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, requestsPerMinute: REQUESTS_PER_MINUTE });
    const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
    const charts = uploadOnlyCharts(ONE_PIXEL_PNG);
    const posted = new Map<string, number>();
    const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR });
    // As the bot builds them: the adapter's own HTTP for Discord (undici 7 cannot send Node's FormData).
    const rest = new REST({ ...DIGEST_REST_OPTIONS, makeRequest: http.makeRequest, api: discord.apiUrl }).setToken(discord.token);
    const deliveries = [
      counting(createSlackDigestDelivery({ client, logger: silentLogger, charts }), posted),
      counting(createDiscordDigestDelivery({ rest, logger: silentLogger, token: discord.token, charts }), posted),
    ];
    const base = Date.parse('2026-11-01T09:00:00Z');
    const started = Date.now();
    const summary = await runDueDigests({ store, service, deliveries, logger: silentLogger, now: () => new Date(base + (Date.now() - started)) });
    const seconds = (Date.now() - started) / 1000;
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const duplicates = [...posted.values()].reduce((n, c) => n + c - 1, 0);
    const credits = api.billed();
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const label = `digest over HTTP chat fakes: ${subscriptions} subscriptions / ${creators} creators, SQLite`;
    const floor = (creators / REQUESTS_PER_MINUTE) * 60;
    return [
      { row: `${label}, seconds`, measured: `${seconds.toFixed(1)} s (${summary.posted} posted)`, target: `<= ${(floor * 1.1).toFixed(0)} s`, ok: seconds <= floor * 1.1 && summary.posted === subscriptions },
      { row: `${label}, credits`, measured: String(credits), target: String(creators), ok: credits === creators },
      { row: `${label}, duplicates`, measured: String(duplicates), target: '0', ok: duplicates === 0 },
      { row: `${label}, peak RSS`, measured: `${peakMb.toFixed(0)} MB`, target: '<= 200 MB', ok: peakMb <= 200 },
      { row: `${label}, load average (1/5/15 min, ${os.cpus().length} cores)`, measured: load, target: 'informational', ok: true },
    ];
  } finally {
    await store.close();
    await Promise.all([slack.close(), discord.close(), api.close(), http.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
