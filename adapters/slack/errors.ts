/**
 * Slack Web API failures turned into one sentence that says what to do.
 * Slack reports problems as `ok: false` with an `error` code; @slack/web-api
 * throws them as coded errors, which we read here and nowhere else.
 */
import { QuadrantsError } from '../../src/errors';

/** Where the bot cannot post and the response_url fallback is used instead. */
export const NOT_A_MEMBER_CODES: ReadonlySet<string> = new Set(['not_in_channel', 'channel_not_found']);

/** Added to a report delivered through response_url because the bot is not in the channel. */
export const INVITE_HINT =
  'I am not a member of this channel, so the chart and the per-post thread are missing; type `/invite @quadrants` here and run the command again to get them.';

const SENTENCES: Record<string, string> = {
  not_in_channel: 'I am not a member of this channel; type `/invite @quadrants` here and run the command again.',
  channel_not_found:
    'I cannot see this channel (it may be private or a direct message); type `/invite @quadrants` in it and run the command again.',
  missing_scope: 'The Slack app is missing a permission; ask whoever installed it to reinstall it from manifest.yml.',
  is_archived: 'This channel is archived; run the command in an active channel.',
  invalid_auth: "The bot's Slack token was rejected; ask whoever runs the bot to check SLACK_BOT_TOKEN.",
  not_authed: "The bot's Slack token is missing; ask whoever runs the bot to set SLACK_BOT_TOKEN.",
  token_revoked: "The bot's Slack token was revoked; ask whoever runs the bot to reinstall the app and update SLACK_BOT_TOKEN.",
  token_expired: "The bot's Slack token has expired; ask whoever runs the bot to update SLACK_BOT_TOKEN.",
  account_inactive: "The bot's Slack account is deactivated; ask a workspace admin to reinstall the app.",
  ratelimited: 'Slack is rate limiting the bot right now; wait a minute and run the command again.',
  rate_limited: 'Slack is rate limiting the bot right now; wait a minute and run the command again.',
  restricted_action: 'This workspace does not let the bot post here; ask a workspace admin, or run the command in another channel.',
  restricted_action_read_only_channel: 'This channel is read-only for the bot; run the command in another channel.',
  restricted_action_thread_only_channel: 'This channel only allows replies in threads; run the command in another channel.',
  msg_too_long: 'Slack refused the report because it was too long; run it with fewer posts.',
  msg_blocks_too_long: 'Slack refused the report because it was too long; run it with fewer posts.',
  invalid_blocks: 'Slack refused the layout of the report; tell whoever runs the bot so they can look at the logs.',
  request_error: 'Slack could not be reached; try again in a minute.',
};

const FALLBACK = 'Slack did not accept the message; try again, and tell whoever runs the bot if it keeps happening.';

/** The Slack error code of a Web API failure (`not_in_channel`, `ratelimited`, `request_error`…), or null. */
export function slackErrorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; data?: { error?: unknown } };
  if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return e.data.error;
  if (e.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e.code === 'slack_webapi_request_error' || e.code === 'slack_webapi_http_error') return 'request_error';
  return null;
}

/** One sentence for the person who ran the command. */
export function slackErrorMessage(err: unknown): string {
  const code = slackErrorCode(err);
  return (code !== null && SENTENCES[code]) || FALLBACK;
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
