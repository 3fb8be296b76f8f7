/**
 * The settings the CLI needs, read through the one configuration schema (src/config/env.ts) so
 * the CLI and the bot accept and refuse exactly the same values.
 */
import { ConfigError, loadConfig, type Config } from './env';
import { QuadrantsError } from '../errors';
import type { LogLevel } from '../log';

export interface CliSettings {
  /** Absent: the CLI answers from the bundled demo data. */
  apiKey?: string;
  tikliveapiBaseUrl: string;
  requestsPerMinute: number;
  quickchartBaseUrl: string;
  minViews: number;
  /** `LOG_LEVEL` when set; otherwise `error`, so stderr carries the one-line reason and little else. */
  logLevel: LogLevel;
  /** The validated configuration, for commands that need more (digests: store and chat platforms). */
  config: Config;
}

/** Variables only the chat platforms read. */
const CHAT_VARIABLE = /^(SLACK|DISCORD)_/;

/**
 * Reads and validates the environment. Throws QuadrantsError('CONFIG') with one sentence.
 * `chat: false` (report, compare, post) leaves the Slack and Discord settings out, so a
 * half-configured chat platform never blocks a command that does not use it.
 */
export function readSettings(env: NodeJS.ProcessEnv, options: { chat: boolean } = { chat: true }): CliSettings {
  try {
    const used = options.chat ? env : Object.fromEntries(Object.entries(env).filter(([k]) => !CHAT_VARIABLE.test(k)));
    const config = loadConfig(used);
    return {
      ...(config.tikliveapi.key === undefined ? {} : { apiKey: config.tikliveapi.key }),
      tikliveapiBaseUrl: config.tikliveapi.baseUrl,
      requestsPerMinute: config.tikliveapi.requestsPerMinute,
      quickchartBaseUrl: config.quickchartBaseUrl,
      minViews: config.minViews,
      logLevel: (env.LOG_LEVEL ?? '').trim() ? config.logLevel : 'error',
      config,
    };
  } catch (err) {
    if (err instanceof ConfigError) {
      const [first = 'The configuration is not valid.', ...more] = err.problems;
      const rest = more.length ? ` (and ${more.length} more problem${more.length === 1 ? '' : 's'})` : '';
      throw new QuadrantsError('CONFIG', 'invalid configuration', { userMessage: `${first}${rest}`.replace(/\s*\n\s*/g, ' '), cause: err });
    }
    throw err;
  }
}
