import { digestList, digestRun } from '../../src/digest/cli';
import { DeliveryError } from '../../src/digest/types';
import type { Store } from '../../src/store/types';
import { createRecordingDelivery } from '../fakes/digest-delivery';
import { createDigestService } from '../fakes/digest-service';
import { NOVEMBER } from './fixtures';
import { addSub, removeDir, storeIn, tempDir } from './helpers';

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

const service = createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: NOVEMBER }] });

test('digest run --at runs what is due at that time once; running it again posts nothing', async () => {
  const slack = createRecordingDelivery('slack');
  const sub = await addSub(store, '2026-10-15T00:00:00Z');
  const at = new Date('2026-11-01T09:00:00Z');
  const first = await digestRun({ store, service, deliveries: [slack], at });
  expect(first.exitCode).toBe(0);
  expect(first.text).toMatch(/^Digest run at 2026-11-01T09:00:00\.\d{3}Z: 1 due, 1 posted/);
  expect(first.text).toContain(`#${sub.id} 2026-11 slack: posted`);
  const again = await digestRun({ store, service, deliveries: [slack], at });
  expect(again.summary).toMatchObject({ due: 0, posted: 0 });
  expect(slack.posts).toHaveLength(1);
});

test('a failed run exits non-zero for cron monitoring', async () => {
  const slack = createRecordingDelivery('slack', { failPost: () => new DeliveryError('chat API 503') });
  await addSub(store, '2026-10-15T00:00:00Z');
  const result = await digestRun({ store, service, deliveries: [slack], at: new Date('2026-11-01T09:00:00Z'), retry: { inlineRetries: 0 } });
  expect(result.exitCode).toBe(1);
  expect(result.text).toContain('retry-later (delivery: chat API 503)');
});

test('digest list prints every subscription with its last runs and reasons, without control characters', async () => {
  expect(await digestList({ store })).toBe('No digest subscriptions yet.');
  const a = await addSub(store, '2026-10-15T00:00:00Z');
  const b = await addSub(store, '2026-10-15T00:00:00Z', { channelId: 'C2', creatorUsername: 'evil\u001b[31m\nname' });
  await store.claimRun({ subscriptionId: a.id, period: '2026-11', owner: 'o', at: new Date('2026-11-01T09:00:00Z'), leaseMs: 1000, maxAttempts: 3 });
  await store.markPosted(a.id, '2026-11', '1234.5678', new Date('2026-11-01T09:00:01Z'));
  await store.disableSubscription(b.id, 'the bot is no longer in this channel\u0007', new Date());
  const text = await digestList({ store, now: new Date('2026-11-02T00:00:00Z') });
  expect(text).toContain(`#${a.id} slack T1/C1 @alice (id 1001), 30 posts, monthly on day 1 at 09:00 (UTC); active, next 2026-12-01T09:00:00.000Z`);
  expect(text).toContain('    2026-11 posted after 1 attempt at 2026-11-01T09:00:01.000Z [1234.5678]');
  expect(text).toContain(`#${b.id} slack T1/C2 @evil31mname`);
  expect(text).toContain('disabled: the bot is no longer in this channel');
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
});

test('digest list says who paused a subscription and when, and a paused one is not run', async () => {
  const a = await addSub(store, '2026-10-15T00:00:00Z');
  await store.setPaused(a.id, { by: 'U7\u001b' }, new Date('2026-10-20T00:00:00Z'));
  const text = await digestList({ store, now: new Date('2026-11-02T00:00:00Z') });
  expect(text).toContain(`#${a.id} slack T1/C1 @alice (id 1001), 30 posts, monthly on day 1 at 09:00 (UTC); paused by U7 at 2026-10-20T00:00:00.000Z; no digests until someone resumes it from chat`);
  const slack = createRecordingDelivery('slack');
  const summary = await digestRun({ store, service, deliveries: { slack }, at: new Date('2026-11-01T09:00:00Z') });
  expect(summary).toMatchObject({ exitCode: 0, summary: { due: 0 } });
  expect(slack.posts).toEqual([]);
});
