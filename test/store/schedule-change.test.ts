import { scheduleChanged, type ScheduleFields } from '../../src/store/schedule-change';

const weekly: ScheduleFields = { cadence: 'weekly', day: 1, hour: 9, minute: 0, timezone: 'Europe/Berlin' };

describe('scheduleChanged (the rule SQLite and PostgreSQL share)', () => {
  it('keeps the count running when the same schedule is written again on an active subscription', () => {
    expect(scheduleChanged({ ...weekly, status: 'active' }, { ...weekly })).toBe(false);
  });

  it.each([
    ['cadence', { cadence: 'monthly' as const }],
    ['day', { day: 2 }],
    ['hour', { hour: 10 }],
    ['minute', { minute: 30 }],
    ['time zone', { timezone: 'UTC' }],
  ])('restarts the count when the %s changes', (_name, change) => {
    expect(scheduleChanged({ ...weekly, status: 'active' }, { ...weekly, ...change })).toBe(true);
  });

  it('restarts the count when a disabled subscription is written again unchanged', () => {
    expect(scheduleChanged({ ...weekly, status: 'disabled' }, { ...weekly })).toBe(true);
  });
});
