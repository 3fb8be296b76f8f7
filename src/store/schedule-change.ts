/**
 * The one rule both stores apply when a subscription is written again: a new schedule (or a
 * subscription coming back from disabled) starts counting from now, so the digest never reports
 * a window from before the change. Shared so SQLite and PostgreSQL cannot drift apart.
 */
import type { Subscription } from './types';

/** The fields of a subscription that make up its schedule. */
export type ScheduleFields = Pick<Subscription, 'cadence' | 'day' | 'hour' | 'minute' | 'timezone'>;

/** Whether writing `next` over `existing` changes when its digests fall (or re-activates it). */
export function scheduleChanged(existing: ScheduleFields & Pick<Subscription, 'status'>, next: ScheduleFields): boolean {
  return (
    existing.cadence !== next.cadence ||
    existing.day !== next.day ||
    existing.hour !== next.hour ||
    existing.minute !== next.minute ||
    existing.timezone !== next.timezone ||
    existing.status !== 'active'
  );
}
