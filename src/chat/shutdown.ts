/**
 * What a turn needs to know about the process shutting down, on the ground floor of src/chat so
 * the work tracker (src/ops/inflight.ts) and the pipeline share it without chat importing ops.
 */

/** The sentence a user sees when a command arrives during shutdown. */
export const SHUTTING_DOWN_MESSAGE = 'The bot is restarting right now; run the command again in a minute.';

/** Registers a turn's last word in case it is still running when the grace period ends. */
export type OnAbandon = (notify: () => Promise<void>) => () => void;
