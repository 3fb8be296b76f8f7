/**
 * The one configuration schema. Every setting is read here, once, at start-up; the rest of the
 * program receives a typed `Config` and never touches `process.env`.
 *
 * Failures are collected, not thrown one by one, so an operator fixes everything in one pass.
 */
import { z } from 'zod';
import { registerSecret, type LogLevel } from '../log';
import type { CommandLimits } from '../ratelimit';
import { databasePassword, storeTarget } from '../store/path';
import type { ChartDeliveryMode } from '../chart/delivery';
import type { ChartRendererKind } from '../chart/renderer';
import { DEFAULT_DELIVERY_CONCURRENCY } from '../digest/pacing';
import { anyOAuth, oauthProblems, shardProblems } from './distribution';
import { apiKey, databaseUrl, flag, httpUrl, oneOf, optionalText, shardIds, slackUserIds, snowflake, timeZone, wholeNumber } from './fields';

/** Values used when a variable is not set. Documented in .env.example and the README. */
export const DEFAULTS = {
  TIKLIVEAPI_BASE_URL: 'https://api.tikliveapi.com',
  TIKLIVEAPI_REQUESTS_PER_MINUTE: 200,
  QUICKCHART_BASE_URL: 'https://quickchart.io',
  CHART_RENDERER: 'quickchart',
  CHART_DELIVERY: 'auto',
  DATABASE_URL: './data/quadrants.db',
  DIGEST_TIMEZONE: 'UTC',
  DIGEST_DELIVERY_CONCURRENCY: DEFAULT_DELIVERY_CONCURRENCY,
  PORT: 3000,
  LOG_LEVEL: 'info',
  REPORTS_PER_USER_PER_MINUTE: 5,
  REPORTS_PER_TEAM_PER_MINUTE: 20,
  CACHE_TTL_SECONDS: 600,
  MIN_VIEWS: 1,
  COMMAND_DEADLINE_MS: 20_000,
} as const;

/** Variables whose values are secrets: registered with the logger and never echoed. */
export const SECRET_VARIABLES = [
  'TIKLIVEAPI_KEY',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'DISCORD_TOKEN',
] as const;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
const CHART_RENDERERS = ['quickchart', 'local'] as const satisfies readonly ChartRendererKind[];
const CHART_DELIVERIES = ['auto', 'url', 'upload'] as const satisfies readonly ChartDeliveryMode[];

const EnvSchema = z.object({
  TIKLIVEAPI_KEY: apiKey('TIKLIVEAPI_KEY'),
  TIKLIVEAPI_BASE_URL: httpUrl('TIKLIVEAPI_BASE_URL', DEFAULTS.TIKLIVEAPI_BASE_URL),
  TIKLIVEAPI_REQUESTS_PER_MINUTE: wholeNumber('TIKLIVEAPI_REQUESTS_PER_MINUTE', 1, 100_000),
  SLACK_BOT_TOKEN: optionalText(),
  SLACK_APP_TOKEN: optionalText(),
  SLACK_SIGNING_SECRET: optionalText(),
  SLACK_CLIENT_ID: optionalText(),
  SLACK_CLIENT_SECRET: optionalText(),
  SLACK_STATE_SECRET: optionalText(),
  SLACK_API_URL: httpUrl('SLACK_API_URL', 'https://slack.com/api/'),
  SLACK_MANAGER_IDS: slackUserIds('SLACK_MANAGER_IDS'),
  DISCORD_TOKEN: optionalText(),
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID', 'application id'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID', 'server (guild) id'),
  DISCORD_API_URL: httpUrl('DISCORD_API_URL', 'https://discord.com/api'),
  DISCORD_SHARD_COUNT: wholeNumber('DISCORD_SHARD_COUNT', 1, 100_000),
  DISCORD_SHARD_IDS: shardIds('DISCORD_SHARD_IDS'),
  QUICKCHART_BASE_URL: httpUrl('QUICKCHART_BASE_URL', DEFAULTS.QUICKCHART_BASE_URL),
  QUICKCHART_PUBLIC: flag('QUICKCHART_PUBLIC'),
  QUICKCHART_PLUGINS: flag('QUICKCHART_PLUGINS'),
  CHART_RENDERER: oneOf('CHART_RENDERER', CHART_RENDERERS),
  CHART_DELIVERY: oneOf('CHART_DELIVERY', CHART_DELIVERIES),
  DATABASE_URL: databaseUrl('DATABASE_URL', isDatabaseUrl),
  DIGEST_TIMEZONE: timeZone('DIGEST_TIMEZONE'),
  DIGEST_DELIVERY_CONCURRENCY: wholeNumber('DIGEST_DELIVERY_CONCURRENCY', 1, 64),
  PORT: wholeNumber('PORT', 0, 65_535),
  LOG_LEVEL: oneOf('LOG_LEVEL', LOG_LEVELS),
  REPORTS_PER_USER_PER_MINUTE: wholeNumber('REPORTS_PER_USER_PER_MINUTE', 1, 10_000),
  REPORTS_PER_TEAM_PER_MINUTE: wholeNumber('REPORTS_PER_TEAM_PER_MINUTE', 1, 100_000),
  CREDITS_PER_WORKSPACE_PER_MONTH: wholeNumber('CREDITS_PER_WORKSPACE_PER_MONTH', 1, 100_000_000),
  CACHE_TTL_SECONDS: wholeNumber('CACHE_TTL_SECONDS', 0, 7 * 24 * 3600),
  MIN_VIEWS: wholeNumber('MIN_VIEWS', 0, 1_000_000_000),
  // Under a second no upstream call can finish; over ten minutes no chat user is still waiting.
  COMMAND_DEADLINE_MS: wholeNumber('COMMAND_DEADLINE_MS', 1_000, 600_000),
});

function isDatabaseUrl(value: string): boolean {
  try {
    storeTarget(value);
    return true;
  } catch {
    return false;
  }
}

type Env = z.infer<typeof EnvSchema>;

/** Every variable the bot reads (documented one per line in .env.example). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof Env)[];

/** Slack distribution: the app's OAuth credentials (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET). */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the install flow's `state`, so a forged or replayed redirect is refused. */
  stateSecret: string;
}

/**
 * Slack over Socket Mode (no public URL), HTTP with one bot token (Slack calls /slack/events on
 * PORT), or OAuth: HTTP for many workspaces, each with the bot token stored at its installation.
 */
export type SlackConfig = (
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl?: string }
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string }
  | { mode: 'oauth'; oauth: SlackOAuthConfig; signingSecret: string; apiUrl?: string }
) & {
  /** Who may change digest subscriptions (SLACK_MANAGER_IDS); empty lets everyone in the workspace. */
  managers: string[];
};

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register commands in this server only (instant updates while testing). */
  guildId?: string;
  apiUrl?: string;
  /** DISCORD_SHARD_COUNT; absent: the count Discord recommends (GET /gateway/bot). */
  shardCount?: number;
  /** DISCORD_SHARD_IDS: the shards this process runs; absent: every shard. */
  shardIds?: number[];
}

export interface Config {
  tikliveapi: {
    /** Absent: the bot answers from the bundled demo creators. */
    key?: string;
    baseUrl: string;
    requestsPerMinute: number;
    cacheTtlMs: number;
  };
  /** Present only when Slack is configured. */
  slack?: SlackConfig;
  /** Present only when Discord is configured. */
  discord?: DiscordConfig;
  quickchartBaseUrl: string;
  /** How charts are drawn and reach a chat (see src/chart/renderer.ts and delivery.ts). */
  charts: {
    renderer: ChartRendererKind;
    delivery: ChartDeliveryMode;
    /** QUICKCHART_PUBLIC; absent: judged from QUICKCHART_BASE_URL's host. */
    quickchartPublic?: boolean;
    /** QUICKCHART_PLUGINS; absent: only hosted quickchart.io is taken to draw the chart plugins. */
    quickchartPlugins?: boolean;
  };
  database: { url: string };
  /** deliveryConcurrency: DIGEST_DELIVERY_CONCURRENCY, digests posted at once across channels. */
  digest: { timezone: string; deliveryConcurrency: number };
  port: number;
  logLevel: LogLevel;
  limits: CommandLimits;
  /** TikLiveAPI credits each Slack workspace or Discord server may spend per calendar month (UTC); null = unlimited. */
  creditsPerWorkspacePerMonth: number | null;
  minViews: number;
  /** One command's overall time limit across requests, retries and per-post fills (ms). */
  commandDeadlineMs: number;
}

/** Start-up configuration problems, one sentence each, naming the variable and the fix. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and validates every setting. Throws ConfigError listing every problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Register before validating: even a config that fails must never leak its secrets into a log.
  for (const name of SECRET_VARIABLES) registerSecret(env[name]?.trim());
  // A postgres:// URL may carry a password: only that part is secret (the host helps debugging).
  registerSecret(databasePassword(env.DATABASE_URL));

  const parsed = EnvSchema.safeParse(env);
  // Pairing rules read only presence, so they run even when another variable is malformed.
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  problems.push(...pairingProblems(env), ...oauthProblems(env));
  if (parsed.success) problems.push(...slackTokenProblems(parsed.data), ...shardProblems(parsed.data.DISCORD_SHARD_COUNT, parsed.data.DISCORD_SHARD_IDS));
  if (!parsed.success || problems.length > 0) throw new ConfigError(unique(problems));
  return toConfig(parsed.data);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function presence(env: NodeJS.ProcessEnv): Record<(typeof PAIRED)[number], boolean> {
  const has = (name: string) => (env[name]?.trim() ?? '') !== '';
  return Object.fromEntries(PAIRED.map((n) => [n, has(n)])) as Record<(typeof PAIRED)[number], boolean>;
}

const PAIRED = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const;

/** A token without its partner: nothing may start half-configured. */
function pairingProblems(env: NodeJS.ProcessEnv): string[] {
  const e = presence(env);
  const out: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    out.push(
      'SLACK_BOT_TOKEN is set but Slack needs a second value: set SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode), or remove SLACK_BOT_TOKEN.',
    );
  }
  // With any OAuth variable set the tokens come from installations; oauthProblems speaks for that case.
  if (!e.SLACK_BOT_TOKEN && !anyOAuth(env) && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)) {
    const which = e.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET';
    out.push(`${which} is set but SLACK_BOT_TOKEN is missing: set SLACK_BOT_TOKEN to the app's Bot User OAuth Token (xoxb-…), or remove ${which}.`);
  }
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) {
    out.push('DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is missing: copy the Application ID from the Discord developer portal, or remove DISCORD_TOKEN.');
  }
  if (!e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID) {
    out.push('DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is missing: set DISCORD_TOKEN to the bot token from the Discord developer portal, or remove DISCORD_APPLICATION_ID.');
  }
  return out;
}

/** Catches the common mix-up of Slack's two tokens, without echoing either. */
function slackTokenProblems(e: Env): string[] {
  const out: string[] = [];
  if (e.SLACK_BOT_TOKEN?.startsWith('xapp-')) {
    out.push('SLACK_BOT_TOKEN holds an app-level token (xapp-…): put the Bot User OAuth Token (xoxb-…) there and the xapp- token in SLACK_APP_TOKEN.');
  }
  if (e.SLACK_APP_TOKEN && /^xox[bp]-/.test(e.SLACK_APP_TOKEN)) {
    out.push('SLACK_APP_TOKEN holds an OAuth token (xoxb-/xoxp-…): create an app-level token with the connections:write scope (xapp-…) and use that.');
  }
  return out;
}

function slackConfig(e: Env): SlackConfig | undefined {
  const apiUrl = e.SLACK_API_URL === undefined ? {} : { apiUrl: `${e.SLACK_API_URL}/` };
  const managers = e.SLACK_MANAGER_IDS ?? [];
  // loadConfig has already refused partial OAuth settings and OAuth mixed with a bot token.
  if (e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET && e.SLACK_SIGNING_SECRET) {
    const oauth = { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET };
    return { mode: 'oauth', oauth, signingSecret: e.SLACK_SIGNING_SECRET, managers, ...apiUrl };
  }
  if (!e.SLACK_BOT_TOKEN) return undefined;
  // Socket Mode wins when both are set: it needs no public URL, so it is the safer reading.
  if (e.SLACK_APP_TOKEN) return { mode: 'socket', botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, managers, ...apiUrl };
  return { mode: 'http', botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET as string, managers, ...apiUrl };
}

function discordConfig(e: Env): DiscordConfig | undefined {
  if (!e.DISCORD_TOKEN || !e.DISCORD_APPLICATION_ID) return undefined;
  return {
    token: e.DISCORD_TOKEN,
    applicationId: e.DISCORD_APPLICATION_ID,
    ...(e.DISCORD_GUILD_ID === undefined ? {} : { guildId: e.DISCORD_GUILD_ID }),
    ...(e.DISCORD_API_URL === undefined ? {} : { apiUrl: e.DISCORD_API_URL }),
    ...(e.DISCORD_SHARD_COUNT === undefined ? {} : { shardCount: e.DISCORD_SHARD_COUNT }),
    ...(e.DISCORD_SHARD_IDS === undefined ? {} : { shardIds: e.DISCORD_SHARD_IDS }),
  };
}

function toConfig(e: Env): Config {
  const slack = slackConfig(e);
  const discord = discordConfig(e);
  return {
    tikliveapi: {
      ...(e.TIKLIVEAPI_KEY === undefined ? {} : { key: e.TIKLIVEAPI_KEY }),
      baseUrl: e.TIKLIVEAPI_BASE_URL ?? DEFAULTS.TIKLIVEAPI_BASE_URL,
      requestsPerMinute: e.TIKLIVEAPI_REQUESTS_PER_MINUTE ?? DEFAULTS.TIKLIVEAPI_REQUESTS_PER_MINUTE,
      cacheTtlMs: (e.CACHE_TTL_SECONDS ?? DEFAULTS.CACHE_TTL_SECONDS) * 1000,
    },
    ...(slack ? { slack } : {}),
    ...(discord ? { discord } : {}),
    quickchartBaseUrl: e.QUICKCHART_BASE_URL ?? DEFAULTS.QUICKCHART_BASE_URL,
    charts: {
      renderer: e.CHART_RENDERER ?? DEFAULTS.CHART_RENDERER,
      delivery: e.CHART_DELIVERY ?? DEFAULTS.CHART_DELIVERY,
      ...(e.QUICKCHART_PUBLIC === undefined ? {} : { quickchartPublic: e.QUICKCHART_PUBLIC }),
      ...(e.QUICKCHART_PLUGINS === undefined ? {} : { quickchartPlugins: e.QUICKCHART_PLUGINS }),
    },
    database: { url: e.DATABASE_URL ?? DEFAULTS.DATABASE_URL },
    digest: {
      timezone: e.DIGEST_TIMEZONE ?? DEFAULTS.DIGEST_TIMEZONE,
      deliveryConcurrency: e.DIGEST_DELIVERY_CONCURRENCY ?? DEFAULTS.DIGEST_DELIVERY_CONCURRENCY,
    },
    port: e.PORT ?? DEFAULTS.PORT,
    logLevel: e.LOG_LEVEL ?? DEFAULTS.LOG_LEVEL,
    limits: {
      perUserPerMinute: e.REPORTS_PER_USER_PER_MINUTE ?? DEFAULTS.REPORTS_PER_USER_PER_MINUTE,
      perTeamPerMinute: e.REPORTS_PER_TEAM_PER_MINUTE ?? DEFAULTS.REPORTS_PER_TEAM_PER_MINUTE,
    },
    creditsPerWorkspacePerMonth: e.CREDITS_PER_WORKSPACE_PER_MONTH ?? null,
    minViews: e.MIN_VIEWS ?? DEFAULTS.MIN_VIEWS,
    commandDeadlineMs: e.COMMAND_DEADLINE_MS ?? DEFAULTS.COMMAND_DEADLINE_MS,
  };
}

/** True when at least one chat platform is configured, i.e. there is something to start. */
export function hasChatPlatform(config: Config): boolean {
  return config.slack !== undefined || config.discord !== undefined;
}
