/**
 * Pausing a subscription: a person's choice to skip its digests for a while without losing its
 * schedule. Paused is not disabled (which the bot sets when a channel cannot receive digests):
 * a paused subscription is kept as it is and simply not due. Resuming moves `active_since` to the
 * moment of the resume, so the periods skipped while paused are never sent late.
 */

/** Migration 4 (both engines): who paused a subscription, and when; NULL while it runs. */
export const PAUSED_SUBSCRIPTIONS_SQL = `
  ALTER TABLE subscriptions ADD COLUMN paused_at TEXT;
  ALTER TABLE subscriptions ADD COLUMN paused_by TEXT;
`;

/** Pause as `by` (a chat user id), or resume (null). */
export type PauseChange = { by: string } | null;
