/**
 * Digests are planned against each workspace's monthly credit budget: a workspace with nothing
 * left gets no fetch (and says so in the run summary, `digest list` and the logs), the others are
 * unaffected, and the held-back digests go out once the budget resets.
 */
import { WorkspaceBudget } from '../../src/budget/budget';
import { digestList, formatRunSummary } from '../../src/digest/cli';
import { runDueDigests } from '../../src/digest/runner';
import { createLogger } from '../../src/log';
import type { Store } from '../../src/store/types';
import { createRecordingDelivery } from '../fakes/digest-delivery';
import { createDigestService, syntheticPosts } from '../fakes/digest-service';
import { addSub, removeDir, storeIn, tempDir, virtualClock } from './helpers';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = tempDir();
  store = storeIn(dir);
});
afterEach(async () => {
  await store.close();
  removeDir(dir);
});

const CREATED = '2026-10-15T12:00:00Z';

test('a workspace over budget gets no digest fetched until its budget resets; others still get theirs', async () => {
  const creators = [1, 2, 3, 4].map((i) => ({ username: `c${i}`, userid: `100${i}`, posts: syntheticPosts(i, 30, 1_790_000_000) }));
  const service = createDigestService({ creators });
  const slack = createRecordingDelivery('slack');
  // T1 has three subscriptions but only 2 credits a month; T2 has one.
  for (const c of creators.slice(0, 3)) await addSub(store, CREATED, { workspaceId: 'T1', channelId: `C${c.userid}`, creatorUsername: c.username, creatorUserid: c.userid });
  await addSub(store, CREATED, { workspaceId: 'T2', channelId: 'C2', creatorUsername: 'c4', creatorUserid: '1004' });
  const clock = virtualClock('2026-11-01T09:00:00Z');
  const budget = new WorkspaceBudget({ store, limit: 2, now: clock.now });
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', write: (l) => lines.push(l) });
  const run = () => runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep, budget, logger });

  const november = await run();
  expect(november.posted).toBe(3);
  expect(november.overBudget).toBe(1);
  expect(service.credits).toBe(3);
  expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T1' }, '2026-11')).toBe(2);
  expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T2' }, '2026-11')).toBe(1);
  expect(slack.posts.filter((p) => p.workspaceId === 'T1')).toHaveLength(2);
  expect(slack.posts.filter((p) => p.workspaceId === 'T2')).toHaveLength(1);
  expect(formatRunSummary(november)).toContain('1 held back by a spent monthly credit budget');
  expect(lines.some((l) => l.includes('digest.over-budget') && l.includes('no credits left'))).toBe(true);
  const listing = await digestList({ store, budget, now: clock.now() });
  expect(listing).toContain('BUDGET SPENT: 2 of 2 credits used in 2026-11; digests are held back until it resets at 2026-12-01T00:00:00.000Z');
  expect(listing.split('BUDGET SPENT').length - 1).toBe(3);

  // Later the same month: still held back, nothing fetched.
  clock.set('2026-11-20T09:00:00Z');
  const again = await run();
  expect(again.overBudget).toBe(1);
  expect(service.credits).toBe(3);

  // December: the budget resets, so again two of T1's three digests fit, and T2's one.
  clock.set('2026-12-01T09:00:00Z');
  const december = await run();
  expect(december.overBudget).toBe(1);
  expect(december.posted).toBe(3);
  expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T1' }, '2026-12')).toBe(2);
  // A new month, before any digest: nothing is flagged.
  clock.set('2027-01-01T00:00:00Z');
  expect(await digestList({ store, budget, now: clock.now() })).not.toContain('BUDGET SPENT');
});

test('without a limit nothing is held back, and digest spending is still counted per workspace', async () => {
  const service = createDigestService({ creators: [{ username: 'c1', userid: '1001', posts: syntheticPosts(1, 30, 1_790_000_000) }] });
  const slack = createRecordingDelivery('slack');
  await addSub(store, CREATED, { workspaceId: 'T1', creatorUsername: 'c1', creatorUserid: '1001' });
  const clock = virtualClock('2026-11-01T09:00:00Z');
  const budget = new WorkspaceBudget({ store, limit: null, now: clock.now });
  const s = await runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep, budget });
  expect(s.posted).toBe(1);
  expect(s.overBudget).toBe(0);
  expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T1' }, '2026-11')).toBe(1);
});

test('`digest run --at` plans and charges by the run clock, not the machine clock', async () => {
  const creators = [1, 2, 3].map((i) => ({ username: `c${i}`, userid: `100${i}`, posts: syntheticPosts(i, 30, 1_790_000_000) }));
  const service = createDigestService({ creators });
  const slack = createRecordingDelivery('slack');
  for (const c of creators) await addSub(store, CREATED, { workspaceId: 'T1', channelId: `C${c.userid}`, creatorUsername: c.username, creatorUserid: c.userid });
  // The run is asked for 1 November (--at); the machine's clock is years away.
  const clock = virtualClock('2026-11-01T09:00:00Z');
  const budget = new WorkspaceBudget({ store, limit: 2, now: () => new Date('2030-06-15T12:00:00Z') });
  await store.addWorkspaceCredits({ platform: 'slack', workspaceId: 'T1' }, '2026-11', 1, clock.now());
  const s = await runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep, budget });
  // November had 1 of 2 credits left: one fetch, two held back.
  expect(s.posted).toBe(1);
  expect(s.overBudget).toBe(2);
  expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T1' }, '2026-11')).toBe(2);
  expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T1' }, '2030-06')).toBe(0);
  // `digest list` at that time flags the spent November budget too.
  expect(await digestList({ store, budget, now: clock.now() })).toContain('BUDGET SPENT: 2 of 2 credits used in 2026-11');
});

test('a digest held back for the budget says so once in its channel, and goes out when the budget resets within its period', async () => {
  const creators = [1, 2].map((i) => ({ username: `c${i}`, userid: `100${i}`, posts: syntheticPosts(i, 30, 1_790_000_000) }));
  const service = createDigestService({ creators });
  const slack = createRecordingDelivery('slack');
  // Weekly on Mondays at 09:00 UTC: the week of Monday 30 November 2026 runs into December.
  for (const c of creators) {
    await addSub(store, CREATED, { workspaceId: 'T1', channelId: `C${c.userid}`, creatorUsername: c.username, creatorUserid: c.userid, cadence: 'weekly', day: 1, hour: 9, minute: 0, timezone: 'UTC' });
  }
  const clock = virtualClock('2026-11-30T09:00:00Z');
  const budget = new WorkspaceBudget({ store, limit: 1, now: clock.now });
  const run = () => runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep, budget });

  const first = await run();
  expect(first.posted).toBe(1);
  expect(first.overBudget).toBe(1);
  const held = slack.posts[0]?.channelId === 'C1001' ? 'C1002' : 'C1001';
  expect(slack.notices).toEqual([
    {
      channelId: held,
      subscriptionId: expect.any(Number),
      text: `The digest for @c${held.slice(-1)} is held back: this workspace has used its monthly budget of 1 API credit for November 2026. It goes out when the budget resets on 1 December 2026 (UTC), if it is still due then.`,
    },
  ]);
  // Later ticks the same month: still held back, and nothing more is said.
  clock.set('2026-11-30T18:00:00Z');
  expect((await run()).overBudget).toBe(1);
  expect(slack.notices).toHaveLength(1);

  // 1 December: the budget resets while the week is still the current period, so it goes out now.
  clock.set('2026-12-01T00:05:00Z');
  const december = await run();
  expect(december.posted).toBe(1);
  expect(slack.posts.map((p) => p.channelId).sort()).toEqual(['C1001', 'C1002']);
  expect(slack.posts.every((p) => p.period === slack.posts[0]?.period)).toBe(true);
  expect(slack.notices).toHaveLength(1);
});

test('a digest pass sees the credits commands hold while they run, so together they go over by at most one fetch', async () => {
  const creators = [1, 2].map((i) => ({ username: `c${i}`, userid: `100${i}`, posts: syntheticPosts(i, 30, 1_790_000_000) }));
  const service = createDigestService({ creators });
  const slack = createRecordingDelivery('slack');
  for (const c of creators) await addSub(store, CREATED, { workspaceId: 'T1', channelId: `C${c.userid}`, creatorUsername: c.username, creatorUserid: c.userid });
  const clock = virtualClock('2026-11-01T09:00:00Z');
  const budget = new WorkspaceBudget({ store, limit: 2, now: clock.now });
  // A command is running and holds 2 credits (its worst case): nothing is left for digests meanwhile.
  const command = await budget.hold({ platform: 'slack', workspaceId: 'T1' }, 2);
  if (!command.held) throw new Error('the command should have been held');
  const during = await runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep, budget });
  expect(during.overBudget).toBe(2);
  expect(service.credits).toBe(0);
  // It settles to the 1 credit it was charged: one digest fetch fits now, the other waits for the reset.
  await command.hold.settle(1);
  clock.set('2026-11-01T10:00:00Z');
  const after = await runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep, budget });
  expect(after.posted).toBe(1);
  expect(after.overBudget).toBe(1);
  expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T1' }, '2026-11')).toBe(2);
});

test('a digest run files its creator snapshot under the run clock’s month (`--at`), for the subscription’s workspace', async () => {
  const creators = [{ username: 'c1', userid: '1001', posts: syntheticPosts(1, 30, 1_790_000_000) }];
  const service = createDigestService({ creators });
  const slack = createRecordingDelivery('slack');
  await addSub(store, CREATED, { workspaceId: 'T1', channelId: 'C1', creatorUsername: 'c1', creatorUserid: '1001' });
  const clock = virtualClock('2026-11-01T09:00:00Z');
  const s = await runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep });
  expect(s.posted).toBe(1);
  const kept = await store.creatorSnapshots({ platform: 'slack', workspaceId: 'T1', creator: { username: 'c1' }, fromPeriod: '2000-01' });
  expect(kept.map((k) => [k.period, k.creatorId, k.posts])).toEqual([['2026-11', '1001', 30]]);
  // Another workspace sees none of it.
  expect(await store.creatorSnapshots({ platform: 'slack', workspaceId: 'T2', creator: { username: 'c1' }, fromPeriod: '2000-01' })).toEqual([]);
});
