/**
 * Buttons bench: a burst of 200 clicks of "Refresh" under one report, on each platform, with the
 * real adapters (Bolt over Socket Mode; discord.js) against the fakes on 127.0.0.1, and the real
 * service and source against the fake TikLiveAPI (50 ms a request), as in the command benches.
 *  - slack: block_actions envelope sent → ack received (target p99 < 100 ms; Slack allows 3 s);
 *  - discord: INTERACTION_CREATE (type 3) sent → deferUpdate received (target p99 < 100 ms).
 * Every fake runs in a process of its own, as in the command benches, so its side of the work does
 * not share the bot's process.
 */
import { createDiscordAdapter } from '../adapters/discord/client';
import { createSlackAdapter } from '../adapters/slack/app';
import { encodeTarget } from '../src/chat/buttons';
import { createTikLiveApiSource } from '../src/tikliveapi/source';
import { silentLogger } from '../src/log';
import { CommandRateLimiter } from '../src/ratelimit';
import { createQuadrantsService, type QuadrantsService } from '../src/service';
import { startBenchDiscord } from './discord';
import { startBenchSlack } from './slack';
import { startBenchUpstream } from './upstream-fake-worker';
import { ms, type BenchRow } from './table';

const BURST = 200;
const limiter = () => new CommandRateLimiter({ perUserPerMinute: 1_000_000, perTeamPerMinute: 1_000_000 });
/** The upstream, as in the command benches: the real source, no cache, the fake TikLiveAPI (its own process) at 50 ms a request. */
async function upstream(): Promise<{ service: QuadrantsService; close(): Promise<void> }> {
  const api = await startBenchUpstream({ latencyMs: 50, creators: [{ username: 'mossy.kitchen', userid: '6912345678901234567', posts: 35 }] });
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.tikliveapiUrl, cacheTtlMs: 0, burst: 100_000, requestsPerMinute: 10_000_000, retryBaseMs: 1 });
  // Charts go by link (no PNG is drawn): the bench measures the click path, not the chart renderer.
  const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true, chartDelivery: { mode: 'auto', quickchartPublic: true }, logger: silentLogger });
  return {
    service,
    async close() {
      await source.close();
      await api.close();
    },
  };
}

function percentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

function pair(platform: string, acks: number[]): BenchRow[] {
  const p99 = percentile(acks, 0.99);
  return [
    { row: `buttons: ${platform} click ack p50, burst of ${acks.length}`, measured: ms(percentile(acks, 0.5)), target: 'informational', ok: true },
    { row: `buttons: ${platform} click ack p99, burst of ${acks.length}`, measured: ms(p99), target: '< 100 ms', ok: p99 < 100 },
  ];
}

async function slackRows(): Promise<BenchRow[]> {
  // The fake Slack runs in a process of its own (as in the command bench): acks are timed on its own clock.
  const slack = await startBenchSlack();
  const up = await upstream();
  const adapter = createSlackAdapter({ botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl, service: up.service, limiter: limiter(), logger: silentLogger, retryConfig: { retries: 0 } });
  try {
    await adapter.start();
    // The fake's workspace id, as its payloads carry it.
    const value = encodeTarget('T0FAKE', { command: 'report', creator: '@mossy.kitchen', posts: 10 });
    // Warm-up: JIT and Bolt's lazy set-up are not the click path's cost.
    await slack.clicks(20, 'quadrants:refresh', value);
    await slack.waitThreadPosts(40);
    const acks = await slack.clicks(BURST, 'quadrants:refresh', value);
    // Every click's result is posted before the servers close (card and breakdown each).
    await slack.waitThreadPosts(40 + 2 * BURST);
    return pair('slack', acks);
  } finally {
    await adapter.stop();
    await slack.close();
    await up.close();
  }
}

async function discordRows(): Promise<BenchRow[]> {
  // The fake Discord runs in a process of its own when compiled (npm run bench), as in the Discord bench.
  const discord = await startBenchDiscord();
  const up = await upstream();
  const adapter = createDiscordAdapter({ token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, service: up.service, limiter: limiter(), logger: silentLogger });
  try {
    await adapter.start();
    // The report whose buttons are clicked.
    const report = await discord.burst([{ subcommand: 'report', options: { creator: '@mossy.kitchen', posts: 10 } }]);
    await discord.latencies(report, { method: 'PATCH' });
    const messageId = String(await discord.messageOf(String(report[0])));
    const customId = `quadrants:refresh|${encodeTarget(discord.guildId, { command: 'report', creator: '@mossy.kitchen', posts: 10 })}`;
    const clicks = async (n: number) => discord.latencies(await discord.burst(Array.from({ length: n }, () => ({ subcommand: 'report', component: { customId, messageId } }))), { pathEndsWith: '/callback' });
    await clicks(20);
    await adapter.whenIdle();
    const acks = await clicks(BURST);
    await adapter.whenIdle();
    return pair('discord', acks);
  } finally {
    await adapter.stop();
    await discord.close();
    await up.close();
  }
}

export async function rows(): Promise<BenchRow[]> {
  return [...(await slackRows()), ...(await discordRows())];
}
