/**
 * The store contract: what every Store engine must do, as one suite that takes a factory.
 * test/store/sqlite.test.ts and test/store/postgres.test.ts run it on each engine.
 */
import type { RunSummaryRecord, Store } from '../../src/store/types';
import { addSub, subInput } from '../digest/helpers';
import { snapshotContract } from './contract-snapshots';
import { watchContract } from './contract-watches';

/** A fresh, empty store, plus a way to open more independent connections to the same one. */
export interface FreshStore {
  store: Store;
  /** Another connection (another process, in production) to the same database. */
  connect(): Store;
}

export type StoreFactory = () => Promise<FreshStore>;

const T0 = new Date('2026-12-01T09:00:00Z');
const owner = 'runner-a';

export function claimReq(subscriptionId: number, at: Date, who = owner, maxAttempts = 5, period = '2026-12') {
  return { subscriptionId, period, owner: who, at, leaseMs: 60_000, maxAttempts };
}

/** Registers the contract's tests in the current describe block. */
export function storeContract(fresh: StoreFactory): void {
  let opened: Store[] = [];
  let store: Store;
  let connect: () => Store;

  beforeEach(async () => {
    const f = await fresh();
    store = f.store;
    opened = [store];
    connect = () => {
      const s = f.connect();
      opened.push(s);
      return s;
    };
  });
  afterEach(async () => {
    for (const s of opened) await s.close();
  });

  snapshotContract(() => store);
  watchContract(() => store);

  describe('subscriptions', () => {
    test('ping answers on an open store', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    test('a duplicate subscription is updated, not doubled', async () => {
      const first = await store.saveSubscription(subInput(), new Date('2026-11-01T00:00:00Z'));
      const second = await store.saveSubscription(subInput({ posts: 20 }), new Date('2026-11-02T00:00:00Z'));
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.subscription.id).toBe(first.subscription.id);
      expect(second.subscription.posts).toBe(20);
      // Only the post count changed: the schedule did not restart.
      expect(second.subscription.activeSince).toBe('2026-11-01T00:00:00.000Z');
      const moved = await store.saveSubscription(subInput({ hour: 10 }), new Date('2026-11-03T00:00:00Z'));
      expect(moved.subscription.activeSince).toBe('2026-11-03T00:00:00.000Z');
      expect(await store.listSubscriptions()).toHaveLength(1);
    });

    test('queries are scoped by platform and workspace', async () => {
      await addSub(store, '2026-11-01T00:00:00Z');
      await addSub(store, '2026-11-01T00:00:00Z', { workspaceId: 'T2', channelId: 'C2' });
      await addSub(store, '2026-11-01T00:00:00Z', { platform: 'discord', workspaceId: 'G1', channelId: '55' });
      expect((await store.listSubscriptions({ platform: 'slack', workspaceId: 'T1' })).map((s) => s.channelId)).toEqual(['C1']);
      expect(await store.channelWorkspace('slack', 'C2')).toBe('T2');
      expect(await store.channelWorkspace('discord', 'C2')).toBeNull();
      const deleted = await store.deleteSubscription({ platform: 'slack', workspaceId: 'T2', channelId: 'C1', creatorUserid: '1001' });
      expect(deleted).toBe(false);
      expect(await store.listSubscriptions()).toHaveLength(3);
    });

    test('pausing keeps the subscription and its schedule; resuming restarts it at the resume', async () => {
      const sub = await addSub(store, '2026-11-01T00:00:00Z');
      const paused = await store.setPaused(sub.id, { by: 'U9' }, new Date('2026-11-10T00:00:00Z'));
      expect(paused).toMatchObject({ id: sub.id, status: 'active', pausedAt: '2026-11-10T00:00:00.000Z', pausedBy: 'U9', activeSince: sub.activeSince });
      // Pausing again changes nothing (the first pause's time and person stay).
      const again = await store.setPaused(sub.id, { by: 'U8' }, new Date('2026-11-11T00:00:00Z'));
      expect(again).toMatchObject({ pausedAt: '2026-11-10T00:00:00.000Z', pausedBy: 'U9' });
      // Saving it again (an edit) keeps it paused.
      const edited = await store.saveSubscription(subInput({ posts: 20 }), new Date('2026-11-12T00:00:00Z'));
      expect(edited.subscription).toMatchObject({ posts: 20, pausedAt: '2026-11-10T00:00:00.000Z' });
      const resumed = await store.setPaused(sub.id, null, new Date('2026-11-15T00:00:00Z'));
      expect(resumed).toMatchObject({ pausedAt: null, pausedBy: null, activeSince: '2026-11-15T00:00:00.000Z' });
      // Resuming a running subscription does not move its schedule.
      const twice = await store.setPaused(sub.id, null, new Date('2026-11-20T00:00:00Z'));
      expect(twice?.activeSince).toBe('2026-11-15T00:00:00.000Z');
      expect(await store.setPaused(sub.id + 1000, { by: 'U9' }, T0)).toBeNull();
    });

    test('disabling records the reason; deleting removes the runs too', async () => {
      const sub = await addSub(store, '2026-11-01T00:00:00Z');
      await store.disableSubscription(sub.id, 'not_in_channel', T0);
      expect(await store.listSubscriptions({ status: 'disabled' })).toEqual([
        expect.objectContaining({ id: sub.id, status: 'disabled', disabledReason: 'not_in_channel' }),
      ]);
      await store.claimRun(claimReq(sub.id, T0));
      expect(await store.deleteSubscription(subInput())).toBe(true);
      expect(await store.getSubscription(sub.id)).toBeNull();
      expect(await store.getRun(sub.id, '2026-12')).toBeNull();
    });
  });

  describe('slack installations', () => {
    const teamA = { enterpriseId: null, teamId: 'TA' };
    const input = (token: string, key: { enterpriseId: string | null; teamId: string | null } = teamA) => ({
      ...key,
      isEnterpriseInstall: key.teamId === null,
      botToken: token,
      botUserId: 'UBOT',
      botId: 'BBOT',
      data: { team: key.teamId ? { id: key.teamId } : undefined, bot: { token }, nested: [1, 'two'] },
    });

    test('an installation round-trips, and a reinstall replaces its token but keeps when it was first installed', async () => {
      const first = await store.saveSlackInstallation(input('xoxb-a-1'), new Date('2026-11-01T00:00:00Z'));
      expect(first).toEqual({ ...input('xoxb-a-1'), installedAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' });
      await store.saveSlackInstallation(input('xoxb-a-2'), new Date('2026-11-02T00:00:00Z'));
      expect(await store.getSlackInstallation(teamA)).toEqual({
        ...input('xoxb-a-2'),
        installedAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-02T00:00:00.000Z',
      });
    });

    test('workspaces and organisations are kept apart, and deleting removes only the one named', async () => {
      const grid = { enterpriseId: 'E1', teamId: null };
      const inGrid = { enterpriseId: 'E1', teamId: 'TB' };
      await store.saveSlackInstallation(input('xoxb-a'), T0);
      await store.saveSlackInstallation(input('xoxb-org', grid), T0);
      await store.saveSlackInstallation(input('xoxb-b', inGrid), T0);
      expect((await store.getSlackInstallation(grid))?.botToken).toBe('xoxb-org');
      expect((await store.getSlackInstallation(grid))?.isEnterpriseInstall).toBe(true);
      expect((await store.getSlackInstallation(inGrid))?.botToken).toBe('xoxb-b');
      expect(await store.getSlackInstallation({ enterpriseId: null, teamId: 'TB' })).toBeNull();
      expect(await store.deleteSlackInstallation(inGrid)).toBe(true);
      expect(await store.deleteSlackInstallation(inGrid)).toBe(false);
      expect(await store.getSlackInstallation(inGrid)).toBeNull();
      expect((await store.getSlackInstallation(grid))?.botToken).toBe('xoxb-org');
      expect((await store.getSlackInstallation(teamA))?.botToken).toBe('xoxb-a');
    });

    test('another connection sees an installation at once', async () => {
      await store.saveSlackInstallation(input('xoxb-a'), T0);
      expect((await connect().getSlackInstallation(teamA))?.botToken).toBe('xoxb-a');
    });

    test('an install state is used once, across connections, even when both try at the same moment', async () => {
      const expires = new Date(T0.getTime() + 600_000);
      const other = connect();
      const tries = await Promise.all([store.useSlackOAuthState('h1', T0, expires), other.useSlackOAuthState('h1', T0, expires)]);
      expect(tries.sort()).toEqual([false, true]);
      expect(await store.useSlackOAuthState('h1', T0, expires)).toBe(false);
      expect(await other.useSlackOAuthState('h2', T0, expires)).toBe(true);
      // Once expired it is forgotten (its age refuses it anyway), so the table does not grow for ever.
      expect(await store.useSlackOAuthState('h1', new Date(expires.getTime() + 1), new Date(expires.getTime() + 600_001))).toBe(true);
    });
  });

  describe('digest runs', () => {
    test('a claim is exclusive until its lease expires, then taken over', async () => {
      const sub = await addSub(store, '2026-11-01T00:00:00Z');
      const a = await store.claimRun(claimReq(sub.id, T0));
      expect(a).toMatchObject({ claimed: true, run: { state: 'claimed', attempts: 1, claimedBy: owner } });
      const b = await store.claimRun(claimReq(sub.id, new Date(T0.getTime() + 1000), 'runner-b'));
      expect(b).toMatchObject({ claimed: false, reason: 'leased' });
      const later = await store.claimRun(claimReq(sub.id, new Date(T0.getTime() + 61_000), 'runner-b'));
      // Taking over a dead claim continues the same attempt: runner A never failed, it stopped.
      expect(later).toMatchObject({ claimed: true, run: { attempts: 1, claimedBy: 'runner-b' } });
      // The first runner lost its lease: it may not move the run on.
      expect(await store.markPosting(sub.id, '2026-12', owner, new Date(T0.getTime() + 120_000), T0)).toBe(false);
      expect(await store.markPosting(sub.id, '2026-12', 'runner-b', new Date(T0.getTime() + 120_000), T0)).toBe(true);
      expect(await store.markPosted(sub.id, '2026-12', 'ts-1', T0)).toBe(true);
      expect(await store.markPosted(sub.id, '2026-12', 'ts-2', T0)).toBe(false);
      expect(await store.claimRun(claimReq(sub.id, new Date(T0.getTime() + 999_999)))).toMatchObject({ claimed: false, reason: 'posted' });
      expect(await store.getRun(sub.id, '2026-12')).toMatchObject({ state: 'posted', messageRef: 'ts-1', claimedBy: null });
    });

    test('failed runs back off, and are abandoned once attempts run out', async () => {
      const sub = await addSub(store, '2026-11-01T00:00:00Z');
      await store.claimRun(claimReq(sub.id, T0, owner, 2));
      const retryAt = new Date(T0.getTime() + 300_000);
      expect(await store.markFailed({ subscriptionId: sub.id, period: '2026-12', owner, error: 'boom', at: T0, retryAt })).toBe(true);
      expect(await store.claimRun(claimReq(sub.id, new Date(T0.getTime() + 1000), owner, 2))).toMatchObject({ claimed: false, reason: 'backoff' });
      const second = await store.claimRun(claimReq(sub.id, retryAt, owner, 2));
      expect(second).toMatchObject({ claimed: true, run: { attempts: 2 } });
      await store.markFailed({ subscriptionId: sub.id, period: '2026-12', owner, error: 'boom again', at: retryAt, retryAt });
      const third = await store.claimRun(claimReq(sub.id, new Date(retryAt.getTime() + 1), owner, 2));
      expect(third).toMatchObject({ claimed: false, reason: 'exhausted', run: { state: 'abandoned' } });
      expect(third.run.lastError).toMatch(/gave up after 2 attempts: boom again/);
      expect(await store.claimRun(claimReq(sub.id, new Date(retryAt.getTime() + 2), owner, 2))).toMatchObject({ claimed: false, reason: 'abandoned' });
    });

    test('two connections to one store: only one claim wins', async () => {
      const other = connect();
      const sub = await addSub(store, '2026-11-01T00:00:00Z');
      const results = await Promise.all([store.claimRun(claimReq(sub.id, T0, 'A')), other.claimRun(claimReq(sub.id, T0, 'B'))]);
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      // The same holds when the run already exists (a retry after a failure).
      const winner = results.find((r) => r.claimed)?.run.claimedBy as string;
      await store.markFailed({ subscriptionId: sub.id, period: '2026-12', owner: winner, error: 'x', at: T0, retryAt: T0 });
      const again = await Promise.all([store.claimRun(claimReq(sub.id, T0, 'C')), other.claimRun(claimReq(sub.id, T0, 'D'))]);
      expect(again.filter((r) => r.claimed)).toHaveLength(1);
    });

    test('pending runs record why nothing could deliver them, and stay claimable', async () => {
      const sub = await addSub(store, '2026-11-01T00:00:00Z');
      await store.notePending(sub.id, '2026-12', 'no slack connection is configured', T0);
      expect(await store.getRun(sub.id, '2026-12')).toMatchObject({ state: 'pending', attempts: 0, lastError: 'no slack connection is configured' });
      expect(await store.claimRun(claimReq(sub.id, T0))).toMatchObject({ claimed: true, run: { attempts: 1 } });
      // Once claimed, a later pending note does not touch the run.
      await store.notePending(sub.id, '2026-12', 'again', T0);
      expect(await store.getRun(sub.id, '2026-12')).toMatchObject({ state: 'claimed' });
    });

    test('a pending note says whether it created the run, so one of many passes (or replicas) announces it', async () => {
      const sub = await addSub(store, '2026-11-01T00:00:00Z');
      const other = connect();
      const firsts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).notePending(sub.id, '2026-12', 'held back', T0)));
      expect(firsts.filter(Boolean)).toHaveLength(1);
      expect(await store.notePending(sub.id, '2026-12', 'held back', T0)).toBe(false);
      expect(await store.notePending(sub.id, '2027-01', 'held back', T0)).toBe(true);
    });

    test('recent runs are newest first and limited', async () => {
      const sub = await addSub(store, '2026-10-01T00:00:00Z');
      for (const [i, period] of ['2026-10', '2026-11', '2026-12'].entries()) {
        await store.claimRun(claimReq(sub.id, new Date(T0.getTime() + i * 1000), owner, 5, period));
      }
      expect((await store.recentRuns(sub.id, 2)).map((r) => r.period)).toEqual(['2026-12', '2026-11']);
    });

    test('summaries round-trip, and the previous one is the last posted full digest', async () => {
      const sub = await addSub(store, '2026-10-01T00:00:00Z');
      const base: RunSummaryRecord = {
        subscriptionId: sub.id,
        period: '2026-11',
        shareMedian: 0.01,
        saveMedian: 0.02,
        counts: { 'viral-evergreen': 1, 'niche-reference': 2, 'viral-disposable': 3, dead: 4 },
        deadFraction: 0.4,
        deadShare: true,
        templateIds: ['p1'],
        postsCount: 10,
        newestPostId: 'p9',
        newestPostCreatedAt: 1_700_000_000,
        noNewPosts: false,
        report: null,
        drift: { shareMedian: { from: 0.01, to: 0.02 } },
        computedAt: T0.toISOString(),
      };
      for (const [period, noNewPosts, day] of [['2026-11', false, 1], ['2026-12', true, 2], ['2027-01', false, 3]] as const) {
        await store.saveSummary({ ...base, period, noNewPosts });
        await store.claimRun(claimReq(sub.id, T0, owner, 5, period));
        await store.markPosted(sub.id, period, `ts-${period}`, new Date(Date.UTC(2026, 11, day)));
      }
      await store.saveSummary({ ...base, period: '2027-02' });
      await store.saveSummary({ ...base, period: '2027-02', postsCount: 11 });
      expect(await store.getSummary(sub.id, '2026-11')).toEqual({ ...base, period: '2026-11' });
      expect((await store.getSummary(sub.id, '2027-02'))?.postsCount).toBe(11);
      expect((await store.previousSummary(sub.id, '2027-02'))?.period).toBe('2027-01');
      expect((await store.previousSummary(sub.id, '2027-01'))?.period).toBe('2026-11');
    });
  });

  describe('workspace credits', () => {
    const acme = { platform: 'slack' as const, workspaceId: 'T1' };
    test('adds up per workspace and month, starting from 0', async () => {
      expect(await store.workspaceCredits(acme, '2026-12')).toBe(0);
      expect(await store.addWorkspaceCredits(acme, '2026-12', 3, T0)).toBe(3);
      expect(await store.addWorkspaceCredits(acme, '2026-12', 2, T0)).toBe(5);
      expect(await store.workspaceCredits(acme, '2026-12')).toBe(5);
      // Another month, another platform with the same id, and another workspace are separate.
      expect(await store.workspaceCredits(acme, '2027-01')).toBe(0);
      expect(await store.workspaceCredits({ platform: 'discord', workspaceId: 'T1' }, '2026-12')).toBe(0);
      expect(await store.workspaceCredits({ platform: 'slack', workspaceId: 'T2' }, '2026-12')).toBe(0);
    });

    test('two connections adding at once never lose a credit', async () => {
      const other = connect();
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).addWorkspaceCredits(acme, '2026-12', 1, T0)));
      expect(await other.workspaceCredits(acme, '2026-12')).toBe(20);
    });

    const hold = (id: string, credits: number, limit: number | null, at = T0, ttlMs = 60_000) => ({
      id,
      workspace: acme,
      month: '2026-12',
      credits,
      limit,
      at,
      expiresAt: new Date(at.getTime() + ttlMs),
    });

    test('a hold is taken while spending plus holds is below the limit, and settles to what was charged', async () => {
      await store.addWorkspaceCredits(acme, '2026-12', 1, T0);
      expect(await store.holdWorkspaceCredits(hold('a', 2, 3))).toEqual({ held: true, spent: 1, heldByOthers: 0 });
      // 1 spent + 2 held reaches the limit of 3: nothing is left for another command.
      expect(await store.holdWorkspaceCredits(hold('b', 2, 3))).toEqual({ held: false, spent: 1, heldByOthers: 2 });
      // Settling removes the hold and adds what the API charged (1 of the 2 held).
      expect(await store.settleWorkspaceCredits('a', acme, '2026-12', 1, T0)).toBe(2);
      expect(await store.workspaceCredits(acme, '2026-12')).toBe(2);
      expect(await store.holdWorkspaceCredits(hold('c', 2, 3))).toEqual({ held: true, spent: 2, heldByOthers: 0 });
      // Unlimited: always held; another workspace's holds are its own.
      expect((await store.holdWorkspaceCredits(hold('d', 5, null))).held).toBe(true);
      expect((await store.holdWorkspaceCredits({ ...hold('e', 2, 3), workspace: { platform: 'discord', workspaceId: 'T1' } })).held).toBe(true);
    });

    test('a hold nobody settled (a crashed process) stops counting once it expires', async () => {
      expect((await store.holdWorkspaceCredits(hold('dead', 3, 3, T0, 60_000))).held).toBe(true);
      expect((await store.holdWorkspaceCredits(hold('early', 1, 3, new Date(T0.getTime() + 59_000)))).held).toBe(false);
      expect((await store.holdWorkspaceCredits(hold('late', 1, 3, new Date(T0.getTime() + 60_000)))).held).toBe(true);
      // Settling an expired or unknown hold still counts what was charged.
      expect(await store.settleWorkspaceCredits('dead', acme, '2026-12', 2, T0)).toBe(2);
      expect(await store.settleWorkspaceCredits('dead', acme, '2026-12', 0, T0)).toBe(2);
    });

    test('forty holds from two connections at once: only those judged below the limit are taken', async () => {
      const other = connect();
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).holdWorkspaceCredits(hold(`h${i}`, 2, 3))));
      // 0 + 0 < 3 and 0 + 2 < 3 admit two holds; 0 + 4 refuses every other one.
      expect(results.filter((r) => r.held)).toHaveLength(2);
    });
  });
}
