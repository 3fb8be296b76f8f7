/**
 * Discord digests under faults: discord.js REST (as the CLI builds it, with its default retries
 * and timeout) against the fake Discord, a real SQLite store and a virtual clock. A silent server,
 * a busy channel, a member's look-alike footer, the breakdown thread and PNG chart, a crash
 * before the thread, and a rejected token.
 */
import { uploadOnlyCharts } from '../fakes/chart-tools';
import { REST } from 'discord.js';
import { createDiscordDigestDelivery, digestMessage } from '../../adapters/discord/digest';
import { digestList, idempotencyKey, runDueDigests, type DigestDelivery } from '../../src/digest';
import { silentLogger } from '../../src/log';
import type { Store, Subscription } from '../../src/store/types';
import { never } from '../fakes/digest-delivery';
import { createDigestService, syntheticPosts } from '../fakes/digest-service';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../fakes/discord';
import { addSub, removeDir, storeIn, tempDir, until, virtualClock, type VirtualClock } from './helpers';

const CREATED = '2026-10-15T12:00:00Z';
const DUE = '2026-11-01T09:00:00Z';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let dir: string;
let store: Store;
let discord: FakeDiscord;
let clock: VirtualClock;
let rest: REST;
let delivery: DigestDelivery;
let channel: string;
const service = createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: syntheticPosts(1, 30, 1_790_000_000) }] });

beforeEach(async () => {
  dir = tempDir('quadrants-discord-faults-');
  store = storeIn(dir);
  discord = await startFakeDiscord();
  clock = virtualClock(DUE);
  discord.useClock(() => clock.now().getTime());
  channel = discord.addChannel();
  rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  delivery = createDiscordDigestDelivery({ rest, logger: silentLogger, timeoutMs: 500, token: discord.token, charts: uploadOnlyCharts(PNG) });
});

afterEach(async () => {
  await store.close();
  await discord.close();
  removeDir(dir);
});

const run = (deliveries: DigestDelivery[] = [delivery]) =>
  runDueDigests({ store, service, deliveries, now: clock.now, sleep: clock.sleep, logger: silentLogger, leaseMs: 5 * 60_000 });
const subscribe = (overrides: Partial<Subscription> = {}) =>
  addSub(store, CREATED, { platform: 'discord', workspaceId: discord.guildId, channelId: channel, ...overrides });
const digests = (): StoredMessage[] => discord.visibleMessages(channel).filter((m) => m.nonce);
const digestPosts = () => discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages`);

function crashingAt(before: (key: string, sub: Subscription) => Promise<void>): DigestDelivery {
  return { ...delivery, post: async (d) => { await before(d.idempotencyKey, d.subscription); return never<string>(); } };
}

test('a post whose answer never comes times out, and the runner finds it instead of posting again', async () => {
  const sub = await subscribe();
  discord.fail({ method: 'POST', path: new RegExp(`^/channels/${channel}/messages$`) }, { status: 200, lost: 'silence', times: 1 });
  const summary = await run();
  expect(summary).toMatchObject({ recovered: 1, posted: 0 });
  expect(digests()).toHaveLength(1);
  expect((await store.getRun(sub.id, '2026-11'))?.state).toBe('posted');
});

test('after a crash, a channel busy before and after the digest still hides nothing', async () => {
  await subscribe();
  const chatter = (n: number) => {
    for (let i = 0; i < n; i += 1) discord.addMessage(channel, { content: `chatter ${i}` });
  };
  // 250 messages between the claim and the post, and 250 after it: the digest sits on page 3.
  void run([crashingAt(async (_key, sub) => { chatter(250); await delivery.post(await digestOf(sub)); })]);
  await until(() => digests().length === 1, 'the digest to land');
  clock.advance(60_000);
  chatter(250);
  clock.advance(10 * 60_000);
  const restart = await run();
  expect(restart).toMatchObject({ recovered: 1, posted: 0 });
  expect(digestPosts()).toHaveLength(1);
  const pages = discord.calls.filter((c) => c.method === 'GET' && c.path === `/channels/${channel}/messages` && c.query['after']);
  expect(pages.length).toBeGreaterThanOrEqual(3);
  expect(pages.every((c) => c.query['limit'] === '100')).toBe(true);
});

test("a member's message ending with the digest's marker does not count as posted", async () => {
  const sub = await subscribe();
  discord.addMessage(channel, { content: `nice try ref ${idempotencyKey(sub.id, '2026-11')}`, nonce: idempotencyKey(sub.id, '2026-11') });
  const summary = await run();
  expect(summary).toMatchObject({ posted: 1, recovered: 0 });
  expect(digestPosts()).toHaveLength(1);
});

test('a digest gets the breakdown thread, and the chart as a PNG when its URL is too long', async () => {
  await subscribe();
  expect((await run()).posted).toBe(1);
  const post = digestPosts()[0];
  expect(post?.files.map((f) => f.filename)).toEqual(['quadrants.png']);
  expect(post?.body.embeds[0].image).toEqual({ url: 'attachment://quadrants.png' });
  const main = digests()[0];
  expect(main?.thread).toBeTruthy();
  const thread = discord.visibleMessages(main?.thread as string);
  expect(thread.length).toBeGreaterThan(0);
  expect(thread[0]?.content).toContain('Per-post breakdown');
});

test('a digest recovered after a crash gets the thread the crash left out, once', async () => {
  const sub = await subscribe();
  void run([crashingAt(async () => { await rest.post(`/channels/${channel}/messages`, { body: (await digestMessage(await digestOf(sub), silentLogger)).body }); })]);
  await until(() => digests().length === 1, 'the main message');
  expect(digests()[0]?.thread).toBeNull();
  clock.advance(10 * 60_000);
  expect((await run()).recovered).toBe(1);
  const main = digests()[0] as StoredMessage;
  expect(main.thread).toBeTruthy();
  const count = discord.visibleMessages(main.thread as string).length;
  expect(count).toBeGreaterThan(0);
  await delivery.complete?.(await digestOf(sub), main.id);
  expect(discord.visibleMessages(main.thread as string)).toHaveLength(count);
});

test('a 401 pauses every Discord delivery without disabling, and they resume once the token works', async () => {
  const a = await subscribe();
  const other = discord.addChannel();
  await subscribe({ channelId: other, creatorUsername: 'alice2' });
  discord.fail({ method: 'GET', path: /^\/users\/@me$/ }, { status: 401, body: { message: '401: Unauthorized', code: 0 }, times: 1 });
  const first = await run();
  expect(first).toMatchObject({ paused: 2, posted: 0, disabled: [] });
  expect(first.pausedScopes).toEqual([{ scope: 'discord', reason: 'Discord rejected the bot token' }]);
  expect(await store.listSubscriptions({ status: 'disabled' })).toHaveLength(0);
  expect(await digestList({ store, now: clock.now() })).toContain('PAUSED: Discord rejected the bot token');
  clock.advance(5 * 60_000);
  expect(await run()).toMatchObject({ posted: 2, paused: 0 });
  expect(await store.getRun(a.id, '2026-11')).toMatchObject({ state: 'posted', attempts: 1 });
});

async function digestOf(sub: Subscription) {
  const report = await service.reportFor({ username: sub.creatorUsername, userid: sub.creatorUserid }, sub.posts);
  return {
    subscription: sub,
    period: '2026-11',
    report,
    drift: null,
    noNewPosts: false,
    idempotencyKey: idempotencyKey(sub.id, '2026-11'),
    nextRunAt: '2026-12-01T09:00:00.000Z',
    timezone: 'UTC',
  };
}
