import { SingleFlight, TtlCache } from '../../src/tikliveapi/cache';
import { Pacer } from '../../src/tikliveapi/pacer';

/** A manual clock with timers that fire only when the test advances time. */
function manualTime() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
    async advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.live && t.at <= now);
      timers = timers.filter((t) => !due.includes(t));
      for (const t of due) t.fn();
      await Promise.resolve();
    },
    pending: () => timers.filter((t) => t.live).length,
  };
}

describe('Pacer', () => {
  it('lets a burst through, then queues the rest in order at the configured rate', async () => {
    const time = manualTime();
    const pacer = new Pacer({ requestsPerMinute: 60, burst: 2, now: time.now, setTimer: time.setTimer });
    const done: number[] = [];
    const all = [0, 1, 2, 3].map((i) => pacer.take().then(() => done.push(i)));
    await Promise.resolve();
    expect(done).toEqual([0, 1]);
    expect(pacer.queued).toBe(2);
    await time.advance(999);
    expect(done).toEqual([0, 1]);
    await time.advance(1);
    expect(done).toEqual([0, 1, 2]);
    await time.advance(1000);
    await Promise.all(all);
    expect(done).toEqual([0, 1, 2, 3]);
    expect(time.pending()).toBe(0);
  });

  it('defaults to 200 a minute: after the burst, one request every 300 ms', async () => {
    const time = manualTime();
    const pacer = new Pacer({ now: time.now, setTimer: time.setTimer });
    for (let i = 0; i < 10; i++) await pacer.take();
    let granted = false;
    void pacer.take().then(() => (granted = true));
    await time.advance(299);
    expect(granted).toBe(false);
    await time.advance(1);
    await Promise.resolve();
    expect(granted).toBe(true);
  });

  it('refills while idle but never beyond the burst', async () => {
    const time = manualTime();
    const pacer = new Pacer({ requestsPerMinute: 60, burst: 3, now: time.now, setTimer: time.setTimer });
    for (let i = 0; i < 3; i++) await pacer.take();
    await time.advance(60_000);
    for (let i = 0; i < 3; i++) await pacer.take();
    void pacer.take();
    expect(pacer.queued).toBe(1);
  });

  it('refuses a non-positive rate', () => {
    expect(() => new Pacer({ requestsPerMinute: 0 })).toThrow(RangeError);
  });
});

describe('TtlCache', () => {
  it('expires entries after the TTL on the injected clock', () => {
    let now = 1000;
    const cache = new TtlCache<string>({ ttlMs: 600_000, now: () => now });
    cache.set('a', 'x');
    now += 599_999;
    expect(cache.get('a')).toBe('x');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('stores nothing with a TTL of 0 and drops the oldest beyond its bound', () => {
    const off = new TtlCache<number>({ ttlMs: 0 });
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
    const small = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    small.set('a', 1);
    small.set('b', 2);
    small.set('c', 3);
    expect([small.get('a'), small.get('b'), small.get('c')]).toEqual([undefined, 2, 3]);
  });
});

describe('SingleFlight', () => {
  it('runs the work once for concurrent callers and marks one leader', async () => {
    const flights = new SingleFlight<number>();
    let calls = 0;
    let release!: (n: number) => void;
    const work = () => {
      calls++;
      return new Promise<number>((r) => (release = r));
    };
    const all = Array.from({ length: 10 }, () => flights.run('k', work));
    await Promise.resolve();
    await Promise.resolve();
    release(7);
    const results = await Promise.all(all);
    expect(calls).toBe(1);
    expect(results.map((r) => r.value)).toEqual(Array(10).fill(7));
    expect(results.filter((r) => r.leader)).toHaveLength(1);
    expect(flights.size).toBe(0);
  });

  it('shares a failure, then lets the next call try again', async () => {
    const flights = new SingleFlight<number>();
    const boom = () => Promise.reject(new Error('boom'));
    await expect(Promise.all([flights.run('k', boom), flights.run('k', boom)])).rejects.toThrow('boom');
    await expect(flights.run('k', async () => 1)).resolves.toEqual({ value: 1, leader: true });
  });

  it('does not keep a key stuck when the work throws synchronously', async () => {
    const flights = new SingleFlight<number>();
    await expect(
      flights.run('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(flights.size).toBe(0);
  });
});
