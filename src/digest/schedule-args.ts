/**
 * Schedule options of `subscribe`: cadence (`monthly`, the default, or `weekly`), `on <day>`
 * (1–28 for monthly; monday…sunday for weekly), `at HH:MM` (24 h) and `tz <IANA zone>`. Each bad
 * part gets one sentence naming it and a valid example; nothing is stored before they all pass.
 */
import { z } from 'zod';
import { canonicalTimeZone } from './zoned';
import { MAX_MONTH_DAY } from './schedule';
import type { Cadence } from '../store/types';
import { echoInput } from '../commands/creator';

/** Weekday names as typed → 0 = Sunday … 6 = Saturday (the store's numbering). */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** The keywords `subscribe` reads from text: each is followed by its value. */
export const SCHEDULE_KEYWORDS = ['on', 'at', 'tz'] as const;
export type ScheduleKeyword = (typeof SCHEDULE_KEYWORDS)[number];

/** What a user may change; absent parts keep the existing subscription's (or the defaults). */
export interface ScheduleChoice {
  cadence?: Cadence;
  day?: number;
  hour?: number;
  minute?: number;
  timezone?: string;
}

/** `friday`, `Fri` → 5; anything else → null. */
export function weekdayNumber(value: string): number | null {
  const v = value.trim().toLowerCase();
  if (v.length < 3) return null;
  const i = WEEKDAYS.findIndex((d) => d.startsWith(v));
  return i >= 0 ? i : null;
}

export const cadenceArg = z
  .string()
  .optional()
  .transform((value, ctx): Cadence | undefined => {
    if (value === undefined) return undefined;
    const v = value.trim().toLowerCase();
    if (v === 'monthly' || v === 'weekly') return v;
    ctx.addIssue({ code: 'custom', message: `The cadence must be monthly or weekly, for example weekly; “${echoInput(value)}” is neither.` });
    return z.NEVER;
  });

/** `at 9:30`, `at 09:30`, `at 21:05` → hour and minute. */
export const timeArg = z
  .string()
  .optional()
  .transform((value, ctx): { hour: number; minute: number } | undefined => {
    if (value === undefined) return undefined;
    const m = /^([01]?[0-9]|2[0-3]):([0-5][0-9])$/.exec(value.trim());
    if (m) return { hour: Number(m[1]), minute: Number(m[2]) };
    ctx.addIssue({ code: 'custom', message: `The time “${echoInput(value)}” is not a 24-hour time; write it as HH:MM, for example at 09:30.` });
    return z.NEVER;
  });

/** `tz Europe/Berlin` → the canonical IANA name. Offsets are refused: they do not follow DST. */
export const zoneArg = z
  .string()
  .optional()
  .transform((value, ctx): string | undefined => {
    if (value === undefined) return undefined;
    const zone = canonicalTimeZone(value);
    if (zone !== null) return zone;
    ctx.addIssue({ code: 'custom', message: `The time zone “${echoInput(value)}” is not an IANA zone name; use one like Europe/Berlin or America/New_York.` });
    return z.NEVER;
  });

/**
 * Reads `on <day>` against the cadence: a number means a monthly day, a weekday name a weekly
 * day, so `on friday` alone implies weekly. A day that contradicts the cadence is refused.
 */
export function resolveDay(cadence: Cadence | undefined, on: string | undefined, ctx: z.RefinementCtx): Pick<ScheduleChoice, 'cadence' | 'day'> {
  if (on === undefined) return cadence ? { cadence } : {};
  const digits = /^[0-9]{1,2}$/.test(on.trim()) ? Number(on.trim()) : null;
  const weekday = weekdayNumber(on);
  if (digits !== null && cadence !== 'weekly') {
    if (digits >= 1 && digits <= MAX_MONTH_DAY) return { cadence: 'monthly', day: digits };
    ctx.addIssue({ code: 'custom', message: `A monthly digest runs on a day from 1 to ${MAX_MONTH_DAY} (every month has one); “${echoInput(on)}” is not, for example on 15.` });
    return {};
  }
  if (weekday !== null && cadence !== 'monthly') return { cadence: 'weekly', day: weekday };
  const message =
    cadence === 'weekly'
      ? `A weekly digest runs on a weekday; “${echoInput(on)}” is not one, for example weekly on friday.`
      : cadence === 'monthly'
        ? `A monthly digest runs on a day from 1 to ${MAX_MONTH_DAY}; “${echoInput(on)}” is not one, for example monthly on 15.`
        : `The day “${echoInput(on)}” is neither a day of the month (1 to ${MAX_MONTH_DAY}) nor a weekday; for example on 15 or on friday.`;
  ctx.addIssue({ code: 'custom', message });
  return {};
}

/** The schedule parts of a raw input, validated together (the day depends on the cadence). */
export const scheduleShape = {
  cadence: cadenceArg,
  on: z.string().max(20, { error: 'The day after on is too long; for example on 15 or on friday.' }).optional(),
  at: timeArg,
  tz: zoneArg,
};

/** Combines the validated parts into what the subscription service takes. */
export function scheduleOf(
  i: { cadence?: Cadence | undefined; on?: string | undefined; at?: { hour: number; minute: number } | undefined; tz?: string | undefined },
  ctx: z.RefinementCtx,
): ScheduleChoice {
  const out: ScheduleChoice = { ...resolveDay(i.cadence, i.on, ctx) };
  if (i.at) Object.assign(out, i.at);
  if (i.tz) out.timezone = i.tz;
  return out;
}
