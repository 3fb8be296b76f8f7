/**
 * Slack Web API failures turned into one sentence that says what to do.
 * Slack reports problems as `ok: false` with an `error` code; @slack/web-api
 * throws them as coded errors, which we read here and nowhere else.
 */
import { QuadrantsError } from '../../src/errors';
import { slackRefusal } from '../../src/chat/cards/slack-refusals';

/** Where the bot cannot post and the response_url fallback is used instead. */
export const NOT_A_MEMBER_CODES: ReadonlySet<string> = new Set(['not_in_channel', 'channel_not_found']);

/** The Slack error code of a Web API failure (`not_in_channel`, `ratelimited`, `request_error`…), or null. */
export function slackErrorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; data?: { error?: unknown } };
  if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return e.data.error;
  if (e.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e.code === 'slack_webapi_request_error' || e.code === 'slack_webapi_http_error') return 'request_error';
  return null;
}

/** One sentence for the person who ran the command (the core's words, src/chat/cards/slack-refusals.ts). */
export function slackErrorMessage(err: unknown): string {
  return slackRefusal(slackErrorCode(err));
}

/** True when the failure means the bot is not in the channel (fall back to response_url). */
export function isNotAMember(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code !== null && NOT_A_MEMBER_CODES.has(code);
}

/** The channel's problems, in the words a digest failure there records (retrying cannot help). */
export const CHANNEL_REASONS: Readonly<Record<string, string>> = {
  not_in_channel: 'the bot is not in this channel',
  channel_not_found: 'the channel was not found or the bot cannot see it',
  is_archived: 'the channel is archived',
};

/**
 * Why the bot may not post in a channel, for a failure that says so (`not_in_channel`,
 * `channel_not_found`), in the words a digest failure there records; null for any other failure.
 */
export function noAccessReason(err: unknown): string | null {
  const code = slackErrorCode(err);
  return code !== null && NOT_A_MEMBER_CODES.has(code) ? (CHANNEL_REASONS[code] ?? null) : null;
}

/** A refused message as the error a turn ends with: the one sentence the requester reads. */
export function platformError(err: unknown): QuadrantsError {
  return new QuadrantsError('INTERNAL', `slack refused the message: ${slackErrorCode(err) ?? 'unknown'}`, { userMessage: slackErrorMessage(err), cause: err });
}
