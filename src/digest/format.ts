/**
 * Plain-text facts both renderers share: schedule descriptions, footers, the "no new posts" line.
 * Only our own words and sanitised handles go in, so the lines cannot ping anyone or break markup
 * beyond what each adapter's own escaping already handles.
 */
import type { Subscription } from '../store/types';
import type { Schedulable } from './schedule';
import type { Digest } from './types';
import { toLocal } from './zoned';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A TikTok handle reduced to the characters TikTok allows (letters, digits, '_' and '.'). */
export function safeHandle(username: string): string {
  return username.replace(/^@+/, '').replace(/[^A-Za-z0-9_.]/g, '').slice(0, 40);
}

/** How a creator is named in our sentences: '@handle', or 'creator 123' when only the id is known. */
export function creatorLabel(sub: Pick<Subscription, 'creatorUsername' | 'creatorUserid'>): string {
  const handle = safeHandle(sub.creatorUsername);
  return handle ? `@${handle}` : `creator ${sub.creatorUserid.replace(/\D/g, '').slice(0, 25)}`;
}

/** 'Fri 1 Jan 2027, 09:00' on the zone's wall clock. */
export function formatLocal(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  const hh = String(l.hour).padStart(2, '0');
  const mm = String(l.minute).padStart(2, '0');
  return `${WEEKDAYS[l.weekday]} ${l.day} ${MONTHS[l.month - 1]} ${l.year}, ${hh}:${mm}`;
}

/** 'monthly on day 1 at 09:00 (Europe/Berlin)' or 'weekly on Mondays at 09:00 (UTC)'. */
export function describeSchedule(s: Schedulable): string {
  const time = `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`;
  const when = s.cadence === 'monthly' ? `monthly on day ${s.day}` : `weekly on ${WEEKDAY_NAMES[s.day] ?? '?'}s`;
  return `${when} at ${time} (${s.timezone})`;
}

/** Footer facts for every digest: the zone and when the next one comes. */
export function footerText(digest: Pick<Digest, 'nextRunAt' | 'timezone' | 'subscription'>): string {
  const next = formatLocal(new Date(digest.nextRunAt), digest.timezone);
  const cadence = digest.subscription.cadence === 'weekly' ? 'Weekly' : 'Monthly';
  return `${cadence} digest · times in ${digest.timezone} · next digest ${next}`;
}

/** The one line posted instead of a chart when the creator has published nothing new. */
export function noNewPostsLine(digest: Pick<Digest, 'subscription'>): string {
  return `${creatorLabel(digest.subscription)} has not posted anything new since the last digest, so there is no new map this time.`;
}
