/**
 * The digest's drift reads the previous month's creator snapshot, the numbers `trend` shows for
 * that month (its latest report), when there is one; templates still come from the previous
 * digest. Weekly digests, which snapshots (one a month) cannot describe, keep the previous digest's.
 */
import { runDueDigests } from '../../src/digest/runner';
import type { Store } from '../../src/store/types';
import { createRecordingDelivery } from '../fakes/digest-delivery';
import { createDigestService } from '../fakes/digest-service';
import { DECEMBER, NOVEMBER } from './fixtures';
import { addSub, removeDir, storeIn, tempDir } from './helpers';
import { snapshot } from '../store/contract-snapshots';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = tempDir('quadrants-drift-snapshots-');
  store = storeIn(dir);
});
afterEach(async () => {
  await store.close();
  removeDir(dir);
});

async function twoDigests(cadence: 'monthly' | 'weekly') {
  const service = createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: NOVEMBER }] });
  const delivery = createRecordingDelivery('slack');
  const sub = await addSub(store, '2026-10-15T00:00:00Z', { cadence, day: cadence === 'monthly' ? 1 : 0 });
  const first = cadence === 'monthly' ? '2026-11-01T09:00:00Z' : '2026-11-29T09:00:00Z';
  await runDueDigests({ store, service, deliveries: [delivery], now: () => new Date(first) });
  // Later in November someone reports the creator again: November's snapshot now holds that report.
  await store.saveCreatorSnapshot(snapshot('2026-11-30T12:00:00Z', { workspaceId: sub.workspaceId, username: 'alice', creatorId: '1001', medianShareRate: 0.02, medianSaveRate: 0.03, counts: { 'viral-evergreen': 3, 'niche-reference': 1, 'viral-disposable': 1, dead: 1 } }));
  service.setPosts('1001', [...DECEMBER, ...NOVEMBER]);
  const second = cadence === 'monthly' ? '2026-12-01T09:00:00Z' : '2026-12-06T09:00:00Z';
  await runDueDigests({ store, service, deliveries: [delivery], now: () => new Date(second) });
  return delivery.posts.map((p) => p.digest.drift);
}

test("a monthly digest's drift starts from the previous month's snapshot", async () => {
  const [none, drift] = await twoDigests('monthly');
  expect(none).toBeNull();
  expect(drift).toMatchObject({
    previousPeriod: '2026-11',
    shareRate: { before: 0.02 },
    saveRate: { before: 0.03 },
    counts: { before: { 'viral-evergreen': 3, 'niche-reference': 1, 'viral-disposable': 1, dead: 1 } },
    // The snapshot's dead share, from its counts: one of six, under a third.
    deadShare: { before: 1 / 6, wasOver: false },
  });
  // Templates are still the previous digest's: q5 is new since November's.
  expect(drift?.newTemplates.map((t) => t.id)).toEqual(['q5']);
});

test("a weekly digest's drift starts from the previous digest, as before", async () => {
  const [, drift] = await twoDigests('weekly');
  // November's posts: both medians 1.5%, two of six dead (a third).
  expect(drift).toMatchObject({ shareRate: { before: 0.015 }, saveRate: { before: 0.015 }, deadShare: { wasOver: true } });
});
