/**
 * What a Slack requester reads when Slack refuses a message, by Slack's error code: one sentence
 * each that says what to do. The adapter only reads the code from the failure.
 */

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

/** The sentence for Slack's error `code` (null: a failure that carried none). */
export function slackRefusal(code: string | null): string {
  return (code !== null && SENTENCES[code]) || FALLBACK;
}
