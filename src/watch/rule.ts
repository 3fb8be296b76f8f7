/**
 * Which posts a watch alerts: the report's own template flag (src/quadrants/templates.ts, the one
 * rule), on posts younger than ALERT_MAX_AGE_DAYS on the run's clock. A post exactly that old is
 * no longer new: the week in which derivative content is expected has passed.
 */
import type { QuadrantReport, RatedPost } from '../quadrants/types';

export const ALERT_MAX_AGE_DAYS = 7;
const MAX_AGE_MS = ALERT_MAX_AGE_DAYS * 24 * 60 * 60_000;

/** Posts a watch may alert, newest first: flagged as templates and created less than 7 days before `at`. */
export function alertablePosts(report: QuadrantReport, at: Date): RatedPost[] {
  return report.posts.filter((p) => p.template && at.getTime() - p.createdAt * 1000 < MAX_AGE_MS);
}

/** The UTC day of a time ('2026-12-07'): a watch is checked once per such day. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
