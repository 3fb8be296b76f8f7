import { runDueDigests, type RunDueOptions } from '../../src/digest/runner';
import { DeliveryError } from '../../src/digest/types';
import { QuadrantsError } from '../../src/errors';
import type { Store } from '../../src/store/types';
import { createRecordingDelivery, type RecordingDeliveryOptions } from '../fakes/digest-delivery';
import { createDigestService, syntheticPosts, type DigestServiceOptions } from '../fakes/digest-service';
import { DECEMBER, NOVEMBER } from './fixtures';
import { addSub, removeDir, storeIn, tempDir, virtualClock } from './helpers';

const CREATED = '2026-10-15T12:00:00Z';
const NOV_DUE = '2026-11-01T09:00:00Z';
const DEC_DUE = '2026-12-01T09:00:00Z';

let dir: string;
let stores: Store[];
beforeEach(() => {
  dir = tempDir();
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  removeDir(dir);
});

function open(): Store {
  const s = storeIn(dir);
  stores.push(s);
  return s;
}

function world(options: { service?: Partial<DigestServiceOptions>; slack?: RecordingDeliveryOptions; start?: string } = {}) {
  const store = open();
  const service = createDigestService({
    creators: [
      { username: 'alice', userid: '1001', posts: NOVEMBER },
      { username: 'bob', userid: '1002', posts: syntheticPosts(2, 40, 1_790_000_000) },
      { username: 'carol', userid: '1003', posts: syntheticPosts(3, 40, 1_790_000_000) },
    ],
    ...options.service,
  });
  const slack = createRecordingDelivery('slack', options.slack);
  const discord = createRecordingDelivery('discord');
  const clock = virtualClock(options.start ?? NOV_DUE);
  const run = (extra: Partial<RunDueOptions> = {}) =>
    runDueDigests({ store, service, deliveries: { slack, discord }, now: clock.now, sleep: clock.sleep, ...extra });
  return { store, service, slack, discord, clock, run };
}

test('posts each due digest once; a second run posts nothing', async () => {
  const w = world();
  const a = await addSub(w.store, CREATED);
  const b = await addSub(w.store, CREATED, { platform: 'discord', workspaceId: 'G1', channelId: '900', creatorUserid: '1002', creatorUsername: 'bob' });
  const first = await w.run();
  expect(first).toMatchObject({ due: 2, posted: 2, retryLater: 0, creatorsFetched: 2, credits: 2 });
  expect(w.slack.posts.map((p) => [p.subscriptionId, p.period, p.key])).toEqual([[a.id, '2026-11', `qd-${a.id}-2026-11`]]);
  expect(w.discord.posts.map((p) => p.subscriptionId)).toEqual([b.id]);
  const digest = w.slack.posts[0]!.digest;
  expect(digest).toMatchObject({ noNewPosts: false, drift: null, timezone: 'UTC', nextRunAt: '2026-12-01T09:00:00.000Z' });
  expect(digest.report?.creator.userid).toBe('1001');
  expect(await w.store.getRun(a.id, '2026-11')).toMatchObject({ state: 'posted', attempts: 1, messageRef: w.slack.posts[0]!.ref });

  w.clock.advance(60_000);
  const second = await w.run();
  expect(second.due).toBe(0);
  expect(w.slack.posts).toHaveLength(1);
  expect(w.discord.posts).toHaveLength(1);
});

test('a creator shared by many subscriptions is fetched once per run', async () => {
  const w = world();
  for (let i = 0; i < 5; i += 1) await addSub(w.store, CREATED, { channelId: `C${i}` });
  await addSub(w.store, CREATED, { platform: 'discord', workspaceId: 'G1', channelId: '901' });
  const summary = await w.run();
  expect(summary.posted).toBe(6);
  expect(w.service.calls.get('1001')).toBe(1);
  expect(summary.credits).toBe(1);
});

test('catch-up after downtime posts only the most recent period, once', async () => {
  const w = world({ start: '2027-02-20T10:00:00Z' });
  const sub = await addSub(w.store, '2026-06-15T00:00:00Z');
  await w.run();
  await w.run();
  expect(w.slack.posts.map((p) => p.period)).toEqual(['2027-02']);
  expect(await w.store.recentRuns(sub.id, 10)).toHaveLength(1);
});

test('a subscription made after this period\'s due time waits for the next one', async () => {
  const w = world({ start: '2026-11-20T00:00:00Z' });
  await addSub(w.store, '2026-11-15T00:00:00Z');
  expect((await w.run()).due).toBe(0);
  w.clock.set(DEC_DUE);
  expect((await w.run()).posted).toBe(1);
});

test('a paused subscription is skipped, retries included; resumed, it starts at its next period', async () => {
  const w = world({ start: NOV_DUE });
  const sub = await addSub(w.store, CREATED);
  await w.store.setPaused(sub.id, { by: 'U1' }, new Date('2026-10-20T00:00:00Z'));
  expect((await w.run()).due).toBe(0);
  // Resumed on 10 November: November's digest (due on the 1st) is never sent late.
  w.clock.set('2026-11-10T00:00:00Z');
  await w.store.setPaused(sub.id, null, new Date('2026-11-10T00:00:00Z'));
  expect((await w.run()).due).toBe(0);
  w.clock.set(DEC_DUE);
  expect(await w.run()).toMatchObject({ due: 1, posted: 1 });
  expect(w.slack.posts.map((p) => p.period)).toEqual(['2026-12']);
});

test('drift against the previous digest, and "no new posts" when nothing is new', async () => {
  const w = world();
  const sub = await addSub(w.store, CREATED);
  await w.run();
  w.service.setPosts('1001', [...NOVEMBER, ...DECEMBER]);
  w.clock.set(DEC_DUE);
  await w.run({ service: { reportFor: (c, _n) => w.service.reportFor(c, 6) } });
  const dec = w.slack.posts[1]!.digest;
  expect(dec.period).toBe('2026-12');
  expect(dec.drift?.previousPeriod).toBe('2026-11');
  expect(dec.drift?.shareRate.points).toBeCloseTo(1.0, 6);
  expect(dec.drift?.newTemplates).toEqual([{ id: 'q5', index: 2 }]);
  expect(dec.drift?.deadShare.crossed).toBe('down');

  w.clock.set('2027-01-01T09:00:00Z');
  await w.run({ service: { reportFor: (c, _n) => w.service.reportFor(c, 6) } });
  const jan = w.slack.posts[2]!.digest;
  expect(jan).toMatchObject({ period: '2027-01', noNewPosts: true, report: null, drift: null });
  expect((await w.store.getRun(sub.id, '2027-01'))?.state).toBe('posted');
});

test('a crash between fetching and posting, then a restart, gives exactly one post without refetching', async () => {
  let reached = false;
  const shared: import('../fakes/digest-delivery').RecordedPost[] = [];
  const w = world({ slack: { shared, beforeFind: () => { reached = true; return new Promise(() => undefined); } } });
  const sub = await addSub(w.store, CREATED);
  void w.run({ leaseMs: 5 * 60_000 }); // this "process" never gets past the lookup
  await waitFor(() => reached);
  expect(await w.store.getSummary(sub.id, '2026-11')).not.toBeNull();

  const store2 = open();
  const slack2 = createRecordingDelivery('slack', { shared });
  const clock2 = virtualClock('2026-11-01T09:01:00Z');
  const early = await runDueDigests({ store: store2, service: w.service, deliveries: [slack2], now: clock2.now, sleep: clock2.sleep });
  expect(early).toMatchObject({ busy: 1, posted: 0 });
  clock2.set('2026-11-01T09:06:00Z'); // the dead runner's lease has expired
  const restart = await runDueDigests({ store: store2, service: w.service, deliveries: [slack2], now: clock2.now, sleep: clock2.sleep });
  expect(restart.posted).toBe(1);
  expect(shared).toHaveLength(1);
  expect(w.service.calls.get('1001')).toBe(1);
  // The takeover continued the dead runner's attempt instead of counting a new one.
  expect(await store2.getRun(sub.id, '2026-11')).toMatchObject({ state: 'posted', attempts: 1 });
});

test('a crash between posting and recording, then a restart, records the post instead of repeating it', async () => {
  let posted = false;
  const shared: import('../fakes/digest-delivery').RecordedPost[] = [];
  const w = world({ slack: { shared, afterPost: () => { posted = true; return new Promise(() => undefined); } } });
  const sub = await addSub(w.store, CREATED);
  void w.run();
  await waitFor(() => posted);
  expect(shared).toHaveLength(1);
  expect((await w.store.getRun(sub.id, '2026-11'))?.state).toBe('posting');

  const store2 = open();
  const slack2 = createRecordingDelivery('slack', { shared });
  const clock2 = virtualClock('2026-11-01T09:30:00Z');
  const restart = await runDueDigests({ store: store2, service: w.service, deliveries: [slack2], now: clock2.now, sleep: clock2.sleep });
  expect(restart).toMatchObject({ recovered: 1, posted: 0 });
  expect(shared).toHaveLength(1);
  expect(await store2.getRun(sub.id, '2026-11')).toMatchObject({ state: 'posted', messageRef: shared[0]!.ref });
});

test('two runners racing on one store file (separate connections) post each digest exactly once', async () => {
  const w = world();
  for (let i = 0; i < 6; i += 1) await addSub(w.store, CREATED, { channelId: `C${i}`, creatorUserid: `100${(i % 3) + 1}` });
  const other = open();
  const shared = w.slack.posts;
  const slackB = createRecordingDelivery('slack', { shared });
  const [a, b] = await Promise.all([
    w.run({ owner: 'A' }),
    runDueDigests({ store: other, service: w.service, deliveries: [slackB], now: w.clock.now, sleep: w.clock.sleep, owner: 'B' }),
  ]);
  // Both saw all six as due; the claims decided who posted each one.
  expect([a.due, b.due]).toEqual([6, 6]);
  expect(a.posted + b.posted).toBe(6);
  expect(shared).toHaveLength(6);
  expect(new Set(shared.map((p) => p.key)).size).toBe(6);
});

test('one failing channel and one failing creator do not stop the others', async () => {
  const w = world({
    slack: { failPost: (d) => (d.subscription.channelId === 'BAD' ? new DeliveryError('chat API 500') : undefined) },
    service: { fail: (userid) => (userid === '1003' ? new QuadrantsError('UPSTREAM_UNAVAILABLE', 'down') : undefined) },
  });
  await addSub(w.store, CREATED, { channelId: 'BAD' });
  await addSub(w.store, CREATED, { channelId: 'GOOD' });
  await addSub(w.store, CREATED, { channelId: 'C3', creatorUserid: '1003', creatorUsername: 'carol' });
  await addSub(w.store, CREATED, { channelId: 'C4', creatorUserid: '1002', creatorUsername: 'bob' });
  const summary = await w.run();
  expect(summary).toMatchObject({ due: 4, posted: 2, retryLater: 2 });
  expect(w.slack.posts.map((p) => p.channelId).sort()).toEqual(['C4', 'GOOD']);
  const failed = summary.outcomes.filter((o) => o.outcome === 'retry-later').map((o) => o.error);
  expect(failed).toEqual(expect.arrayContaining(['delivery: chat API 500', expect.stringMatching(/^UPSTREAM_UNAVAILABLE/)]));
});

test('retries reuse the stored report and stop at the attempt limit; a failed delivery is never recorded as sent', async () => {
  const w = world({ slack: { failPost: () => new DeliveryError('chat API timeout') } });
  const sub = await addSub(w.store, CREATED);
  const retry = { maxAttempts: 3, inlineRetries: 1, inlineDelayMs: 1000, baseDelayMs: 60_000, maxDelayMs: 600_000 };
  const outcomes: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const s = await w.run({ retry });
    outcomes.push(s.outcomes.map((o) => o.outcome).join(',') || 'nothing due');
    w.clock.advance(30 * 60_000);
  }
  expect(outcomes).toEqual(['retry-later', 'retry-later', 'abandoned', 'nothing due', 'nothing due', 'nothing due']);
  expect(w.slack.attempts).toBe(3 * 2); // three claims, each with one quick retry
  expect(w.slack.posts).toHaveLength(0);
  expect(w.service.calls.get('1001')).toBe(1);
  const run = await w.store.getRun(sub.id, '2026-11');
  expect(run).toMatchObject({ state: 'abandoned', attempts: 3, messageRef: null, postedAt: null });
  expect(run?.lastError).toMatch(/chat API timeout/);
});

test('backoff grows between attempts and a recovered platform gets the digest out', async () => {
  let failing = true;
  const w = world({ slack: { failPost: () => (failing ? new DeliveryError('rate limited', { retryAfterMs: 1000 }) : undefined) } });
  const sub = await addSub(w.store, CREATED);
  const retry = { maxAttempts: 5, inlineRetries: 0, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };
  await w.run({ retry });
  const r1 = await w.store.getRun(sub.id, '2026-11');
  expect(Date.parse(r1!.nextAttemptAt!) - w.clock.now().getTime()).toBe(60_000);
  w.clock.advance(30_000);
  expect((await w.run({ retry })).due).toBe(0); // still backing off
  w.clock.advance(30_000);
  await w.run({ retry });
  const r2 = await w.store.getRun(sub.id, '2026-11');
  expect(Date.parse(r2!.nextAttemptAt!) - w.clock.now().getTime()).toBe(120_000);
  failing = false;
  w.clock.advance(120_000);
  expect((await w.run({ retry })).posted).toBe(1);
  expect(await w.store.getRun(sub.id, '2026-11')).toMatchObject({ state: 'posted', attempts: 3 });
});

test('a channel the bot was removed from disables its subscription and is not retried', async () => {
  const w = world();
  const gone = await addSub(w.store, CREATED, { channelId: 'GONE' });
  await addSub(w.store, CREATED, { channelId: 'OK' });
  w.slack.removeFromChannel('GONE');
  const summary = await w.run();
  expect(summary.disabled).toEqual([{ subscriptionId: gone.id, reason: 'the bot is no longer in this channel' }]);
  expect(summary.posted).toBe(1);
  expect(await w.store.getSubscription(gone.id)).toMatchObject({ status: 'disabled', disabledReason: 'the bot is no longer in this channel' });
  const attempts = w.slack.attempts;
  w.clock.set(DEC_DUE);
  const next = await w.run();
  expect(next.posted).toBe(1);
  expect(w.slack.attempts).toBe(attempts + 1);
  expect(await w.store.getRun(gone.id, '2026-12')).toBeNull();
});

test('the lookup failing means no post now, not a blind post', async () => {
  const w = world({ slack: { failFind: () => new DeliveryError('history unavailable') } });
  await addSub(w.store, CREATED);
  const s = await w.run({ retry: { inlineRetries: 0 } });
  expect(s.retryLater).toBe(1);
  expect(w.slack.attempts).toBe(0);
});

test('a platform without a connection leaves its runs pending until one exists', async () => {
  const w = world();
  const sub = await addSub(w.store, CREATED, { platform: 'discord', workspaceId: 'G1', channelId: '77' });
  const s = await w.run({ deliveries: { slack: w.slack } });
  expect(s).toMatchObject({ due: 1, noDelivery: 1, posted: 0 });
  expect(await w.store.getRun(sub.id, '2026-11')).toMatchObject({ state: 'pending', lastError: 'no discord connection is configured' });
  expect((await w.run()).posted).toBe(1);
});

test('posts to one channel are paced at least a second apart', async () => {
  const times: number[] = [];
  const w = world();
  const slack = createRecordingDelivery('slack', { afterPost: async () => void times.push(w.clock.now().getTime()) });
  for (const id of ['1001', '1002', '1003']) await addSub(w.store, CREATED, { creatorUserid: id, creatorUsername: `u${id}` });
  await w.run({ deliveries: [slack] });
  expect(times).toHaveLength(3);
  const sorted = [...times].sort((x, y) => x - y);
  expect(sorted[1]! - sorted[0]!).toBeGreaterThanOrEqual(1000);
  expect(sorted[2]! - sorted[1]!).toBeGreaterThanOrEqual(1000);
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i += 1) await new Promise((r) => setImmediate(r));
  if (!check()) throw new Error('condition never became true');
}
