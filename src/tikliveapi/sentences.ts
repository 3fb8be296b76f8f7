/**
 * The user sentences for TikLiveAPI failures whose true wording depends on what happened:
 * how long the API asked us to wait, whether the bot could reach it at all, and how long a
 * command may take. Each is one sentence a chat user can act on; none carries a secret.
 */

/** A duration as people say it, rounded up so waiting that long is always enough: "45 seconds", "2 minutes". */
export function spokenDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return minutes === 1 ? 'a minute' : `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

/** RATE_LIMITED with the wait the API asked for (Retry-After). */
export function rateLimitedSentence(retryAfterMs: number): string {
  return `TikLiveAPI is rate limiting us right now; wait ${spokenDuration(retryAfterMs)} and run the command again.`;
}

/**
 * The request never left this machine or was refused on arrival (DNS failure, connection
 * refused, no route): the API may be fine, so the fix is on the bot's side.
 */
export const UNREACHABLE_SENTENCE =
  'The bot cannot reach TikLiveAPI from its host; whoever runs it should check the host’s network connection and TIKLIVEAPI_BASE_URL.';

/** A command's overall deadline passed before TikLiveAPI answered what it needed. */
export function deadlineSentence(deadlineMs: number): string {
  return `TikLiveAPI did not answer within ${spokenDuration(deadlineMs)}, so there is nothing to show yet; try again in a few minutes.`;
}
