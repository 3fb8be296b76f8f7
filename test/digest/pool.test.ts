/**
 * The delivery pool: digests for different channels go out side by side (never more than the pool
 * at once), each channel's digests one after another in order, and a creator's digests as soon as
 * its data is in. Real Slack WebClient and discord.js REST against the fakes over HTTP, each
 * message post held for a moment (post latency), the fake TikLiveAPI behind the real source.
 */
import { webApi } from '@slack/bolt';
import { REST } from 'discord.js';
import { createDiscordDigestDelivery } from '../../adapters/discord/digest';
import { createDiscordHttp, DIGEST_REST_OPTIONS, type DiscordHttp } from '../../adapters/discord/http';
import { createSlackDigestDelivery, DIGEST_EVENT_TYPE } from '../../adapters/slack/digest';
import { runDueDigests, type DigestDelivery, type RunSummary } from '../../src/digest';
import { silentLogger } from '../../src/log';
import { createQuadrantsService } from '../../src/service';
import type { Store, Subscription } from '../../src/store/types';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import { uploadOnlyCharts } from '../fakes/chart-tools';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';
import { addSub, removeDir, storeIn, tempDir, virtualClock, type VirtualClock } from './helpers';

const CREATED = '2026-10-15T12:00:00Z';
const DUE = '2026-11-01T09:00:00Z';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const POOL = 4;
const CHANNELS = 4;
/** Three creators; every channel subscribes to all three, so each channel gets three digests. */
const CREATORS = ['alpha', 'bravo', 'charlie'].map((username, i) => ({ username, userid: `710000000000000000${i + 1}` }));

let dir: string;
let store: Store;
let clock: VirtualClock;
let api: FakeTikLiveApi;
let slack: FakeSlack;
let discord: FakeDiscord;
let deliveries: DigestDelivery[];
let discordChannels: string[];
let http: DiscordHttp;
/** Subscription id → creator username, to tell whose digest a message is. */
const creatorOf = new Map<number, string>();

beforeEach(async () => {
  dir = tempDir('quadrants-pool-');
  store = storeIn(dir);
  clock = virtualClock(DUE);
  api = await startFakeTikLiveApi();
  for (const c of CREATORS) api.addCreator({ ...c, videos: rawVideos(30) });
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  slack.useClock(() => clock.now().getTime());
  discord.useClock(() => clock.now().getTime());
  // Every post waits a little before it lands, so deliveries that run side by side overlap at the fake.
  slack.posts.latencyMs = 25;
  discord.posts.latencyMs = 25;
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logLevel: webApi.LogLevel.ERROR });
  // As the bot builds it: the adapter's own HTTP (undici 7 cannot send Node's built-in FormData).
  http = createDiscordHttp();
  const rest = new REST({ ...DIGEST_REST_OPTIONS, makeRequest: http.makeRequest, api: discord.apiUrl }).setToken(discord.token);
  deliveries = [
    createSlackDigestDelivery({ client, logger: silentLogger, charts: uploadOnlyCharts(PNG), chartRetry: { sleep: async () => undefined } }),
    createDiscordDigestDelivery({ rest, logger: silentLogger, token: discord.token, charts: uploadOnlyCharts(PNG) }),
  ];
  discordChannels = Array.from({ length: CHANNELS }, () => discord.addChannel());
  creatorOf.clear();
  for (const c of CREATORS) {
    for (let i = 0; i < CHANNELS; i += 1) {
      const base = { creatorUsername: c.username, creatorUserid: c.userid };
      const s = await addSub(store, CREATED, { ...base, workspaceId: slack.teamId, channelId: `C0POOL${i}` });
      const d = await addSub(store, CREATED, { ...base, platform: 'discord', workspaceId: discord.guildId, channelId: discordChannels[i] as string });
      creatorOf.set(s.id, c.username).set(d.id, c.username);
    }
  }
});

afterEach(async () => {
  await store.close();
  await Promise.all([slack.close(), discord.close(), api.close(), http.close()]);
  removeDir(dir);
});

function run(pool = POOL): Promise<RunSummary> {
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, requestsPerMinute: 6000 });
  const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
  return runDueDigests({ store, service, deliveries, deliveryConcurrency: pool, now: clock.now, sleep: clock.sleep, logger: silentLogger });
}

const keyOwner = (key: unknown): string => creatorOf.get(Number(/^qd-(\d+)-/.exec(String(key))?.[1])) ?? '?';

/** A Slack channel as a person scrolls it: each digest, then the reply in its thread, in the order they landed. */
function slackChannel(channel: string): string[] {
  const mains = new Map<string, string>();
  const seen: string[] = [];
  for (const m of slack.messages) {
    const meta = m.metadata as { event_type?: string; event_payload?: { key?: string } } | undefined;
    if (m.channel === channel && !m.thread_ts && meta?.event_type === DIGEST_EVENT_TYPE) {
      const who = keyOwner(meta.event_payload?.key);
      mains.set(m.ts, who);
      seen.push(`${who} digest`);
    } else if (m.thread_ts && mains.has(m.thread_ts)) {
      seen.push(`${mains.get(m.thread_ts) ?? '?'} thread`);
    }
  }
  return seen;
}

/** The Discord channel's digests in the order they were posted, and whether each has its thread. */
function discordChannel(channel: string): string[] {
  return discord
    .visibleMessages(channel)
    .filter((m) => m.nonce)
    .map((m) => `${keyOwner(m.nonce)} digest${m.thread ? ' + thread' : ''}`);
}

const slackDigests = () => slack.messages.filter((m) => !m.thread_ts && (m.metadata as { event_type?: string } | undefined)?.event_type === DIGEST_EVENT_TYPE);

test('digests for different channels post side by side within the pool; each channel gets its digests in order, threads included', async () => {
  // Creators come in one after another: bravo's data only once alpha's digests are on their way, and so on.
  const releaseBravo = api.hold(CREATORS[1]?.userid as string);
  const releaseCharlie = api.hold(CREATORS[2]?.userid as string);
  // Long enough that alpha's thread replies are still on their way when bravo's digests are ready.
  slack.posts.latencyMs = 150;
  discord.posts.latencyMs = 150;
  const pass = run();
  await slack.waitFor(() => slackDigests().some((m) => m.channel.startsWith('C0POOL')), 'a first digest', 20_000);
  releaseBravo();
  await slack.waitFor(() => slackDigests().length > CHANNELS, 'a bravo digest', 20_000);
  releaseCharlie();
  const summary = await pass;

  expect(summary.posted).toBe(2 * CHANNELS * CREATORS.length);
  expect(summary.retryLater + summary.abandoned + summary.busy).toBe(0);
  // Overlapping posts at each platform, never more than the pool.
  expect(slack.posts.peak).toBeGreaterThan(1);
  expect(slack.posts.peak).toBeLessThanOrEqual(POOL);
  expect(discord.posts.peak).toBeGreaterThan(1);
  expect(discord.posts.peak).toBeLessThanOrEqual(POOL);
  expect(slack.posts.peak + discord.posts.peak).toBeGreaterThan(2);
  for (let i = 0; i < CHANNELS; i += 1) {
    expect(slackChannel(`C0POOL${i}`)).toEqual(['alpha digest', 'alpha thread', 'bravo digest', 'bravo thread', 'charlie digest', 'charlie thread']);
    expect(discordChannel(discordChannels[i] as string)).toEqual(['alpha digest + thread', 'bravo digest + thread', 'charlie digest + thread']);
  }
});

test("a creator's digests go out while another creator's fetch is still unanswered", async () => {
  const bravo = CREATORS[1]?.userid as string;
  const releaseBravo = api.hold(bravo);
  const pass = run();
  try {
    // Every alpha and charlie digest is in its channel, thread and all, while bravo's answer is held.
    await slack.waitFor(() => CREATORS.filter((c) => c.username !== 'bravo').every((c) => slackDigests().filter((m) => keyOwner((m.metadata as { event_payload?: { key?: string } }).event_payload?.key) === c.username).length === CHANNELS), 'alpha and charlie digests', 20_000);
    await discord.waitForCall(() => discordChannels.every((ch) => discordChannel(ch).filter((d) => d.endsWith('+ thread')).length === 2), 20_000);
    expect(api.requests.filter((r) => r.endpoint === 'user-posts' && r.query.userid === bravo)).toHaveLength(1);
    expect(api.load.inFlight).toBe(1);
    expect(slackDigests().filter((m) => keyOwner((m.metadata as { event_payload?: { key?: string } }).event_payload?.key) === 'bravo')).toHaveLength(0);
  } finally {
    releaseBravo();
  }
  const summary = await pass;
  expect(summary.posted).toBe(2 * CHANNELS * CREATORS.length);
  for (let i = 0; i < CHANNELS; i += 1) expect(slackChannel(`C0POOL${i}`).slice(-2)).toEqual(['bravo digest', 'bravo thread']);
});

test('the pool, not a per-platform cap, bounds how many Slack digests are posted at once', async () => {
  // Sixteen more Slack channels, each in its own workspace (so only the pool and each channel's
  // pacing apply), with a pool larger than the four per platform the runner used to allow.
  const pool = 8;
  const extra: Subscription[] = [];
  for (let i = 0; i < 16; i += 1) {
    extra.push(await addSub(store, CREATED, { workspaceId: `T0WIDE${i}`, channelId: `C0WIDE${i}`, creatorUsername: 'alpha', creatorUserid: CREATORS[0]?.userid as string }));
  }
  slack.posts.latencyMs = 150;
  const summary = await run(pool);
  expect(summary.posted).toBe(2 * CHANNELS * CREATORS.length + extra.length);
  expect(slack.posts.peak).toBeGreaterThan(4);
  expect(slack.posts.peak).toBeLessThanOrEqual(pool);
});

test("a 429's Retry-After is waited out in the channel's lane: other channels go on, the channel's next digest waits its turn", async () => {
  const releaseBravo = api.hold(CREATORS[1]?.userid as string);
  const releaseCharlie = api.hold(CREATORS[2]?.userid as string);
  let limitedAt = 0;
  // Alpha's digest in C0POOL0 is answered 429 with Retry-After: 30 (s), once.
  slack.failWhen(
    'chat.postMessage',
    (body) => {
      const hit = body.channel === 'C0POOL0' && !body.thread_ts;
      if (hit) limitedAt = clock.now().getTime();
      return hit;
    },
    { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '30' } },
    1,
  );
  // The Retry-After wait ends only once bravo's and charlie's digests are out elsewhere, so theirs
  // for C0POOL0 are ready while alpha's is still waiting there.
  let bravoOut!: () => void;
  const bravoElsewhere = new Promise<void>((resolve) => (bravoOut = resolve));
  const sleep = (ms: number) => (ms >= 30_000 ? bravoElsewhere.then(() => clock.sleep(ms)) : clock.sleep(ms));
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, requestsPerMinute: 6000 });
  const service = createQuadrantsService({ source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
  const pass = runDueDigests({ store, service, deliveries, deliveryConcurrency: POOL, now: clock.now, sleep, logger: silentLogger });
  await slack.waitFor(() => limitedAt > 0, 'the 429', 20_000);
  releaseBravo();
  await slack.waitFor(() => slackChannel('C0POOL1').includes('bravo thread'), 'bravo in another channel', 20_000);
  releaseCharlie();
  await slack.waitFor(() => slackChannel('C0POOL1').includes('charlie thread'), 'charlie in another channel', 20_000);
  bravoOut();
  const summary = await pass;

  expect(summary.posted).toBe(2 * CHANNELS * CREATORS.length);
  expect(slackChannel('C0POOL0')).toEqual(['alpha digest', 'alpha thread', 'bravo digest', 'bravo thread', 'charlie digest', 'charlie thread']);
  // Posted again no sooner than Slack asked (the message's ts follows the run's clock).
  const alpha = slackDigests().find((m) => m.channel === 'C0POOL0' && keyOwner((m.metadata as { event_payload?: { key?: string } }).event_payload?.key) === 'alpha');
  expect(Number(alpha?.ts) * 1000).toBeGreaterThanOrEqual(limitedAt + 30_000);
});
