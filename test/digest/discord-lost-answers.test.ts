/**
 * A Discord digest POST whose answer is an error although the message landed: the digest REST
 * client must not send it again by itself (discord.js retries a 5xx by default), so the runner's
 * look-up decides. The fake Discord here does not answer a repeated nonce with the first message
 * (real Discord does so only for a few minutes), so a second POST would show as a second copy.
 */
import { REST } from 'discord.js';
import { createDiscordAdapter } from '../../adapters/discord/client';
import { createDiscordDigestDelivery } from '../../adapters/discord/digest';
import { runDueDigests, type DigestDelivery } from '../../src/digest';
import { silentLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import type { Store } from '../../src/store/types';
import { uploadOnlyCharts } from '../fakes/chart-tools';
import { createDigestService, syntheticPosts } from '../fakes/digest-service';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord';
import { demoService } from '../discord/store-world';
import { addSub, removeDir, storeIn, tempDir, virtualClock, type VirtualClock } from './helpers';

const CREATED = '2026-10-15T12:00:00Z';
const DUE = '2026-11-01T09:00:00Z';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const service = createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: syntheticPosts(1, 30, 1_790_000_000) }] });

let dir: string;
let store: Store;
let discord: FakeDiscord;
let clock: VirtualClock;
let channel: string;

beforeEach(async () => {
  dir = tempDir('quadrants-discord-lost-');
  store = storeIn(dir);
  discord = await startFakeDiscord({ enforceNonce: false });
  clock = virtualClock(DUE);
  discord.useClock(() => clock.now().getTime());
  channel = discord.addChannel();
  await addSub(store, CREATED, { platform: 'discord', workspaceId: discord.guildId, channelId: channel });
});

afterEach(async () => {
  await store.close();
  await discord.close();
  removeDir(dir);
});

const run = (delivery: DigestDelivery) =>
  runDueDigests({ store, service, deliveries: [delivery], now: clock.now, sleep: clock.sleep, logger: silentLogger, leaseMs: 5 * 60_000 });
/** The digests a member sees in the channel. */
const digestsSeen = () => discord.visibleMessages(channel).filter((m) => m.author === undefined || m.author['id'] === discord.botUserId);
const digestPosts = () => discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages`);
const landsButAnswers500 = () =>
  discord.fail({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`) }, { status: 500, lost: 'status', times: 1, body: { message: 'Internal Server Error', code: 0 } });

test('a digest POST that lands but is answered 500 is not re-sent by the REST client: one copy, found by the look-up', async () => {
  // Built as a caller would, with discord.js's default retries: the delivery must not use them.
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const delivery = createDiscordDigestDelivery({ rest, logger: silentLogger, timeoutMs: 2000, token: discord.token, charts: uploadOnlyCharts(PNG) });
  landsButAnswers500();
  const summary = await run(delivery);
  expect(digestsSeen()).toHaveLength(1);
  expect(digestPosts()).toHaveLength(1);
  // The runner's own retry looked the digest up and found it instead of posting again.
  expect(summary).toMatchObject({ recovered: 1, posted: 0 });
  const seen = digestsSeen()[0];
  expect(JSON.stringify(seen?.embeds)).toContain('@alice');
  expect(seen?.thread).toBeTruthy();
});

test("the adapter's digest delivery does not retry either, while its interactive client keeps discord.js's retries", async () => {
  const adapter = createDiscordAdapter({
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    service: demoService,
    limiter: new CommandRateLimiter({ perUserPerMinute: 10, perTeamPerMinute: 10 }),
    logger: silentLogger,
  });
  try {
    landsButAnswers500();
    const summary = await run(adapter.digestDelivery);
    expect(digestsSeen()).toHaveLength(1);
    expect(digestPosts()).toHaveLength(1);
    expect(summary).toMatchObject({ recovered: 1, posted: 0 });
    expect(adapter.client.rest.options.retries).toBeGreaterThan(0);
  } finally {
    await adapter.stop();
  }
});

test('a 429 is still waited out and sent again by the REST client (it did not land): one copy, posted first time', async () => {
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const delivery = createDiscordDigestDelivery({ rest, logger: silentLogger, timeoutMs: 5000, token: discord.token, charts: uploadOnlyCharts(PNG) });
  discord.fail(
    { method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`) },
    { status: 429, times: 1, headers: { 'retry-after': '0.05' }, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false } },
  );
  const summary = await run(delivery);
  expect(summary).toMatchObject({ posted: 1, recovered: 0 });
  expect(digestPosts().map((c) => c.status)).toEqual([429, 200]);
  expect(digestsSeen()).toHaveLength(1);
});
