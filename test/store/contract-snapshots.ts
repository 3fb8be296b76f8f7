/**
 * The store contract, creator snapshots (migration 7): what `trend` reads, on every engine.
 * Registered by storeContract (./contract.ts), so it runs on SQLite and on PostgreSQL.
 */
import type { CreatorSnapshot, Store } from '../../src/store/types';

const counts = { 'niche-reference': 2, 'viral-evergreen': 1, 'viral-disposable': 1, dead: 0 };

export function snapshot(at: string, over: Partial<CreatorSnapshot> = {}): CreatorSnapshot {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    username: 'mossy.kitchen',
    creatorId: '6800000000000000001',
    period: at.slice(0, 7),
    takenAt: new Date(at),
    posts: 10,
    medianShareRate: 0.0123,
    medianSaveRate: 0.0456,
    counts,
    ...over,
  };
}

export function snapshotContract(store: () => Store): void {
  describe('creator snapshots', () => {
    const byName = { platform: 'slack', workspaceId: 'T1', creator: { username: 'mossy.kitchen' }, fromPeriod: '2026-01' } as const;

    test('keeps one snapshot per month: the latest, whatever order they arrive in', async () => {
      await store().saveCreatorSnapshot(snapshot('2026-11-20T09:00:00Z', { posts: 20 }));
      await store().saveCreatorSnapshot(snapshot('2026-11-02T09:00:00Z', { posts: 5 }));
      await store().saveCreatorSnapshot(snapshot('2026-11-25T09:00:00Z', { posts: 30, medianShareRate: null }));
      await store().saveCreatorSnapshot(snapshot('2026-09-01T00:00:00Z'));
      const got = await store().creatorSnapshots(byName);
      expect(got.map((s) => [s.period, s.posts, s.medianShareRate])).toEqual([
        ['2026-09', 10, 0.0123],
        ['2026-11', 30, null],
      ]);
      expect(got[1]?.takenAt.toISOString()).toBe('2026-11-25T09:00:00.000Z');
      expect(got[0]?.counts).toEqual(counts);
    });

    test('is kept per workspace and looked up by handle (any case) or by id, from a period on', async () => {
      await store().saveCreatorSnapshot(snapshot('2026-10-05T09:00:00Z', { username: 'Mossy.Kitchen' }));
      await store().saveCreatorSnapshot(snapshot('2026-12-05T09:00:00Z', { workspaceId: 'T2' }));
      await store().saveCreatorSnapshot(snapshot('2026-12-06T09:00:00Z', { platform: 'cli', workspaceId: 'cli' }));
      expect((await store().creatorSnapshots(byName)).map((s) => s.period)).toEqual(['2026-10']);
      expect((await store().creatorSnapshots({ ...byName, workspaceId: 'T2' })).map((s) => s.period)).toEqual(['2026-12']);
      expect((await store().creatorSnapshots({ ...byName, creator: { creatorId: '6800000000000000001' } })).map((s) => s.period)).toEqual(['2026-10']);
      expect(await store().creatorSnapshots({ ...byName, fromPeriod: '2026-11' })).toEqual([]);
      expect((await store().creatorSnapshots({ ...byName, platform: 'cli', workspaceId: 'cli' })).map((s) => s.username)).toEqual(['mossy.kitchen']);
      expect(await store().creatorSnapshots({ ...byName, creator: { username: 'nobody' } })).toEqual([]);
    });
  });
}
