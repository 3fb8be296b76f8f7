import { startDigestScheduler, type ScheduleFn } from '../../src/digest/scheduler';
import type { RunSummary } from '../../src/digest/runner';
import { createLogger } from '../../src/log';

const summary = (n: number) => ({ posted: n }) as RunSummary;

function fakeCron() {
  const registered: Array<{ expression: string; fn: () => Promise<void>; options: unknown; destroyed: boolean }> = [];
  const schedule: ScheduleFn = (expression, fn, options) => {
    const entry = { expression, fn, options, destroyed: false };
    registered.push(entry);
    return { destroy: () => void (entry.destroyed = true) };
  };
  return { registered, schedule };
}

test('runs a catch-up pass at start, then one pass per tick of a single every-minute task', async () => {
  const cron = fakeCron();
  let calls = 0;
  const scheduler = startDigestScheduler({ run: async () => summary(++calls), schedule: cron.schedule });
  expect(await scheduler.catchUp).toEqual({ posted: 1 });
  expect(cron.registered).toHaveLength(1);
  expect(cron.registered[0]).toMatchObject({ expression: '* * * * *', options: { timezone: 'UTC', noOverlap: true } });
  await cron.registered[0]!.fn();
  expect(calls).toBe(2);
  await scheduler.stop();
  expect(cron.registered[0]!.destroyed).toBe(true);
});

test('a tick while a pass is still running is skipped, and a failing pass is logged, not thrown', async () => {
  const cron = fakeCron();
  const lines: string[] = [];
  let release: () => void = () => undefined;
  let calls = 0;
  const scheduler = startDigestScheduler({
    run: () => {
      calls += 1;
      if (calls === 1) return new Promise<RunSummary>((resolve) => (release = () => resolve(summary(1))));
      return Promise.reject(new Error('store is locked'));
    },
    schedule: cron.schedule,
    logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }),
  });
  expect(await scheduler.tick()).toBeNull(); // catch-up still running
  expect(calls).toBe(1);
  release();
  await scheduler.catchUp;
  expect(await scheduler.tick()).toBeNull();
  expect(calls).toBe(2);
  expect(lines.some((l) => l.includes('digest.tick-failed') && l.includes('store is locked'))).toBe(true);
  await scheduler.stop();
});

test('wires real node-cron and stops cleanly', async () => {
  let calls = 0;
  const scheduler = startDigestScheduler({ run: async () => summary(++calls) });
  await scheduler.catchUp;
  await scheduler.stop();
  expect(calls).toBe(1);
  expect(() => startDigestScheduler({ run: async () => summary(0), expression: 'not cron' })).toThrow(RangeError);
});
