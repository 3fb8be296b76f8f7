/**
 * The HTTP client charges the ledger of the work it runs for, exactly as the API charged: billed
 * answers only, nothing for a cached answer, nothing for a caller that joined another's request.
 */
import { beforeRequest, chargeCredits, CreditLedger, GateClosed, withLedger } from '../../src/budget/ledger';
import { SingleFlight } from '../../src/tikliveapi/cache';
import { MOSSY, rig } from '../tikliveapi/helpers';

test('credits reach the ledger of the command that caused them, and only that one', async () => {
  const r = await rig();
  try {
    const a = new CreditLedger();
    const b = new CreditLedger();
    const creator = { username: '', userid: MOSSY.userid };
    r.api.latencyMs = 50;
    const [first, joined] = await Promise.all([withLedger(a, () => r.source.getPosts(creator, 10)), withLedger(b, () => r.source.getPosts(creator, 10))]);
    expect(a.spent + b.spent).toBe(r.api.count());
    expect(a.spent).toBe(first.credits);
    expect(b.spent).toBe(joined.credits);
    expect([a.spent, b.spent].sort()).toEqual([0, r.api.count()]);
    const c = new CreditLedger();
    await withLedger(c, () => r.source.getPosts(creator, 10));
    expect(c.spent).toBe(0);
    // A served "not found" is billed (and counted); an error status is not billed, so not counted.
    const d = new CreditLedger();
    await withLedger(d, () => r.source.getPost('https://www.tiktok.com/@mossy.kitchen/video/7300000000000000001')).catch(() => undefined);
    expect(d.spent).toBe(1);
    r.api.fail('post-detail', { kind: 'respond', status: 404, body: { message: 'not found' } });
    const e = new CreditLedger();
    await withLedger(e, () => r.source.getPost('https://www.tiktok.com/@mossy.kitchen/video/7300000000000000002')).catch(() => undefined);
    expect(e.spent).toBe(0);
    expect(a.spent + b.spent + c.spent + d.spent + e.spent).toBe(r.api.billed());
  } finally {
    await r.close();
  }
});

test("a caller that joined a request in flight does not inherit the leader's closed gate: it runs the request under its own", async () => {
  const flights = new SingleFlight<string>();
  let calls = 0;
  const request = async () => {
    await beforeRequest();
    calls += 1;
    return 'posts';
  };
  const refused = new CreditLedger(async () => {
    throw new GateClosed('this workspace has spent its budget');
  });
  const allowed = new CreditLedger();
  const [a, b] = await Promise.allSettled([withLedger(refused, () => flights.run('creator', request)), withLedger(allowed, () => flights.run('creator', request))]);
  expect(a.status).toBe('rejected');
  expect(b).toEqual({ status: 'fulfilled', value: { value: 'posts', leader: true } });
  expect(calls).toBe(1);
  expect(refused.calledApi && allowed.calledApi).toBe(true);
});

test('a ledger still collects its credits after another one running beside it has finished, and after all have (the storage is switched off between runs)', async () => {
  let release: () => void = () => undefined;
  const later = new Promise<void>((resolve) => (release = resolve));
  const long = new CreditLedger();
  const short = new CreditLedger();
  const running = withLedger(long, async () => {
    await later;
    chargeCredits(3);
  });
  await withLedger(short, async () => chargeCredits(1));
  release();
  await running;
  expect([short.spent, long.spent]).toEqual([1, 3]);
  // Outside every ledger nothing is charged; a new run collects again.
  chargeCredits(5);
  const next = new CreditLedger();
  await withLedger(next, async () => {
    await Promise.resolve();
    chargeCredits(2);
  });
  expect(next.spent).toBe(2);
});
