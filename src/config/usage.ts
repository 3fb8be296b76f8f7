/**
 * What `npm start` prints when it cannot start: a few lines an operator can act on.
 */
import type { Config, ConfigError } from './env';

/** Printed when no chat platform is configured (exit code 2). */
export const NOTHING_TO_START = [
  'quadrants: no chat platform is configured, so there is nothing to start.',
  '  Slack:      set SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode on PORT).',
  '  Discord:    set DISCORD_TOKEN and DISCORD_APPLICATION_ID, then run `npm run register:discord` once.',
  '  TikLiveAPI: set TIKLIVEAPI_KEY for live data; without it the bot answers from the bundled demo creators.',
  '  Try it first without any account: npm run demo',
  'Put the settings in the environment or in a .env file (see .env.example), then run npm start again.',
].join('\n');

const SLACK_MODES: Record<NonNullable<Config['slack']>['mode'], string> = {
  socket: 'Socket Mode',
  http: 'HTTP mode',
  oauth: 'HTTP mode, distributed (OAuth)',
};

/** Printed for `--help`. */
export const HELP = [
  'Usage: npm start            start the Slack and/or Discord bot configured in the environment or .env',
  '       node dist/app/main.js --check     validate the configuration, print a summary and exit (2 when nothing would start)',
  '       node dist/app/main.js --version   print the version and exit',
  '',
  NOTHING_TO_START.split('\n').slice(1, 5).join('\n'),
].join('\n');

/** The lines printed for a ConfigError (exit code 2). */
export function describeConfigError(err: ConfigError): string {
  return [`quadrants: cannot start, fix the configuration first:`, ...err.problems.map((p) => `  - ${p}`)].join('\n');
}

/** A secret-free description of what will run, for `--check` and the start-up log line. */
export function configSummary(config: Config): Record<string, string | number> {
  return {
    slack: config.slack ? `${SLACK_MODES[config.slack.mode]}` : 'off',
    discord: config.discord ? (config.discord.guildId ? 'on (one server)' : 'on') : 'off',
    data: config.tikliveapi.key ? `TikLiveAPI (${config.tikliveapi.baseUrl})` : 'bundled demo creators (TIKLIVEAPI_KEY not set)',
    quickchart: config.quickchartBaseUrl,
    charts: `${config.charts.renderer} renderer, ${config.charts.delivery} delivery`,
    database: withoutPassword(config.database.url),
    digestTimezone: config.digest.timezone,
    port: config.port,
    logLevel: config.logLevel,
  };
}

/** A database URL may carry a password (a future Postgres store); never print it. */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
