import * as cron from 'node-cron';
import {
  cronExpression,
  dueAt,
  mostRecentDuePeriod,
  nextRunAt,
  periodFor,
  shiftPeriod,
  validateSchedule,
  type Schedulable,
} from '../../src/digest/schedule';
import { fromLocal, isoWeek } from '../../src/digest/zoned';

const monthly = (timezone: string, extra: Partial<Schedulable> = {}): Schedulable => ({
  cadence: 'monthly',
  day: 1,
  hour: 9,
  minute: 0,
  timezone,
  ...extra,
});
const weekly = (timezone: string, day: number, extra: Partial<Schedulable> = {}): Schedulable => ({
  cadence: 'weekly',
  day,
  hour: 9,
  minute: 0,
  timezone,
  ...extra,
});
const at = (iso: string) => new Date(iso);

describe('monthly schedule', () => {
  test('UTC: due on day 1 at 09:00, labelled by the month it is sent in', () => {
    const s = monthly('UTC');
    expect(dueAt(s, '2026-12').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(mostRecentDuePeriod(s, at('2026-12-01T08:59:59Z'))).toBe('2026-11');
    expect(mostRecentDuePeriod(s, at('2026-12-01T09:00:00Z'))).toBe('2026-12');
    expect(nextRunAt(s, at('2026-12-01T09:00:00Z')).toISOString()).toBe('2027-01-01T09:00:00.000Z');
    expect(cronExpression(s)).toBe('0 9 1 * *');
  });

  test('month and year boundary read on the subscription\'s own clock', () => {
    const ny = monthly('America/New_York');
    // 02:00 UTC on 1 January is still 31 December in New York.
    expect(periodFor(ny, at('2027-01-01T02:00:00Z'))).toBe('2026-12');
    expect(mostRecentDuePeriod(ny, at('2027-01-01T13:59:00Z'))).toBe('2026-12');
    expect(dueAt(ny, '2027-01').toISOString()).toBe('2027-01-01T14:00:00.000Z');
    expect(nextRunAt(ny, at('2027-01-01T02:00:00Z')).toISOString()).toBe('2027-01-01T14:00:00.000Z');
    const tokyo = monthly('Asia/Tokyo');
    // 23:30 UTC on 31 December is 08:30 on 1 January in Tokyo: January is not due yet.
    expect(periodFor(tokyo, at('2026-12-31T23:30:00Z'))).toBe('2027-01');
    expect(mostRecentDuePeriod(tokyo, at('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(mostRecentDuePeriod(tokyo, at('2027-01-01T00:00:00Z'))).toBe('2027-01');
  });

  test('09:00 stays 09:00 local across a DST change (Europe/Berlin)', () => {
    const berlin = monthly('Europe/Berlin');
    expect(dueAt(berlin, '2027-03').toISOString()).toBe('2027-03-01T08:00:00.000Z'); // CET, UTC+1
    expect(dueAt(berlin, '2027-04').toISOString()).toBe('2027-04-01T07:00:00.000Z'); // CEST, UTC+2
    expect(nextRunAt(berlin, at('2027-03-15T12:00:00Z')).toISOString()).toBe('2027-04-01T07:00:00.000Z');
    expect(dueAt(berlin, '2027-11').toISOString()).toBe('2027-11-01T08:00:00.000Z');
  });

  test('matches node-cron\'s own reading of the same expression and zone', async () => {
    const s = monthly('Europe/Berlin', { day: 3, hour: 7, minute: 30 });
    const task = cron.createTask(cronExpression(s), () => undefined, { timezone: s.timezone });
    await task.start();
    const cronNext = task.getNextRun();
    await task.destroy();
    expect(cronNext).not.toBeNull();
    const ours = nextRunAt(s, new Date());
    expect(Math.abs((cronNext as Date).getTime() - ours.getTime())).toBeLessThan(1000);
  });
});

describe('weekly schedule', () => {
  test('Mondays 09:00 New York across the March DST change', () => {
    const s = weekly('America/New_York', 1);
    // DST starts Sunday 14 March 2027.
    expect(periodFor(s, at('2027-03-08T15:00:00Z'))).toBe('2027-W10');
    expect(dueAt(s, '2027-W10').toISOString()).toBe('2027-03-08T14:00:00.000Z'); // EST
    expect(dueAt(s, '2027-W11').toISOString()).toBe('2027-03-15T13:00:00.000Z'); // EDT
    expect(nextRunAt(s, at('2027-03-10T00:00:00Z')).toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(cronExpression(s)).toBe('0 9 * * 1');
  });

  test('Sunday belongs to the ISO week that started the Monday before', () => {
    const s = weekly('UTC', 0);
    expect(dueAt(s, '2026-W49').toISOString()).toBe('2026-12-06T09:00:00.000Z');
    expect(mostRecentDuePeriod(s, at('2026-12-07T10:00:00Z'))).toBe('2026-W49');
    expect(mostRecentDuePeriod(s, at('2026-12-06T08:00:00Z'))).toBe('2026-W48');
  });

  test('ISO weeks across the year boundary', () => {
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toEqual({ year: 2026, week: 53 });
    expect(isoWeek({ year: 2027, month: 1, day: 4 })).toEqual({ year: 2027, week: 1 });
    expect(shiftPeriod('2026-W53', 1)).toBe('2027-W01');
    expect(shiftPeriod('2027-W01', -1)).toBe('2026-W53');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2027-01', -13)).toBe('2025-12');
  });
});

describe('DST edge times', () => {
  /** Every minute from `from` to `to`, the instants at which a new period first became due (what the minute tick fires). */
  function firings(s: Schedulable, from: string, to: string): string[] {
    const fired: string[] = [];
    let last = mostRecentDuePeriod(s, at(from));
    for (let t = Date.parse(from); t <= Date.parse(to); t += 60_000) {
      const period = mostRecentDuePeriod(s, new Date(t));
      if (period !== last) fired.push(new Date(t).toISOString());
      last = period;
    }
    return fired;
  }
  const sunday = (timezone: string, hour: number, minute: number): Schedulable => ({ cadence: 'weekly', day: 0, hour, minute, timezone });

  test('a time skipped by spring-forward fires at the jump (03:00 New York), like cron', () => {
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00 UTC); 02:30 never shows on the wall.
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
    );
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 0 }, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 59 }, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(firings(sunday('America/New_York', 2, 30), '2026-03-08T04:00:00Z', '2026-03-08T12:00:00Z')).toEqual([
      '2026-03-08T07:00:00.000Z',
    ]);
  });

  test('a time skipped by spring-forward fires at the jump (02:00 BST London, 03:00 CEST Berlin)', () => {
    // Last Sunday of March 2026 (the 29th): London jumps 01:00 GMT -> 02:00 BST at 01:00 UTC.
    expect(fromLocal({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z', // 02:00 BST
    );
    expect(firings(sunday('Europe/London', 1, 30), '2026-03-28T22:00:00Z', '2026-03-29T06:00:00Z')).toEqual([
      '2026-03-29T01:00:00.000Z',
    ]);
    expect(fromLocal({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe(
      '2027-03-28T01:00:00.000Z', // 03:00 CEST
    );
  });

  test('a time just outside the gap is untouched', () => {
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 1, minute: 59 }, 'America/New_York').toISOString()).toBe(
      '2026-03-08T06:59:00.000Z', // 01:59 EST
    );
    expect(fromLocal({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
    );
  });

  test('a time repeated by fall-back fires once, at its first occurrence', () => {
    expect(fromLocal({ year: 2025, month: 11, day: 2, hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe(
      '2025-11-02T05:30:00.000Z', // 01:30 EDT
    );
    expect(fromLocal({ year: 2025, month: 10, day: 26, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe(
      '2025-10-26T00:30:00.000Z', // 02:30 CEST
    );
    // 1 November 2026, New York: 01:00-01:59 happens twice (EDT, then EST); the minute tick fires once.
    expect(firings(sunday('America/New_York', 1, 30), '2026-11-01T03:00:00Z', '2026-11-01T10:00:00Z')).toEqual([
      '2026-11-01T05:30:00.000Z',
    ]);
    // 25 October 2026, London: 01:00-01:59 twice (BST, then GMT).
    expect(firings(sunday('Europe/London', 1, 30), '2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z',
    ]);
  });
});

describe('catch-up', () => {
  test('after months of downtime only the most recent period is due', () => {
    const s = { ...monthly('UTC'), activeSince: '2026-06-15T00:00:00.000Z' };
    expect(mostRecentDuePeriod(s, at('2027-02-20T00:00:00Z'))).toBe('2027-02');
  });

  test('a period due before the subscription existed is never sent', () => {
    const s = { ...monthly('UTC'), activeSince: '2026-12-15T00:00:00.000Z' };
    expect(mostRecentDuePeriod(s, at('2026-12-20T00:00:00Z'))).toBeNull();
    expect(mostRecentDuePeriod(s, at('2027-01-01T09:00:00Z'))).toBe('2027-01');
  });
});

describe('validation', () => {
  test('IANA names are checked and canonicalised', () => {
    expect(validateSchedule(monthly('utc'))).toBe('UTC');
    expect(validateSchedule(monthly('Europe/Berlin'))).toBe('Europe/Berlin');
    for (const bad of ['Mars/Olympus', '', '+02:00', 'Europe/Berlin; DROP TABLE']) {
      expect(() => validateSchedule(monthly(bad))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });

  test('days and times outside their ranges are refused with one sentence', () => {
    expect(() => validateSchedule(monthly('UTC', { day: 29 }))).toThrow(expect.objectContaining({ userMessage: expect.stringMatching(/between 1 and 28/) }));
    expect(() => validateSchedule(weekly('UTC', 7))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => validateSchedule(monthly('UTC', { hour: 24 }))).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => dueAt(weekly('UTC', 1), '2026-12')).toThrow();
  });
});
