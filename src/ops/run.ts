/**
 * The process entry as a testable function: read configuration, explain what is wrong (exit 2),
 * or start everything and stop it cleanly on SIGTERM / SIGINT.
 *
 * Nothing starts until every setting has been validated.
 */
import { ConfigError, hasChatPlatform, loadConfig, type Config } from '../config/env';
import { withDotEnv } from '../config/dotenv';
import { configSummary, describeConfigError, HELP, NOTHING_TO_START } from '../config/usage';
import { createLogger, type Logger } from '../log';
import { startApp, type AppDeps, type RunningApp } from './app';
import type { SetTimer } from './inflight';
import { crashHandler, installSignalHandlers, type CrashKind, type SignalIo } from './shutdown';
import { version } from '../version';

/** What `npm start` accepts on its command line. */
const OPTIONS: ReadonlySet<string> = new Set(['--check', '--help', '-h', '--version', '-V']);

/** Exit code for "the configuration does not allow starting". */
export const EXIT_CONFIG = 2;
/** Exit code for "a component failed to start" (bad token, port in use). */
export const EXIT_START_FAILED = 1;

export interface MainIo extends SignalIo {
  /** Human-readable output (help, --check). */
  stdout(text: string): void;
  /** Human-readable problems (configuration errors). */
  stderr(text: string): void;
  /** Where JSON log lines go (default: stdout). */
  logLine?(line: string): void;
  /** `.env` file to read, or null to read none (default: `.env` in the working directory). */
  envFile?: string | null;
  /** Subscribes to process-level crashes (main.ts wires process 'unhandledRejection'/'uncaughtException'). */
  onCrash?(handler: (kind: CrashKind, err: unknown) => void): void;
  host?: string;
  graceMs?: number;
  setTimer?: SetTimer;
}

/** `code` set: the process should exit with it now. `app` set: the bot is running. */
export type MainResult = { code: number; app?: undefined } | { code: null; app: RunningApp };

function readConfig(env: NodeJS.ProcessEnv, io: MainIo): Config | number {
  let merged = env;
  if (io.envFile !== null) {
    try {
      merged = withDotEnv(env, io.envFile ?? '.env');
    } catch (err) {
      // Say which file, never its content (it holds the secrets).
      io.stderr(`quadrants: cannot read ${io.envFile ?? '.env'} (${(err as Error).name}); fix its permissions or delete it.`);
      return EXIT_CONFIG;
    }
  }
  try {
    return loadConfig(merged);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr(describeConfigError(err));
    return EXIT_CONFIG;
  }
}

function printSummary(config: Config, io: MainIo): void {
  const lines = Object.entries(configSummary(config)).map(([k, v]) => `  ${k.padEnd(15)} ${v}`);
  io.stdout(['quadrants: configuration is valid.', ...lines].join('\n'));
}

/** Friendly sentence for the start-up failures operators actually meet. */
function startFailureHint(err: unknown, config: Config): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return `PORT ${config.port} is already in use; stop the other process or set PORT to a free port.`;
  if (code === 'EACCES') return `PORT ${config.port} needs extra privileges; use a port above 1024.`;
  return undefined;
}

/**
 * Runs the bot. `loadDeps` is only called once the configuration is valid, so configuration
 * errors are reported even when a component cannot be loaded.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: MainIo, loadDeps: () => AppDeps): Promise<MainResult> {
  const unknown = argv.find((a) => !OPTIONS.has(a));
  if (unknown !== undefined) {
    io.stderr(`quadrants: “${unknown.replace(/[^\x20-\x7e]/g, '?').slice(0, 40)}” is not an option; the bot takes --check, --version and --help.`);
    return { code: EXIT_CONFIG };
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(HELP);
    return { code: 0 };
  }
  if (argv.includes('--version') || argv.includes('-V')) {
    io.stdout(`quadrants ${version()}`);
    return { code: 0 };
  }
  const config = readConfig(env, io);
  if (typeof config === 'number') return { code: config };
  if (argv.includes('--check')) {
    if (!hasChatPlatform(config)) {
      // The settings are fine, but `npm start` would stop at once: say that, not "valid".
      io.stderr(NOTHING_TO_START);
      return { code: EXIT_CONFIG };
    }
    printSummary(config, io);
    return { code: 0 };
  }
  if (!hasChatPlatform(config)) {
    io.stderr(NOTHING_TO_START);
    return { code: EXIT_CONFIG };
  }

  const logger: Logger = createLogger({ level: config.logLevel, ...(io.logLine ? { write: io.logLine } : {}) });
  if (!config.tikliveapi.key) {
    logger.warn('config.demo_data', {
      message: 'TIKLIVEAPI_KEY is not set: the bot answers from the bundled demo creators only; set it for live data.',
    });
  }
  try {
    const app = await startApp(config, loadDeps(), {
      logger,
      ...(io.host === undefined ? {} : { host: io.host }),
      ...(io.graceMs === undefined ? {} : { graceMs: io.graceMs }),
      ...(io.setTimer === undefined ? {} : { setTimer: io.setTimer }),
    });
    installSignalHandlers(app.shutdown, io, logger);
    io.onCrash?.(crashHandler(app.shutdown, io.exit, logger));
    logger.info('app.started', { version: version(), node: process.version, ...configSummary(config), port: app.port });
    return { code: null, app };
  } catch (err) {
    const hint = startFailureHint(err, config);
    logger.error('startup.failed', { error: err, ...(hint ? { hint } : {}) });
    if (hint) io.stderr(`quadrants: ${hint}`);
    return { code: EXIT_START_FAILED };
  }
}
