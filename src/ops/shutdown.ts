/**
 * Graceful shutdown on SIGTERM / SIGINT: refuse new commands, let running reports and digest
 * posts finish (bounded), then stop the adapters, the scheduler, the HTTP server and the store.
 */
import type { Logger } from '../log';
import { realTimer, type InFlight, type SetTimer } from './inflight';
import type { Readiness } from './readiness';

/** How long running work may take to finish after a stop signal. */
export const DEFAULT_GRACE_MS = 10_000;
/** At most this much of the grace period is kept for telling people their command was cut off. */
export const NOTICE_MS = 2_000;
/** How long each component may take to stop before we move on without it. */
export const STEP_TIMEOUT_MS = 5_000;

/** One thing to stop, in order. */
export interface ShutdownStep {
  name: string;
  stop(): void | Promise<void>;
}

export interface ShutdownOptions {
  inflight: InFlight;
  logger: Logger;
  readiness?: Readiness;
  /** Stopped in this order once running work has drained (adapters, scheduler, server, store). */
  steps: ShutdownStep[];
  graceMs?: number;
  stepTimeoutMs?: number;
  setTimer?: SetTimer;
}

/** Resolves with `p`'s outcome, or 'timeout' after `ms`. */
function within<T>(p: Promise<T>, ms: number, setTimer: SetTimer): Promise<T | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimer(() => resolve('timeout'), ms);
    p.then(
      (v) => {
        timer.cancel();
        resolve(v);
      },
      (e: unknown) => {
        timer.cancel();
        reject(e);
      },
    );
  });
}

/** Returns an idempotent shutdown function: every call gets the same promise. */
export function createShutdown(options: ShutdownOptions): (reason: string) => Promise<void> {
  const { inflight, logger, readiness, steps } = options;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const stepTimeoutMs = options.stepTimeoutMs ?? STEP_TIMEOUT_MS;
  const setTimer = options.setTimer ?? realTimer;
  let running: Promise<void> | null = null;

  const run = async (reason: string): Promise<void> => {
    logger.info('shutdown.start', { reason, inFlight: inflight.size, graceMs });
    readiness?.markShuttingDown();
    // The end of the grace period is kept for telling whoever still waits that the bot is restarting.
    const noticeMs = Math.min(NOTICE_MS, Math.floor(graceMs / 4));
    const drain = await inflight.drain(graceMs - noticeMs, setTimer);
    if (drain.drained) logger.info('shutdown.drained', {});
    else {
      const told = await inflight.notifyAbandoned(noticeMs, setTimer);
      logger.warn('shutdown.grace_expired', { abandoned: drain.pending, told, graceMs });
    }
    for (const step of steps) {
      try {
        const outcome = await within(Promise.resolve().then(() => step.stop()), stepTimeoutMs, setTimer);
        if (outcome === 'timeout') logger.warn('shutdown.step_timeout', { step: step.name, ms: stepTimeoutMs });
      } catch (err) {
        // One component failing to stop must not keep the others (the store above all) open.
        logger.error('shutdown.step_failed', { step: step.name, error: err });
      }
    }
    logger.info('shutdown.done', { reason });
  };

  return (reason) => {
    running ??= run(reason);
    return running;
  };
}

export type Signal = 'SIGTERM' | 'SIGINT';

export interface SignalIo {
  /** Subscribes to a signal (default: process.on). */
  on(signal: Signal, handler: () => void): void;
  exit(code: number): void;
}

/** First SIGTERM/SIGINT shuts down gracefully and exits 0; a second one exits 1 at once. */
export function installSignalHandlers(shutdown: (reason: string) => Promise<void>, io: SignalIo, logger: Logger): void {
  let received = false;
  const onSignal = (signal: Signal) => () => {
    if (received) {
      logger.warn('shutdown.forced', { signal });
      io.exit(1);
      return;
    }
    received = true;
    shutdown(signal).then(
      () => io.exit(0),
      (err: unknown) => {
        logger.error('shutdown.failed', { signal, error: err });
        io.exit(1);
      },
    );
  };
  io.on('SIGTERM', onSignal('SIGTERM'));
  io.on('SIGINT', onSignal('SIGINT'));
}

export type CrashKind = 'unhandledRejection' | 'uncaughtException';

/**
 * A stray rejected promise is logged and the bot keeps serving; an uncaught exception leaves the
 * process in an unknown state, so it is logged and the bot shuts down gracefully with exit code 1.
 */
export function crashHandler(shutdown: (reason: string) => Promise<void>, exit: (code: number) => void, logger: Logger) {
  return (kind: CrashKind, err: unknown): void => {
    if (kind === 'unhandledRejection') {
      logger.error('process.unhandled_rejection', { error: err });
      return;
    }
    logger.error('process.uncaught_exception', { error: err });
    shutdown(kind).finally(() => exit(1));
  };
}
