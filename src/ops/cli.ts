/**
 * The command line's argv as the core reads it: `runCommandLine(argv, env, io, surface)` returns
 * the exit code (0 success, 2 bad input, 1 upstream or configuration failure) and writes only
 * through `io`, so tests run it in-process and app/cli.ts stays a thin bin. Chat commands (report,
 * compare, post, help) go through the same pipeline and parser as Slack and Discord; operator
 * commands (digest run/list, db backup) are in operator.ts. The surface (adapters/cli/) gives
 * only its conversation and how a card reads as text.
 */
import type { Card } from '../chat/card';
import { runTurn } from '../chat/turn';
import { COMMAND_NAMES, commandHelpFor, helpFor, type CommandName } from '../chat/commands';
import { DB_CLI_HELP, OPERATOR_HELP } from '../chat/cards/help';
import { parseWords, repeated, type WordOptions } from '../chat/parse';
import type { Config } from '../config/env';
import { DEMO_CREATORS, demoHandles } from '../demo/data';
import type { DigestDelivery } from '../digest/types';
import { asQuadrantsError } from '../errors';
import type { Conversation } from '../chat/types';
import { echoInput } from '../commands/creator';
import { createLogger, type Logger } from '../log';
import type { QuadrantsService } from '../service';
import { createCoreService, createCoreSource, type CoreSource } from './core';
import { version } from '../version';
import { readSettings, type CliSettings } from '../config/cli-settings';
import { CLI } from '../platforms';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** What the command line surface brings: its conversation and a card as text. */
export interface CliSurface {
  conversation(io: CliIo, options: { json: boolean; csv?: boolean }): Conversation;
  renderText(card: Card): string;
}

/** Writes a failure's sentence as one line on stderr; the exit code: 2 for bad input, else 1. */
export function failLine(io: CliIo, err: unknown): number {
  const e = asQuadrantsError(err);
  io.stderr(`${e.userMessage.replace(/\s*\n\s*/g, ' ')}\n`);
  return e.code === 'BAD_INPUT' ? 2 : 1;
}

/** The logger of one command: lines on stderr, at the level the settings say. */
export function loggerFor(settings: CliSettings, io: CliIo): Logger {
  return createLogger({ level: settings.logLevel, write: (line) => io.stderr(`${line}\n`) }, { component: CLI });
}

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

function helpText(renderText: CliSurface['renderText']): string {
  const { DIGEST_CLI_HELP } = require('../digest/cli') as typeof import('../digest/cli');
  return `${renderText(helpFor(CLI))}\n${DIGEST_CLI_HELP}\n${alertsHelpText()}${OPERATOR_HELP.join('\n')}\nDemo creators: ${demoHandles()}.\n`;
}

/** `alerts`'s help on the command line: the operator's alerts run/list. */
function alertsHelpText(): string {
  return `${(require('../watch/cli') as typeof import('../watch/cli')).ALERTS_CLI_HELP}\n`;
}

/** `digest`'s help on the command line: the operator's digest run/list, then the chat command it schedules. */
function digestHelpText(renderText: CliSurface['renderText']): string {
  const { DIGEST_CLI_HELP } = require('../digest/cli') as typeof import('../digest/cli');
  return `${DIGEST_CLI_HELP}\n\n${renderText(commandHelpFor(CLI, 'digest'))}`;
}

/**
 * Help for one command (`quadrants compare --help`, `quadrants help compare`), or null when
 * `topic` names no command (the caller decides what that means).
 */
function topicHelpText(topic: string, renderText: CliSurface['renderText']): string | null {
  if (topic === 'digest') return digestHelpText(renderText);
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

/**
 * Whether this run uses the store for creator snapshots: `trend` always reads it; `report` and
 * `compare` keep their snapshots only when DATABASE_URL is set, so a plain report starts as fast
 * as before and leaves no file behind.
 */
function keepsSnapshots(first: string | undefined, env: NodeJS.ProcessEnv): boolean {
  if (first === 'trend') return true;
  return (first === 'report' || first === 'compare') && (env.DATABASE_URL ?? '').trim() !== '';
}

/** Runs one CLI invocation on `surface`. Never throws; never calls process.exit. */
export async function runCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo, surface: CliSurface, extras: CliExtras = {}): Promise<number> {
  const { renderText } = surface;
  let flags: GlobalFlags;
  try {
    flags = globalFlags(argv);
  } catch (err) {
    return failLine(io, err);
  }
  if (flags.version) {
    io.stdout(`quadrants ${version()}\n`);
    return 0;
  }
  const [first, second] = flags.rest;
  if (flags.help || first === 'help') {
    const topic = first === 'help' ? second : first;
    const text = topic === undefined || topic === 'help' ? null : topicHelpText(topic.toLowerCase(), renderText);
    if (text === null && first === 'help' && topic !== undefined && topic !== 'help') {
      io.stderr(`“${echoInput(topic)}” is not a quadrants command; run quadrants help for the list.\n`);
      return 2;
    }
    io.stdout(text ?? helpText(renderText));
    return 0;
  }
  // `digest` alone is a usage error: it needs `run` or `list`, so it prints what digest takes.
  if ((first === 'digest' || first === 'alerts') && second === undefined) {
    io.stderr(first === 'alerts' ? alertsHelpText() : digestHelpText(renderText));
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
    return failLine(io, err);
  }
  const logger = loggerFor(settings, io);
  // trend reads only the store: no source is even chosen, so nothing is said about demo data.
  const isTrend = first === 'trend';
  // trend asks nothing upstream: the demo source stands in, unused.
  const chosen = isTrend ? createCoreSource(settings.config, { demo: true, cacheTtlMs: 0, shareWithReplicas: false }, logger) : chooseSource(flags.demo, settings, io, logger);
  let store: import('../store/types').Store | null = null;
  try {
    store = keepsSnapshots(first, env) ? (require('../store') as typeof import('../store')).openStore(settings.config.database.url) : null;
    const service = createCoreService(settings.config, chosen.source, logger);
    const outcome = await runTurn({ type: 'command', parse: () => parseWords([...words], reading) }, surface.conversation(io, { json: flags.json, csv: flags.csv }), { service, subscriptions: null, limiter: null, logger, snapshots: store });
    return outcome === 'invalid' || outcome === 'refused' ? 2 : outcome === 'failed' ? 1 : 0;
  } catch (err) {
    failLine(io, err);
    return 1;
  } finally {
    await chosen.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
  }
}
