/**
 * The scheduler ticks every minute: a tick with nothing due must not write an info line each time.
 */
import { runDueDigests } from '../../src/digest/runner';
import { createLogger } from '../../src/log';
import { createRecordingDelivery } from '../fakes/digest-delivery';
import { createDigestService } from '../fakes/digest-service';
import { NOVEMBER } from './fixtures';
import { addSub, removeDir, storeIn, tempDir, virtualClock } from './helpers';

test('a tick with nothing due logs at debug only; one that posts logs digest.run at info', async () => {
  const dir = tempDir();
  const store = storeIn(dir);
  try {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', write: (l) => lines.push(l) });
    const clock = virtualClock('2026-11-15T12:00:00Z');
    const service = createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: NOVEMBER }] });
    const slack = createRecordingDelivery('slack');
    await runDueDigests({ store, service, deliveries: [slack], now: clock.now, sleep: clock.sleep, logger });
    expect(lines.filter((l) => l.includes('"digest.run"'))).toEqual([]);

    await addSub(store, '2026-10-15T12:00:00Z');
    const due = virtualClock('2026-12-01T09:00:00Z');
    const summary = await runDueDigests({ store, service, deliveries: [slack], now: due.now, sleep: due.sleep, logger });
    expect(summary.posted).toBe(1);
    expect(lines.filter((l) => l.includes('"digest.run"'))).toHaveLength(1);
  } finally {
    await store.close();
    removeDir(dir);
  }
});
