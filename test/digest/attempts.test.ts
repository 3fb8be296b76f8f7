/**
 * What counts as an attempt, and what `digest run` exits with when it could not finish: a crash
 * loop never uses the period up, and a run that leaves something disabled or undone says so.
 */
import { DIGEST_CLI_HELP, DIGEST_EXIT, digestRun } from '../../src/digest/cli';
import { runDueDigests } from '../../src/digest/runner';
import type { Store } from '../../src/store/types';
import { createRecordingDelivery, never, type RecordedPost } from '../fakes/digest-delivery';
import { createDigestService } from '../fakes/digest-service';
import { NOVEMBER } from './fixtures';
import { addSub, removeDir, storeIn, tempDir, until, virtualClock } from './helpers';

const CREATED = '2026-10-15T12:00:00Z';
const DUE = '2026-11-01T09:00:00Z';
const LEASE = 5 * 60_000;

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

const service = createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: NOVEMBER }] });

test('a crash loop never gives the digest up: taking over a dead claim is not an attempt', async () => {
  const shared: RecordedPost[] = [];
  const first = open();
  const sub = await addSub(first, CREATED);
  const clock = virtualClock(DUE);
  const retry = { maxAttempts: 3 };
  // Ten "processes" in a row die while looking the digest up, each after its lease expired.
  for (let i = 0; i < 10; i += 1) {
    let reached = false;
    const crashing = createRecordingDelivery('slack', { shared, beforeFind: () => { reached = true; return never(); } });
    void runDueDigests({ store: open(), service, deliveries: [crashing], now: clock.now, sleep: clock.sleep, leaseMs: LEASE, retry, owner: `crash-${i}` });
    await until(() => reached, `crash ${i}`);
    clock.advance(LEASE + 1000);
  }
  expect(await first.getRun(sub.id, '2026-11')).toMatchObject({ state: 'posting', attempts: 1 });
  const healthy = createRecordingDelivery('slack', { shared });
  const summary = await runDueDigests({ store: open(), service, deliveries: [healthy], now: clock.now, sleep: clock.sleep, leaseMs: LEASE, retry });
  expect(summary).toMatchObject({ posted: 1, abandoned: 0 });
  expect(shared).toHaveLength(1);
  expect(await first.getRun(sub.id, '2026-11')).toMatchObject({ state: 'posted', attempts: 1 });
});

test('digest run exits 3 while a subscription is disabled', async () => {
  const store = open();
  const slack = createRecordingDelivery('slack');
  const ok = await addSub(store, CREATED);
  const gone = await addSub(store, CREATED, { channelId: 'GONE' });
  slack.removeFromChannel('GONE');
  const first = await digestRun({ store, service, deliveries: [slack], at: new Date(DUE) });
  expect(first.summary.disabled).toEqual([{ subscriptionId: gone.id, reason: 'the bot is no longer in this channel' }]);
  expect(first.exitCode).toBe(3);
  // Nothing is due any more, but the disabled subscription still gets no digests: still 3.
  const again = await digestRun({ store, service, deliveries: [slack], at: new Date(DUE) });
  expect(again.summary).toMatchObject({ due: 0, disabledBefore: 1 });
  expect(again.exitCode).toBe(3);
  expect(again.text).toContain('1 subscription already disabled');
  expect(slack.posts.map((p) => p.subscriptionId)).toEqual([ok.id]);
});

test('digest run exits 3 while a digest is stuck behind a dead claim, and 0 once it went out', async () => {
  const store = open();
  const shared: RecordedPost[] = [];
  await addSub(store, CREATED);
  let reached = false;
  const crashing = createRecordingDelivery('slack', { shared, beforeFind: () => { reached = true; return never(); } });
  void digestRun({ store: open(), service, deliveries: [crashing], at: new Date(DUE), leaseMs: LEASE });
  await until(() => reached, 'the crash');
  const slack = createRecordingDelivery('slack', { shared });
  const stuck = await digestRun({ store, service, deliveries: [slack], at: new Date(DUE), leaseMs: LEASE });
  expect(stuck.summary.busy).toBe(1);
  expect(stuck.exitCode).toBe(3);
  const later = await digestRun({ store, service, deliveries: [slack], at: new Date(Date.parse(DUE) + LEASE + 60_000), leaseMs: LEASE });
  expect(later.summary.posted).toBe(1);
  expect(later.exitCode).toBe(0);
});

test('the CLI help documents the exit codes', () => {
  expect(DIGEST_EXIT).toEqual({ ok: 0, failed: 1, incomplete: 3 });
  expect(DIGEST_CLI_HELP).toContain('digest run exits 0');
  expect(DIGEST_CLI_HELP).toMatch(/\b1 when a digest failed/);
  expect(DIGEST_CLI_HELP).toMatch(/\b3 when it ran but something was disabled or left undone/);
});
