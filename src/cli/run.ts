/**
 * The CLI as a function: `runCli(argv, env, io)` returns the exit code (0 success, 2 bad input,
 * 1 upstream or configuration failure) and writes only through `io`, so tests run it in-process
 * and app/cli.ts stays a thin bin. Every failure prints one line: the error's userMessage.
 */
import { demoHandles } from '../demo/data';
import { createDemoSource } from '../demo/source';
import { QuadrantsError, asQuadrantsError } from '../errors';
import { createLogger, type Logger } from '../log';
import type { DigestDelivery } from '../digest';
import type { Config } from '../config/env';
import { createQuadrantsService, type PostSource, type QuadrantsService } from '../service';
import { createTikLiveApiSource } from '../tikliveapi/source';
import { parseCliArgs, type CliCommand, type CliCommandKind } from './args';
import { compare, digest, help, post, report, type CliIo, type Handler, type HandlerContext } from './handlers';
import { readSettings, type CliSettings } from './settings';

export type { CliIo } from './handlers';

type HandlerTable = { [K in CliCommandKind]?: Handler<Extract<CliCommand, { kind: K }>> };

/** Subcommand -> handler. Adding a subcommand is one line here (plus its parser in args.ts). */
const HANDLERS: HandlerTable = {
  help,
  report,
  compare,
  post,
  digest,
};

function exitCodeFor(err: QuadrantsError): number {
  return err.code === 'BAD_INPUT' ? 2 : 1;
}

/** The post source for this run: demo data without a key or with --demo, TikLiveAPI otherwise. */
function chooseSource(command: CliCommand, settings: CliSettings, io: CliIo, logger: Logger): { source: PostSource; close(): Promise<void> } {
  const wantsDemo = 'demo' in command && command.demo;
  if (wantsDemo || !settings.apiKey) {
    const why = wantsDemo ? '--demo given' : 'TIKLIVEAPI_KEY is not set';
    io.stderr(`quadrants: ${why}, so this uses the bundled demo data (invented creators ${demoHandles('and')}).\n`);
    return { source: createDemoSource(), close: async () => undefined };
  }
  const live = createTikLiveApiSource({
    apiKey: settings.apiKey,
    baseUrl: settings.tikliveapiBaseUrl,
    requestsPerMinute: settings.requestsPerMinute,
    // One command per process: a cache would never be read.
    cacheTtlMs: 0,
    logger,
  });
  return { source: live, close: () => live.close() };
}

export interface CliExtras {
  /** Builds the chat deliveries digests are posted through (app/cli.ts passes the adapters'). */
  deliveries?: (config: Config, logger: Logger) => DigestDelivery[];
}

/** Runs one CLI invocation. Never throws; never calls process.exit. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo, extras: CliExtras = {}): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (err) {
    const e = asQuadrantsError(err);
    io.stderr(`${e.userMessage}\n`);
    return exitCodeFor(e);
  }

  const handler = HANDLERS[command.kind] as Handler | undefined;
  if (!handler) {
    io.stderr(`The \`${command.kind}\` command is not available in this build; run \`quadrants help\` for what is.\n`);
    return 1;
  }

  let closeSource: () => Promise<void> = async () => undefined;
  let service: QuadrantsService | undefined;
  let settingsCache: CliSettings | undefined;
  let loggerCache: Logger | undefined;
  const settingsOnce = (): CliSettings => (settingsCache ??= readSettings(env));
  const loggerOnce = (): Logger =>
    (loggerCache ??= createLogger({ level: settingsOnce().logLevel, write: (line) => io.stderr(`${line}\n`) }, { component: 'cli' }));
  const context: HandlerContext = {
    io,
    settings: settingsOnce,
    logger: loggerOnce,
    deliveries: (config, logger) => extras.deliveries?.(config, logger) ?? [],
    service() {
      if (service) return service;
      const settings = settingsOnce();
      const logger = loggerOnce();
      const chosen = chooseSource(command, settings, io, logger);
      closeSource = chosen.close;
      service = createQuadrantsService({ source: chosen.source, quickchartBaseUrl: settings.quickchartBaseUrl, minViews: settings.minViews, logger });
      return service;
    },
  };

  try {
    return await handler(command, context);
  } catch (err) {
    const e = asQuadrantsError(err);
    io.stderr(`${e.userMessage.replace(/\s*\n\s*/g, ' ')}\n`);
    return exitCodeFor(e);
  } finally {
    await closeSource().catch(() => undefined);
  }
}
