/**
 * Wall-clock arithmetic in IANA time zones with Intl only (no date library).
 * A "local" value is the calendar date and time a clock on the wall in that zone shows.
 */

export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The canonical IANA name for `name` (e.g. 'utc' -> 'UTC'), or null when Intl does not know it.
 * Only region/city names and UTC aliases are accepted: offsets like '+02:00' do not follow DST.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 64 || /^[+-]/.test(trimmed)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True for a time zone name Intl understands. */
export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** What the wall clock in `timeZone` shows at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Local minus UTC, in ms, at `instantMs`. */
function offsetAt(instantMs: number, timeZone: string): number {
  const l = toLocal(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given date and time.
 * When the time occurs twice (autumn fall-back) the first one wins; when it does not exist
 * (spring-forward gap) the moment of the jump is used (02:30 on a day that jumps from 02:00 to
 * 03:00 gives 03:00), the way cron-like tools fire a skipped time: late by part of the gap,
 * never skipped, never later than the first wall-clock minute after it.
 */
export function fromLocal(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const day = 86_400_000;
  const before = offsetAt(wall - day, timeZone);
  const after = offsetAt(wall + day, timeZone);
  const matches = [before, after]
    .map((off) => wall - off)
    .filter((t) => {
      const l = toLocal(new Date(t), timeZone);
      return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) === wall;
    });
  if (matches.length) return new Date(Math.min(...matches));
  return new Date(jumpBetween(wall - after, wall - before, timeZone, after));
}

/**
 * The instant the offset becomes `offsetAfter`, searched between `lo` (still the old offset) and
 * `hi` (already the new one); both lie within the gap's length of the jump. Whole seconds:
 * every zone changes offset on a second.
 */
function jumpBetween(lo: number, hi: number, timeZone: string, offsetAfter: number): number {
  let low = Math.floor(lo / 1000);
  let high = Math.ceil(hi / 1000);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid * 1000, timeZone) === offsetAfter) high = mid;
    else low = mid;
  }
  return high * 1000;
}

/** Adds whole days to a calendar date (no time zone involved). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO-8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: { year: number; month: number; day: number }): { year: number; week: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const mondayBased = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - mondayBased) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week1Monday = isoWeekMonday(year, 1);
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(week1Monday.year, week1Monday.month - 1, week1Monday.day)) / (7 * 86_400_000));
  return { year, week };
}

/** The Monday that starts ISO week `week` of ISO year `year`. */
export function isoWeekMonday(year: number, week: number): { year: number; month: number; day: number } {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const offset = (jan4.getUTCDay() + 6) % 7;
  return addDays({ year, month: 1, day: 4 }, (week - 1) * 7 - offset);
}
