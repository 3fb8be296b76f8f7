/**
 * The CLI as a function: `runCli(argv, env, io)` returns the exit code (0 success, 2 bad input,
 * 1 upstream or configuration failure) and writes only through `io`, so tests run it in-process
 * and app/cli.ts stays a thin bin. Chat commands (report, compare, post, help) go through the
 * same pipeline and parser as Slack and Discord; operator commands (digest run/list) are here.
 */
import { runCommand } from '../../src/chat/pipeline';
import { COMMAND_NAMES, commandHelpFor, helpFor, type CommandName } from '../../src/chat/commands';
import { DB_CLI_HELP, OPERATOR_HELP } from '../../src/chat/cards/help';
import { parseWords, repeated, type WordOptions } from '../../src/chat/parse';
import type { Config } from '../../src/config/env';
import { DEMO_CREATORS, demoHandles } from '../../src/demo/data';
import type { DigestDelivery } from '../../src/digest/types';
import { asQuadrantsError } from '../../src/errors';
import { echoInput } from '../../src/commands/creator';
import { createLogger, type Logger } from '../../src/log';
import type { QuadrantsService } from '../../src/service';
import { createCoreService, createCoreSource, type CoreSource } from '../../src/ops/core';
import { version } from '../../src/version';
import { cliConversation, type CliIo } from './conversation';
import { renderText } from './render';
import { readSettings, type CliSettings } from './settings';
import { CLI } from '../../src/platforms';

export type { CliIo } from './conversation';

export interface CliExtras {
  /** Builds the chat deliveries digests are posted through (app/cli.ts passes the adapters'). */
  deliveries?: (config: Config, logger: Logger, service: QuadrantsService) => DigestDelivery[];
}

/** The command line names every command: a bare handle is not taken as a report. */
const ARGV: WordOptions = { implicitReport: false };

/** Flags every chat command takes on the command line (the command's own arguments go to the parser). */
interface GlobalFlags {
  json: boolean;
  csv: boolean;
  demo: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

const SWITCHES: Record<string, Exclude<keyof GlobalFlags, 'rest'>> = { '--json': 'json', '--csv': 'csv', '--demo': 'demo', '--help': 'help', '-h': 'help', '--version': 'version', '-V': 'version' };

/** Splits the global switches from the command's words; a switch given twice is refused like any repeated option. */
function globalFlags(argv: readonly string[]): GlobalFlags {
  const out: GlobalFlags = { json: false, csv: false, demo: false, help: false, version: false, rest: [] };
  for (const a of argv) {
    const key = SWITCHES[a];
    if (key === undefined) {
      out.rest.push(a);
      continue;
    }
    if (out[key] && key !== 'help' && key !== 'version') throw repeated(`\`--${key}\``, `\`quadrants report @mossy.kitchen --${key}\``);
    out[key] = true;
  }
  return out;
}

/*
 * Loaded on first use: a report from the demo data needs neither the HTTP client, the digest
 * engine nor the stores, and the command line should start as fast as Node itself allows.
 */
const operator = () => require('./operator') as typeof import('./operator');

function helpText(): string {
  const { DIGEST_CLI_HELP } = require('../../src/digest/cli') as typeof import('../../src/digest/cli');
  return `${renderText(helpFor(CLI))}\n${DIGEST_CLI_HELP}\n${alertsHelpText()}${OPERATOR_HELP.join('\n')}\nDemo creators: ${demoHandles()}.\n`;
}

/** `alerts`'s help on the command line: the operator's alerts run/list. */
function alertsHelpText(): string {
  return `${(require('../../src/watch/cli') as typeof import('../../src/watch/cli')).ALERTS_CLI_HELP}\n`;
}

/** `digest`'s help on the command line: the operator's digest run/list, then the chat command it schedules. */
function digestHelpText(): string {
  const { DIGEST_CLI_HELP } = require('../../src/digest/cli') as typeof import('../../src/digest/cli');
  return `${DIGEST_CLI_HELP}\n\n${renderText(commandHelpFor(CLI, 'digest'))}`;
}

/**
 * Help for one command (`quadrants compare --help`, `quadrants help compare`), or null when
 * `topic` names no command (the caller decides what that means).
 */
function topicHelpText(topic: string): string | null {
  if (topic === 'digest') return digestHelpText();
  if (topic === 'alerts') return alertsHelpText();
  if (topic === 'db') return `${DB_CLI_HELP.join('\n')}\n`;
  if ((COMMAND_NAMES as readonly string[]).includes(topic)) return renderText(commandHelpFor(CLI, topic as CommandName));
  return null;
}

/** The post source for this run: demo data without a key or with --demo, TikLiveAPI otherwise. */
function chooseSource(demo: boolean, settings: CliSettings, io: CliIo, logger: Logger): CoreSource {
  if (demo || !settings.apiKey) {
    const why = demo ? '--demo given' : 'TIKLIVEAPI_KEY is not set';
    io.stderr(`quadrants: ${why}, so this uses the bundled demo data (invented creators ${demoHandles('and')}).\n`);
  }
  // One command per process: a cache would never be read, and there is no replica to pace with.
  return createCoreSource(settings.config, { demo, cacheTtlMs: 0, shareWithReplicas: false }, logger);
}

function loggerFor(settings: CliSettings, io: CliIo): Logger {
  return createLogger({ level: settings.logLevel, write: (line) => io.stderr(`${line}\n`) }, { component: CLI });
}

/**
 * Whether this run uses the store for creator snapshots: `trend` always reads it; `report` and
 * `compare` keep their snapshots only when DATABASE_URL is set, so a plain report starts as fast
 * as before and leaves no file behind.
 */
function keepsSnapshots(first: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (first === 'trend') return true;
  return (first === 'report' || first === 'compare') && (env.DATABASE_URL ?? '').trim() !== '';
}

/** Runs one CLI invocation. Never throws; never calls process.exit. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo, extras: CliExtras = {}): Promise<number> {
  let flags: GlobalFlags;
  try {
    flags = globalFlags(argv);
  } catch (err) {
    io.stderr(`${asQuadrantsError(err).userMessage}\n`);
    return 2;
  }
  if (flags.version) {
    io.stdout(`quadrants ${version()}\n`);
    return 0;
  }
  const [first, second] = flags.rest;
  if (flags.help || first === 'help') {
    const topic = first === 'help' ? second : first;
    const text = topic === undefined || topic === 'help' ? null : topicHelpText(topic.toLowerCase());
    if (text === null && first === 'help' && topic !== undefined && topic !== 'help') {
      io.stderr(`“${echoInput(topic)}” is not a quadrants command; run quadrants help for the list.\n`);
      return 2;
    }
    io.stdout(text ?? helpText());
    return 0;
  }
  // `digest` alone is a usage error: it needs `run` or `list`, so it prints what digest takes.
  if ((first === 'digest' || first === 'alerts') && second === undefined) {
    io.stderr(first === 'alerts' ? alertsHelpText() : digestHelpText());
    return 2;
  }
  if (flags.json && flags.csv) {
    io.stderr('Choose one of --json and --csv.\n');
    return 2;
  }
  if (first === undefined) {
    io.stderr('Give a command, for example quadrants report @mossy.kitchen; run quadrants help for the list.\n');
    return 2;
  }
  if ((first === 'digest' || first === 'alerts') && (second === 'run' || second === 'list')) return operator().runOperatorCommand(flags.rest, env, io, extras);
  if (first === 'db') return operator().runBackup(flags.rest, env, io);

  // With --demo a report without a creator (what `npm run demo` runs) shows the first demo creator, whatever else is given.
  const reading: WordOptions = flags.demo ? { ...ARGV, defaultCreator: `@${DEMO_CREATORS[0]?.creator.username ?? 'mossy.kitchen'}` } : ARGV;
  const words = flags.rest;
  let settings: CliSettings;
  try {
    // Parse first: bad input is refused before the configuration is even read.
    parseWords([...words], reading);
    settings = readSettings(env, { chat: false });
  } catch (err) {
    const e = asQuadrantsError(err);
    io.stderr(`${e.userMessage.replace(/\s*\n\s*/g, ' ')}\n`);
    return e.code === 'BAD_INPUT' ? 2 : 1;
  }
  const logger = loggerFor(settings, io);
  // trend reads only the store: no source is even chosen, so nothing is said about demo data.
  const isTrend = first === 'trend';
  // trend asks nothing upstream: the demo source stands in, unused.
  const chosen = isTrend ? createCoreSource(settings.config, { demo: true, cacheTtlMs: 0, shareWithReplicas: false }, logger) : chooseSource(flags.demo, settings, io, logger);
  let store: import('../../src/store/types').Store | null = null;
  try {
    store = keepsSnapshots(first, env) ? (require('../../src/store') as typeof import('../../src/store')).openStore(settings.config.database.url) : null;
    const service = createCoreService(settings.config, chosen.source, logger);
    const outcome = await runCommand(() => parseWords([...words], reading), cliConversation(io, { json: flags.json, csv: flags.csv }), { service, subscriptions: null, limiter: null, logger, snapshots: store });
    return outcome === 'invalid' || outcome === 'refused' ? 2 : outcome === 'failed' ? 1 : 0;
  } catch (err) {
    const e = asQuadrantsError(err);
    io.stderr(`${e.userMessage.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  } finally {
    await chosen.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
  }
}
