/**
 * Operator commands that exist only on the command line: `digest run [--at ISO]`, `digest list`,
 * `alerts run [--at ISO]`, `alerts list` and `db backup <file>`, on the store in DATABASE_URL.
 */
import { z } from 'zod';
import { digestList, digestRun } from '../digest';
import { QuadrantsError } from '../errors';
import { echoInput } from '../commands/creator';
import { createCoreBudget, createCoreService, createCoreSource } from './core';
import { backupStore, openStore } from '../store';
import { failLine, loggerFor, type CliExtras, type CliIo } from './cli';
import { readSettings } from '../config/cli-settings';
import { alertsList, alertsRun } from '../watch/cli';

const isoSchema = z.iso.datetime({ offset: true });

function bad(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}

/** `digest|alerts run [--at ISO]` / `digest|alerts list` arguments → what to do. */
function parse(args: readonly string[]): { action: 'list' } | { action: 'run'; at: Date | null } {
  const [name, action, ...rest] = args;
  if (action === 'list') {
    if (rest.length > 0) throw bad(`${name} list args`, `\`${name} list\` takes no arguments; “${echoInput(rest[0] as string)}” is not one.`);
    return { action: 'list' };
  }
  let at: Date | null = null;
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i] as string;
    const value = t.startsWith('--at=') ? t.slice(5) : t === '--at' ? rest[++i] : undefined;
    if (value === undefined) throw bad(`${name} run args`, `“${echoInput(t)}” is not an option of \`${name} run\`; it takes only \`--at <ISO time>\`.`);
    if (!isoSchema.safeParse(value).success) throw bad('bad --at', '`--at` needs an ISO time with a zone, for example `--at 2026-11-01T09:00:00Z`.');
    at = new Date(value);
  }
  return { action: 'run', at };
}

/** `db backup <file>`: a consistent copy of the SQLite store, safe while the bot runs. */
export async function runBackup(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  try {
    const [, action, file, ...rest] = args;
    if (action !== 'backup' || !file || rest.length > 0 || file.startsWith('-')) {
      throw bad('db usage', 'Use `quadrants db backup <file>`, for example `quadrants db backup ./quadrants-backup.db`.');
    }
    const { config } = readSettings(env);
    const result = await backupStore(config.database.url, file);
    io.stdout(`Backed up the store to ${result.file}.\n`);
    return 0;
  } catch (err) {
    return failLine(io, err);
  }
}

export async function runOperatorCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo, extras: CliExtras): Promise<number> {
  try {
    const command = parse(args);
    const settings = readSettings(env);
    const { config } = settings;
    const store = openStore(config.database.url);
    const budget = createCoreBudget(config, store);
    try {
      const alerts = args[0] === 'alerts';
      if (command.action === 'list') {
        io.stdout(`${alerts ? await alertsList(store) : await digestList({ store, budget })}\n`);
        return 0;
      }
      const logger = loggerFor(settings, io);
      // On PostgreSQL a cron `digest run` paces its requests together with the running replicas.
      const chosen = createCoreSource(config, { cacheTtlMs: 0, shareWithReplicas: true }, logger);
      const service = createCoreService(config, chosen.source, logger);
      const deliveries = extras.deliveries?.(config, logger, service) ?? [];
      try {
        const at = command.at === null ? {} : { at: command.at };
        if (alerts) {
          const result = await alertsRun({ store, service, deliveries, logger, budget, ...at });
          io.stdout(`${result.text}\n`);
          return result.exitCode;
        }
        const result = await digestRun({ store, service, deliveries, logger, budget, deliveryConcurrency: config.digest.deliveryConcurrency, ...at });
        io.stdout(`${result.text}\n`);
        if (deliveries.length === 0 && result.summary.noDelivery > 0) {
          io.stderr('quadrants: no chat platform is configured here, so due digests were left for a run that has one (set the Slack or Discord variables).\n');
        }
        return result.exitCode;
      } finally {
        await chosen.close();
      }
    } finally {
      await store.close();
    }
  } catch (err) {
    return failLine(io, err);
  }
}
