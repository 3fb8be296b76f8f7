/**
 * When digests are due. Everything is computed on the subscription's own wall clock (its IANA
 * zone) with Intl, so "day 1 at 09:00 Europe/Berlin" means 09:00 in Berlin in winter and in summer.
 *
 * Periods: monthly digests are labelled by the month they are sent in ('2026-12'); weekly ones by
 * the ISO week they are sent in ('2026-W49'). A run is keyed by (subscription, period).
 */
import { QuadrantsError } from '../errors';
import type { Cadence, Subscription } from '../store/types';
import { addDays, canonicalTimeZone, fromLocal, isoWeek, isoWeekMonday, toLocal } from './zoned';

/** The schedule fields of a subscription. `activeSince` (ISO) hides periods due before it. */
export type Schedulable = Pick<Subscription, 'cadence' | 'day' | 'hour' | 'minute' | 'timezone'> & {
  activeSince?: string;
};

/** Last day of month allowed: every month has a 28th, so a digest never silently skips February. */
export const MAX_MONTH_DAY = 28;

/** A cron expression for the schedule (node-cron syntax; read in the subscription's zone). */
export function cronExpression(s: Schedulable): string {
  return s.cadence === 'monthly' ? `${s.minute} ${s.hour} ${s.day} * *` : `${s.minute} ${s.hour} * * ${s.day}`;
}

/** Checks a schedule; returns the canonical time zone or throws a QuadrantsError with one sentence. */
export function validateSchedule(s: Schedulable): string {
  const zone = canonicalTimeZone(s.timezone);
  if (zone === null) {
    throw badInput(`unknown time zone`, 'That time zone is not a valid IANA name; use one like Europe/Berlin or America/New_York.');
  }
  if (s.cadence === 'monthly' && !(Number.isInteger(s.day) && s.day >= 1 && s.day <= MAX_MONTH_DAY)) {
    throw badInput('bad day of month', `A monthly digest needs a day between 1 and ${MAX_MONTH_DAY}; pick one of those.`);
  }
  if (s.cadence === 'weekly' && !(Number.isInteger(s.day) && s.day >= 0 && s.day <= 6)) {
    throw badInput('bad weekday', 'A weekly digest needs a weekday from 0 (Sunday) to 6 (Saturday); pick one of those.');
  }
  if (!(Number.isInteger(s.hour) && s.hour >= 0 && s.hour <= 23 && Number.isInteger(s.minute) && s.minute >= 0 && s.minute <= 59)) {
    throw badInput('bad time of day', 'The digest time must be a valid 24-hour time such as 09:00; fix it and try again.');
  }
  return zone;
}

/** The period `at` falls in, on the subscription's wall clock. */
export function periodFor(s: Schedulable, at: Date): string {
  const l = toLocal(at, s.timezone);
  if (s.cadence === 'monthly') return monthLabel(l.year, l.month);
  const w = isoWeek(l);
  return weekLabel(w.year, w.week);
}

/** The instant the digest of `period` is due. Throws on a label of the wrong cadence. */
export function dueAt(s: Schedulable, period: string): Date {
  const p = parsePeriod(period);
  if (p.cadence !== s.cadence) throw new QuadrantsError('INTERNAL', `period ${period} does not match a ${s.cadence} schedule`);
  const date =
    p.cadence === 'monthly'
      ? { year: p.year, month: p.index, day: s.day }
      : addDays(isoWeekMonday(p.year, p.index), (s.day + 6) % 7);
  return fromLocal({ ...date, hour: s.hour, minute: s.minute }, s.timezone);
}

/**
 * The most recent period already due at `now`, or null when it was due before the schedule took
 * effect. Only this one period is ever caught up: older missed periods are never sent.
 */
export function mostRecentDuePeriod(s: Schedulable, now: Date): string | null {
  let period = periodFor(s, now);
  if (dueAt(s, period).getTime() > now.getTime()) period = shiftPeriod(period, -1);
  if (s.activeSince !== undefined && dueAt(s, period).getTime() < Date.parse(s.activeSince)) return null;
  return period;
}

/** The next time a digest is due strictly after `now` (for confirmations and footers). */
export function nextRunAt(s: Schedulable, now: Date): Date {
  const period = periodFor(s, now);
  const due = dueAt(s, period);
  return due.getTime() > now.getTime() ? due : dueAt(s, shiftPeriod(period, 1));
}

/**
 * Like nextRunAt, but null when the stored schedule cannot be computed (a time zone this runtime
 * does not know, say): listings show such a row instead of failing for every row.
 */
export function nextRunAtOrNull(s: Schedulable, now: Date): Date | null {
  try {
    return nextRunAt(s, now);
  } catch {
    return null;
  }
}

/** The period `steps` periods after (or before, when negative) `period`. */
export function shiftPeriod(period: string, steps: number): string {
  const p = parsePeriod(period);
  if (p.cadence === 'monthly') {
    const m = p.year * 12 + (p.index - 1) + steps;
    return monthLabel(Math.floor(m / 12), (m % 12) + 1);
  }
  const w = isoWeek(addDays(isoWeekMonday(p.year, p.index), steps * 7));
  return weekLabel(w.year, w.week);
}

export function parsePeriod(period: string): { cadence: Cadence; year: number; index: number } {
  const monthly = /^(\d{4})-(\d{2})$/.exec(period);
  if (monthly) {
    const month = Number(monthly[2]);
    if (month >= 1 && month <= 12) return { cadence: 'monthly', year: Number(monthly[1]), index: month };
  }
  const weekly = /^(\d{4})-W(\d{2})$/.exec(period);
  if (weekly) {
    const week = Number(weekly[2]);
    if (week >= 1 && week <= 53) return { cadence: 'weekly', year: Number(weekly[1]), index: week };
  }
  throw new QuadrantsError('INTERNAL', `not a digest period: ${period.slice(0, 20)}`);
}

function monthLabel(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function weekLabel(year: number, week: number): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function badInput(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}
