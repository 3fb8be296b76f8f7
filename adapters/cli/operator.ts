/**
 * Operator commands that exist only on the command line: `digest run [--at ISO]`,
 * `digest list` and `db backup <file>`, on the store in DATABASE_URL.
 */
import { z } from 'zod';
import { createDemoSource } from '../../src/demo/source';
import { digestList, digestRun } from '../../src/digest';
import { asQuadrantsError, QuadrantsError } from '../../src/errors';
import { echoInput } from '../../src/commands/creator';
import { createLogger } from '../../src/log';
import { chartOptions, createQuadrantsService } from '../../src/service';
import { backupStore, isPostgresUrl, openStore } from '../../src/store';
import { WorkspaceBudget } from '../../src/budget/budget';
import { createPgCoordination } from '../../src/replicas/coordination';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import type { CliIo } from './conversation';
import type { CliExtras } from './run';
import { readSettings } from './settings';
import { CLI } from '../../src/platforms';

const isoSchema = z.iso.datetime({ offset: true });

function bad(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}

/** `digest run [--at ISO]` / `digest list` arguments → what to do. */
function parse(args: readonly string[]): { action: 'list' } | { action: 'run'; at: Date | null } {
  const [, action, ...rest] = args;
  if (action === 'list') {
    if (rest.length > 0) throw bad('digest list args', `\`digest list\` takes no arguments; “${echoInput(rest[0] as string)}” is not one.`);
    return { action: 'list' };
  }
  let at: Date | null = null;
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i] as string;
    const value = t.startsWith('--at=') ? t.slice(5) : t === '--at' ? rest[++i] : undefined;
    if (value === undefined) throw bad('digest run args', `“${echoInput(t)}” is not an option of \`digest run\`; it takes only \`--at <ISO time>\`.`);
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
    const e = asQuadrantsError(err);
    io.stderr(`${e.userMessage.replace(/\s*\n\s*/g, ' ')}\n`);
    return e.code === 'BAD_INPUT' ? 2 : 1;
  }
}

export async function runOperatorCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo, extras: CliExtras): Promise<number> {
  try {
    const command = parse(args);
    const settings = readSettings(env);
    const { config } = settings;
    const store = openStore(config.database.url);
    const budget = new WorkspaceBudget({ store, limit: config.creditsPerWorkspacePerMonth });
    try {
      if (command.action === 'list') {
        io.stdout(`${await digestList({ store, budget })}\n`);
        return 0;
      }
      const logger = createLogger({ level: settings.logLevel, write: (line) => io.stderr(`${line}\n`) }, { component: CLI });
      // On PostgreSQL a cron `digest run` paces its requests together with the running replicas.
      const shared = settings.apiKey && isPostgresUrl(config.database.url) ? createPgCoordination(config.database.url, { requestsPerMinute: settings.requestsPerMinute }) : null;
      const live = settings.apiKey
        ? createTikLiveApiSource({
            apiKey: settings.apiKey,
            baseUrl: settings.tikliveapiBaseUrl,
            requestsPerMinute: settings.requestsPerMinute,
            cacheTtlMs: 0,
            ...(shared ? { shared } : {}),
            logger,
          })
        : null;
      const source = live ?? createDemoSource();
      const service = createQuadrantsService({ source, quickchartBaseUrl: settings.quickchartBaseUrl, ...chartOptions(config.charts), deadlineMs: config.commandDeadlineMs, minViews: settings.minViews, logger });
      const deliveries = extras.deliveries?.(config, logger, service) ?? [];
      try {
        const result = await digestRun({ store, service, deliveries, logger, budget, deliveryConcurrency: config.digest.deliveryConcurrency, ...(command.at === null ? {} : { at: command.at }) });
        io.stdout(`${result.text}\n`);
        if (deliveries.length === 0 && result.summary.noDelivery > 0) {
          io.stderr('quadrants: no chat platform is configured here, so due digests were left for a run that has one (set the Slack or Discord variables).\n');
        }
        return result.exitCode;
      } finally {
        await live?.close().catch(() => undefined);
        await shared?.close().catch(() => undefined);
      }
    } finally {
      await store.close();
    }
  } catch (err) {
    const e = asQuadrantsError(err);
    io.stderr(`${e.userMessage.replace(/\s*\n\s*/g, ' ')}\n`);
    return e.code === 'BAD_INPUT' ? 2 : 1;
  }
}
