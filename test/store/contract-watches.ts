/**
 * The store contract, watches (migration 8): watches, the day's check under a lease, and alerts
 * posted once per channel, ever. Registered by storeContract (./contract.ts), so it runs on
 * SQLite and on PostgreSQL.
 */
import type { Store, WatchInput } from '../../src/store/types';

export const watchInput = (over: Partial<WatchInput> = {}): WatchInput => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  creatorUserid: '6800000000000000001',
  creatorUsername: 'mossy.kitchen',
  createdBy: 'U1',
  ...over,
});

const at = (iso: string) => new Date(iso);
const LEASE = 10 * 60_000;

export function watchContract(store: () => Store): void {
  describe('watches', () => {
    test('a watch is saved once per channel and creator, listed by scope, and deleted', async () => {
      const first = await store().saveWatch(watchInput(), at('2026-12-01T09:00:00Z'));
      const again = await store().saveWatch(watchInput({ creatorUsername: 'mossy.kitchen2', createdBy: 'U2' }), at('2026-12-02T09:00:00Z'));
      await store().saveWatch(watchInput({ channelId: 'C2' }), at('2026-12-01T09:00:00Z'));
      await store().saveWatch(watchInput({ platform: 'discord', workspaceId: 'G1', channelId: '123' }), at('2026-12-01T09:00:00Z'));
      expect(first.created).toBe(true);
      expect(again).toMatchObject({ created: false, watch: { id: first.watch.id, creatorUsername: 'mossy.kitchen2', createdBy: 'U2', createdAt: '2026-12-01T09:00:00.000Z', checkedDay: null } });
      expect((await store().listWatches()).length).toBe(3);
      expect((await store().listWatches({ platform: 'slack', workspaceId: 'T1', channelId: 'C2' })).map((w) => w.channelId)).toEqual(['C2']);
      expect(await store().deleteWatch(watchInput())).toBe(true);
      expect(await store().deleteWatch(watchInput())).toBe(false);
      expect((await store().listWatches({ platform: 'slack' })).map((w) => w.channelId)).toEqual(['C2']);
    });

    test("a day's check is taken by one runner, kept from others while leased, and done once per day", async () => {
      const { watch } = await store().saveWatch(watchInput(), at('2026-12-01T09:00:00Z'));
      const t = at('2026-12-07T06:00:00Z');
      expect(await store().claimWatchCheck(watch.id, '2026-12-07', 'a', t, LEASE)).toBe(true);
      expect(await store().claimWatchCheck(watch.id, '2026-12-07', 'b', t, LEASE)).toBe(false);
      // A runner that died: its lease ends and another takes the check over.
      expect(await store().claimWatchCheck(watch.id, '2026-12-07', 'b', at('2026-12-07T06:10:00Z'), LEASE)).toBe(true);
      expect(await store().finishWatchCheck(watch.id, '2026-12-07', 'a', t)).toBe(false);
      expect(await store().finishWatchCheck(watch.id, '2026-12-07', 'b', at('2026-12-07T06:11:00Z'))).toBe(true);
      expect(await store().claimWatchCheck(watch.id, '2026-12-07', 'c', at('2026-12-07T23:00:00Z'), LEASE)).toBe(false);
      expect((await store().listWatches())[0]).toMatchObject({ checkedDay: '2026-12-07', checkedAt: '2026-12-07T06:11:00.000Z', lastError: null });
      expect(await store().claimWatchCheck(watch.id, '2026-12-08', 'c', at('2026-12-08T00:01:00Z'), LEASE)).toBe(true);
      await store().failWatchCheck(watch.id, 'c', 'TikLiveAPI did not answer');
      expect((await store().listWatches())[0]?.lastError).toBe('TikLiveAPI did not answer');
      // A failed check keeps its lease: it is tried again once the lease ends.
      expect(await store().claimWatchCheck(watch.id, '2026-12-08', 'd', at('2026-12-08T00:05:00Z'), LEASE)).toBe(false);
      expect(await store().claimWatchCheck(watch.id, '2026-12-08', 'd', at('2026-12-08T00:11:00Z'), LEASE)).toBe(true);
      // Done for the day with what went wrong (a creator gone): kept for the list, not tried again that day.
      expect(await store().finishWatchCheck(watch.id, '2026-12-08', 'd', at('2026-12-08T00:12:00Z'), 'CREATOR_NOT_FOUND')).toBe(true);
      expect((await store().listWatches())[0]).toMatchObject({ checkedDay: '2026-12-08', lastError: 'CREATOR_NOT_FOUND' });
      expect(await store().claimWatchCheck(watch.id, '2026-12-08', 'e', at('2026-12-08T09:00:00Z'), LEASE)).toBe(false);
    });

    test('an alert is claimed by one runner, taken over after its lease, and once posted never again in that channel', async () => {
      const key = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', postId: '7400000000000000001' } as const;
      const req = (owner: string, iso: string) => ({ ...key, creatorUserid: '6800000000000000001', owner, at: at(iso), leaseMs: LEASE });
      const first = await store().claimAlert(req('a', '2026-12-07T06:00:00Z'));
      expect(first).toMatchObject({ claimed: true, alert: { state: 'posting', createdAt: '2026-12-07T06:00:00.000Z' } });
      expect(await store().claimAlert(req('b', '2026-12-07T06:01:00Z'))).toEqual({ claimed: false, reason: 'leased' });
      // Taken over after the lease: the first claim's time is kept (a message cannot be older).
      expect(await store().claimAlert(req('b', '2026-12-07T06:10:00Z'))).toMatchObject({ claimed: true, alert: { createdAt: '2026-12-07T06:00:00.000Z' } });
      expect(await store().markAlertPosted(key, '1765087200.000100', at('2026-12-07T06:10:01Z'))).toBe(true);
      expect(await store().markAlertPosted(key, 'another', at('2026-12-07T06:10:02Z'))).toBe(false);
      expect(await store().claimAlert(req('c', '2027-01-07T06:00:00Z'))).toEqual({ claimed: false, reason: 'posted' });
      // Another channel alerts the same post on its own.
      expect((await store().claimAlert({ ...req('c', '2026-12-07T06:00:00Z'), channelId: 'C2' })).claimed).toBe(true);
      const alerts = await store().listAlerts({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' });
      expect(alerts).toEqual([expect.objectContaining({ postId: key.postId, state: 'posted', postedAt: '2026-12-07T06:10:01.000Z', messageRef: '1765087200.000100' })]);
      expect((await store().listAlerts()).length).toBe(2);
    });

    test('unwatching keeps the alerts, so watching again never repeats one', async () => {
      const key = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', postId: '7400000000000000002' } as const;
      await store().saveWatch(watchInput(), at('2026-12-01T09:00:00Z'));
      await store().claimAlert({ ...key, creatorUserid: '6800000000000000001', owner: 'a', at: at('2026-12-07T06:00:00Z'), leaseMs: LEASE });
      await store().markAlertPosted(key, 'ts1', at('2026-12-07T06:00:01Z'));
      await store().deleteWatch(watchInput());
      await store().saveWatch(watchInput(), at('2026-12-08T09:00:00Z'));
      expect(await store().claimAlert({ ...key, creatorUserid: '6800000000000000001', owner: 'b', at: at('2026-12-08T10:00:00Z'), leaseMs: LEASE })).toEqual({ claimed: false, reason: 'posted' });
    });
  });
}
