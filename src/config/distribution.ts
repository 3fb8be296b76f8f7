/**
 * Configuration rules of the settings for running at scale: Slack distribution (OAuth, many
 * workspaces) and Discord shards. Each problem is one sentence naming the variables, never a value.
 */

/** The three variables of Slack distribution, which go together. */
const OAUTH = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** True when the variable has a non-blank value. */
function isSet(env: NodeJS.ProcessEnv, name: string): boolean {
  return (env[name]?.trim() ?? '') !== '';
}

/** True when any of the OAuth variables is set. */
export function anyOAuth(env: NodeJS.ProcessEnv): boolean {
  return OAUTH.some((n) => isSet(env, n));
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Slack distribution takes its three variables together, runs over HTTP (so it needs the signing
 * secret), and gets every bot token from the installations, so a single-workspace token beside
 * it is a mistake to point out rather than guess about.
 */
export function oauthProblems(env: NodeJS.ProcessEnv): string[] {
  if (!anyOAuth(env)) return [];
  const present = OAUTH.filter((n) => isSet(env, n));
  const missing = OAUTH.filter((n) => !isSet(env, n));
  if (missing.length > 0) {
    return [
      `${listed(present)} ${present.length === 1 ? 'is' : 'are'} set but ${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} missing: distributing the Slack app to many workspaces needs all three (client id and secret from Basic Information → App Credentials, and a state secret of your own, any long random string), or remove ${listed(present)}.`,
    ];
  }
  const out: string[] = [];
  if (!isSet(env, 'SLACK_SIGNING_SECRET')) {
    out.push('SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET run Slack over HTTP, which needs SLACK_SIGNING_SECRET too: copy it from Basic Information → App Credentials.');
  }
  const single = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'].filter((n) => isSet(env, n));
  if (single.length > 0) {
    out.push(
      `${listed(single)} cannot be used with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: with distribution each workspace's bot token comes from its installation, so remove ${listed(single)} (or the three OAuth variables to run in one workspace).`,
    );
  }
  return out;
}

/** Shard ids must exist in the configured count (without a count, Discord's recommendation is checked at start). */
export function shardProblems(count: number | undefined, ids: number[] | undefined): string[] {
  if (count === undefined || ids === undefined) return [];
  const outside = ids.filter((id) => id >= count);
  if (outside.length === 0) return [];
  return [
    `DISCORD_SHARD_IDS names shard ${outside.join(', ')}, but DISCORD_SHARD_COUNT is ${count}, so shard ids run from 0 to ${count - 1}; fix one of the two.`,
  ];
}
