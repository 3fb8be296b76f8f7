/**
 * Drives digests in the long-running bot with node-cron.
 *
 * One every-minute tick asks the store what is due, rather than one cron task per subscription
 * schedule: subscriptions change at run time from chat (no tasks to add, move or drop), the store
 * stays the only truth about what is due (node-cron neither persists nor replays missed fires), the
 * same pass does catch-up and retries of failed runs, and each tick costs one indexed read per
 * subscription. Minute resolution matches the schedules (hh:mm). A catch-up pass runs at start-up.
 */
import * as cron from 'node-cron';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { RunSummary } from './context';

/** The part of a node-cron task the scheduler uses (tests inject a fake). */
export interface CronTaskLike {
  destroy(): void | Promise<void>;
}

export type ScheduleFn = (expression: string, fn: () => Promise<void>, options: cron.TaskOptions) => CronTaskLike;

export interface DigestSchedulerOptions {
  /** One pass over what is due now, e.g. `() => runDueDigests({ store, service, deliveries, logger })`. */
  run: () => Promise<RunSummary>;
  logger?: Logger;
  /** Default every minute. */
  expression?: string;
  /** Default node-cron's `schedule`. */
  schedule?: ScheduleFn;
}

export interface DigestScheduler {
  /** The start-up catch-up pass (null if it failed; the error is logged). */
  readonly catchUp: Promise<RunSummary | null>;
  /** Runs a pass now unless one is already running (then resolves null). */
  tick(): Promise<RunSummary | null>;
  /** Stops the cron task and waits for a pass in flight. */
  stop(): Promise<void>;
}

export const DEFAULT_TICK = '* * * * *';

export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const logger = options.logger ?? silentLogger;
  const expression = options.expression ?? DEFAULT_TICK;
  if (!cron.validate(expression)) throw new RangeError(`invalid cron expression: ${expression}`);
  let inFlight: Promise<RunSummary | null> | null = null;

  const tick = (): Promise<RunSummary | null> => {
    if (inFlight) {
      logger.debug('digest.tick-skipped', { reason: 'previous pass still running' });
      return Promise.resolve(null);
    }
    const pass = options
      .run()
      .catch((err: unknown) => {
        logger.error('digest.tick-failed', { error: err });
        return null;
      })
      .finally(() => {
        inFlight = null;
      });
    inFlight = pass;
    return pass;
  };

  const schedule: ScheduleFn = options.schedule ?? ((expr, fn, opts) => cron.schedule(expr, fn, opts));
  // Start-up catch-up: whatever fell due while the bot was down is sent now, once.
  const catchUp = tick();
  const task = schedule(
    expression,
    async () => {
      await tick();
    },
    { name: 'quadrants-digests', timezone: 'UTC', noOverlap: true },
  );
  logger.info('digest.scheduler-started', { expression });

  return {
    catchUp,
    tick,
    async stop() {
      await task.destroy();
      await inFlight;
    },
  };
}
