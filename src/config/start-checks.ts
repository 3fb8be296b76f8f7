/**
 * The chat adapters' settings checked when they are built and started, and what a refusal says:
 * which variable is at fault and what to do about it, one sentence each. The adapters only say
 * what they were given and what the platform answered.
 */
import { QuadrantsError } from '../errors';

/** Which Slack settings were given (secrets only as present or absent). */
export interface SlackModeSettings {
  oauth: boolean;
  socketMode: boolean;
  botToken: boolean;
  signingSecret: boolean;
}

/** One bot token or the OAuth settings (never both), and a signing secret unless in Socket Mode. */
export function checkSlackMode(s: SlackModeSettings): void {
  if (s.oauth ? s.socketMode || s.botToken : !s.botToken) {
    throw new QuadrantsError('CONFIG', 'Slack needs one bot token or the OAuth settings, not both', {
      userMessage: 'Slack needs SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (HTTP mode) for many, not both.',
    });
  }
  if (!s.socketMode && !s.signingSecret) {
    throw new QuadrantsError('CONFIG', 'HTTP mode without a signing secret', {
      userMessage: 'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); set one of them.',
    });
  }
}

/** Slack refused a token at start (`code`: Slack's error code, or the transport's). */
export function slackStartError(variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', code: string, cause: unknown): QuadrantsError {
  const hint =
    variable === 'SLACK_APP_TOKEN'
      ? 'create an app-level token with the connections:write scope (xapp-…) and put it in SLACK_APP_TOKEN'
      : "copy the app's Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN";
  const sentence = `Slack did not accept ${variable} (${code}); ${hint}, and check SLACK_API_URL if you set it.`;
  return new QuadrantsError('CONFIG', sentence, { userMessage: sentence, cause });
}

/** Discord refused the login: a rejected token says how to fix it; anything else is passed on. */
export function discordLoginError(err: unknown): QuadrantsError {
  if ((err as { code?: unknown } | null)?.code === 'TokenInvalid') {
    return new QuadrantsError('CONFIG', 'Discord rejected the bot token', { userMessage: 'Discord rejected DISCORD_TOKEN; copy the bot token again from the Bot page of your application.' });
  }
  return new QuadrantsError('CONFIG', `Discord login failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/** DISCORD_SHARD_IDS given without a count must fit the count Discord recommends, which they then run under. */
export function checkShardIds(shardIds: readonly number[], recommended: number): void {
  const outside = shardIds.filter((id) => id >= recommended);
  if (outside.length > 0) {
    const sentence = `DISCORD_SHARD_IDS names shard ${outside.join(', ')}, but Discord recommends ${recommended} shard${recommended === 1 ? '' : 's'} (ids 0 to ${recommended - 1}); set DISCORD_SHARD_COUNT to the count your replicas share, or fix DISCORD_SHARD_IDS.`;
    throw new QuadrantsError('CONFIG', sentence, { userMessage: sentence });
  }
}
