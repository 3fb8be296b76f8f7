import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { QuadrantsError } from '../../src/errors';
import { databasePath } from '../../src/store/path';
import { openStore } from '../../src/store/sqlite';
import type { RunSummaryRecord } from '../../src/store/types';
import { addSub, removeDir, storeIn, subInput, tempDir } from '../digest/helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir('quadrants-store-');
});
afterEach(() => removeDir(dir));

const T0 = new Date('2026-12-01T09:00:00Z');
const owner = 'runner-a';

function claimReq(subscriptionId: number, at: Date, who = owner, maxAttempts = 5) {
  return { subscriptionId, period: '2026-12', owner: who, at, leaseMs: 60_000, maxAttempts };
}

describe('openStore', () => {
  test('creates the folder and file, uses WAL and records the migrations once', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'q.db');
    const store = openStore(file);
    await store.close();
    expect(fs.existsSync(file)).toBe(true);
    const again = openStore(file);
    await again.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    raw.close();
  });

  test('accepts plain paths and file: URLs', () => {
    const abs = path.join(dir, 'a.db');
    expect(databasePath(abs)).toBe(abs);
    expect(databasePath(pathToFileURL(abs).href)).toBe(abs);
    expect(databasePath('file:./data/q.db')).toBe(path.resolve('data/q.db'));
    expect(databasePath('file:data/q.db?mode=rwc')).toBe(path.resolve('data/q.db'));
  });

  test('refuses a server URL without echoing it', () => {
    const url = 'postgres://admin:hunter2secret@db.internal/q';
    let caught: unknown;
    try {
      openStore(url);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QuadrantsError);
    const err = caught as QuadrantsError;
    expect(err.code).toBe('CONFIG');
    expect(`${err.message} ${err.userMessage}`).not.toContain('hunter2secret');
    expect(err.userMessage).toMatch(/DATABASE_URL/);
  });

  test('refuses a file written by a newer schema', async () => {
    const file = path.join(dir, 'new.db');
    (await openStore(file).close());
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openStore(file)).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('subscriptions', () => {
  test('a duplicate subscription is updated, not doubled', async () => {
    const store = storeIn(dir);
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
    await store.close();
  });

  test('queries are scoped by platform and workspace', async () => {
    const store = storeIn(dir);
    await addSub(store, '2026-11-01T00:00:00Z');
    await addSub(store, '2026-11-01T00:00:00Z', { workspaceId: 'T2', channelId: 'C2' });
    await addSub(store, '2026-11-01T00:00:00Z', { platform: 'discord', workspaceId: 'G1', channelId: '55' });
    expect((await store.listSubscriptions({ platform: 'slack', workspaceId: 'T1' })).map((s) => s.channelId)).toEqual(['C1']);
    expect(await store.channelWorkspace('slack', 'C2')).toBe('T2');
    expect(await store.channelWorkspace('discord', 'C2')).toBeNull();
    const deleted = await store.deleteSubscription({ platform: 'slack', workspaceId: 'T2', channelId: 'C1', creatorUserid: '1001' });
    expect(deleted).toBe(false);
    expect(await store.listSubscriptions()).toHaveLength(3);
    await store.close();
  });
});

describe('digest runs', () => {
  test('a claim is exclusive until its lease expires, then taken over', async () => {
    const store = storeIn(dir);
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
    await store.close();
  });

  test('failed runs back off, and are abandoned once attempts run out', async () => {
    const store = storeIn(dir);
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
    await store.close();
  });

  test('two connections to one file: only one claim wins', async () => {
    const a = storeIn(dir);
    const b = storeIn(dir);
    const sub = await addSub(a, '2026-11-01T00:00:00Z');
    const results = await Promise.all([a.claimRun(claimReq(sub.id, T0, 'A')), b.claimRun(claimReq(sub.id, T0, 'B'))]);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    await a.close();
    await b.close();
  });

  test('pending runs record why nothing could deliver them, and stay claimable', async () => {
    const store = storeIn(dir);
    const sub = await addSub(store, '2026-11-01T00:00:00Z');
    await store.notePending(sub.id, '2026-12', 'no slack connection is configured', T0);
    expect(await store.getRun(sub.id, '2026-12')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await store.claimRun(claimReq(sub.id, T0))).toMatchObject({ claimed: true, run: { attempts: 1 } });
    await store.close();
  });

  test('summaries round-trip, and the previous one is the last posted full digest', async () => {
    const store = storeIn(dir);
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
      drift: null,
      computedAt: T0.toISOString(),
    };
    for (const [period, noNewPosts, day] of [['2026-11', false, 1], ['2026-12', true, 2], ['2027-01', false, 3]] as const) {
      await store.saveSummary({ ...base, period, noNewPosts });
      await store.claimRun({ ...claimReq(sub.id, T0), period });
      await store.markPosted(sub.id, period, `ts-${period}`, new Date(Date.UTC(2026, 11, day)));
    }
    await store.saveSummary({ ...base, period: '2027-02' });
    expect(await store.getSummary(sub.id, '2026-11')).toEqual({ ...base, period: '2026-11' });
    expect((await store.previousSummary(sub.id, '2027-02'))?.period).toBe('2027-01');
    expect((await store.previousSummary(sub.id, '2027-01'))?.period).toBe('2026-11');
    await store.close();
  });
});
