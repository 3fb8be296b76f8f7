/**
 * Tracks work that must finish before the process exits (reports being computed, digest posts).
 * Adapters and the scheduler wrap each unit of work with `run`; shutdown closes the gate and
 * waits, with a bound, for what is already running.
 */
import { QuadrantsError } from '../errors';
import { SHUTTING_DOWN_MESSAGE, type OnAbandon } from '../chat/shutdown';

export { SHUTTING_DOWN_MESSAGE, type OnAbandon } from '../chat/shutdown';


/** Thrown by `InFlight.run` once the gate is closed. */
export class ShuttingDownError extends QuadrantsError {
  constructor() {
    super('INTERNAL', 'refused: the process is shutting down', { userMessage: SHUTTING_DOWN_MESSAGE });
    this.name = 'ShuttingDownError';
  }
}

/** A cancellable timer, injectable so tests never wait for real time. */
export type SetTimer = (fn: () => void, ms: number) => { cancel(): void };

/** Real timers; unref'd so a pending bound never keeps the process alive on its own. */
export const realTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return { cancel: () => clearTimeout(t) };
};

export interface DrainResult {
  /** True when everything finished within the bound. */
  drained: boolean;
  /** Units of work still running when drain returned. */
  pending: number;
}


export class InFlight {
  private open = true;
  private readonly running = new Set<Promise<unknown>>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly abandoners = new Set<() => Promise<void>>();

  /**
   * Registers what to tell the person waiting on a unit of work if shutdown has to abandon it
   * ("restarting, run it again"); returns the function that unregisters it when the work ends.
   */
  readonly onAbandon: OnAbandon = (notify) => {
    this.abandoners.add(notify);
    return () => this.abandoners.delete(notify);
  };

  /** Tells everyone still waiting, within `timeoutMs`; resolves with how many were told. */
  async notifyAbandoned(timeoutMs: number, setTimer: SetTimer = realTimer): Promise<number> {
    const notifiers = [...this.abandoners];
    this.abandoners.clear();
    if (notifiers.length === 0) return 0;
    const all = Promise.allSettled(notifiers.map((n) => n()));
    await new Promise<void>((resolve) => {
      const timer = setTimer(resolve, timeoutMs);
      void all.then(() => {
        timer.cancel();
        resolve();
      });
    });
    return notifiers.length;
  }

  /** False once shutdown has begun. */
  get accepting(): boolean {
    return this.open;
  }

  /** Units of work currently running. */
  get size(): number {
    return this.running.size;
  }

  /** Runs `work` and tracks it until it settles. Throws ShuttingDownError after `close()`. */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.open) return Promise.reject(new ShuttingDownError());
    return this.track(work);
  }

  /**
   * Tracks `work` even after `close()`: for the later steps of work that was already accepted
   * (drawing the chart of a report that is finishing), which must not be refused half-way.
   */
  track<T>(work: () => Promise<T>): Promise<T> {
    const p = Promise.resolve().then(work);
    this.running.add(p);
    const settle = () => {
      this.running.delete(p);
      if (this.running.size === 0) for (const wake of [...this.idleWaiters]) wake();
    };
    p.then(settle, settle);
    return p;
  }

  /** Stops accepting new work; work already running continues. */
  close(): void {
    this.open = false;
  }

  /** Closes the gate and resolves when running work is done or `timeoutMs` has passed. */
  drain(timeoutMs: number, setTimer: SetTimer = realTimer): Promise<DrainResult> {
    this.close();
    if (this.running.size === 0) return Promise.resolve({ drained: true, pending: 0 });
    return new Promise((resolve) => {
      let timer: { cancel(): void } | undefined;
      const finish = (drained: boolean) => {
        this.idleWaiters.delete(onIdle);
        timer?.cancel();
        resolve({ drained, pending: this.running.size });
      };
      const onIdle = () => finish(true);
      this.idleWaiters.add(onIdle);
      timer = setTimer(() => finish(false), timeoutMs);
    });
  }
}
