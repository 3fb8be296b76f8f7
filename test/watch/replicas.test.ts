/**
 * Watches on PostgreSQL with three replicas checking at once (three stores, three runners, one
 * platform): every watch is checked once, every alert is in its channel once, and the creator is
 * fetched once per replica that won a check of it at most.
 */
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { silentLogger } from '../../src/log';
import { runDueWatches } from '../../src/watch/runner';
import { createRecordingDelivery, type RecordingDelivery } from '../fakes/digest-delivery';
import { createDigestService, post } from '../fakes/digest-service';
import { createSchema, describePostgres, TEST_DATABASE_URL } from '../store/pg-helpers';

const AT = new Date('2026-12-07T06:00:00Z');
const now = AT.getTime() / 1000;
const CHANNELS = 12;

describePostgres('watches on PostgreSQL, three replicas at once', () => {
  let schema: { schema: string; drop: () => Promise<void> };
  let stores: Store[];
  beforeAll(async () => {
    schema = await createSchema();
    stores = [0, 1, 2].map(() => openStore(TEST_DATABASE_URL, { postgres: { schema: schema.schema } }));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await schema.drop();
  });

  test('each watch checked once and each alert posted once, whichever replica wins', async () => {
    const posts = [post('7400000000000000001', now - 86_400, { downloads: 500 }), ...Array.from({ length: 9 }, (_, i) => post(String(7_400_000_000_000_000_010 + i), now - (i + 2) * 86_400, { downloads: 2 }))];
    const service = createDigestService({ creators: [{ username: 'mossy.kitchen', userid: '1001', posts }] });
    for (let i = 0; i < CHANNELS; i += 1) {
      await stores[0]?.saveWatch({ platform: 'slack', workspaceId: 'T1', channelId: `C${i}`, creatorUserid: '1001', creatorUsername: 'mossy.kitchen', createdBy: 'U1' }, AT);
    }
    // One platform seen by three processes: each has its own client, all read the same channels.
    const alerts: RecordingDelivery['alerts'] = [];
    const runs = stores.map((store, i) =>
      runDueWatches({ store, service, deliveries: [createRecordingDelivery('slack', { sharedAlerts: alerts })], now: () => AT, logger: silentLogger, owner: `replica-${i}` }),
    );
    const summaries = await Promise.all(runs);
    expect(summaries.reduce((n, s) => n + s.checked, 0)).toBe(CHANNELS);
    expect(summaries.reduce((n, s) => n + s.alerts + s.recovered, 0)).toBe(CHANNELS);
    expect(new Set(alerts.map((a) => a.channelId)).size).toBe(CHANNELS);
    expect(alerts).toHaveLength(CHANNELS);
    expect(service.calls.get('1001') ?? 0).toBeLessThanOrEqual(3);
    expect((await stores[1]?.listAlerts())?.every((a) => a.state === 'posted')).toBe(true);
  });
});
