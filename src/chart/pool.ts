/**
 * A small pool of worker threads that draw charts with the local renderer, so drawing and PNG
 * encoding (40–240 ms a chart, two thirds of it encoding) never block the event loop that
 * acknowledges Slack and Discord interactions.
 *
 * - Lazy: no thread, and no Chart.js or canvas in any thread, until the first chart is asked for.
 * - Bounded: at most `size` charts are drawn at once; the rest wait in order.
 * - Sturdy: a render that throws, a thread that dies (even by process.exit) and a render that
 *   hangs past `timeoutMs` each fail only that chart, with QuadrantsError('CHART_UNAVAILABLE');
 *   the thread is dropped and a fresh one starts for the next chart.
 * - Quiet: idle threads are unref'd, so they never keep a CLI or a test process alive; a busy one
 *   is ref'd so a process waiting only for its chart does not exit under it. A thread idle for
 *   `idleMs` is stopped (its memory given back); `close()` stops all.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { QuadrantsError } from '../errors';
import type { RenderReply, RenderRequest } from './render-worker';
import type { ChartConfig } from './types';
import { renderWorkerEntry } from './worker-entry';

/** A chart takes well under a second even on a busy machine; past this the render is stuck. */
export const DEFAULT_RENDER_TIMEOUT_MS = 15_000;
/**
 * A thread idle this long is stopped, giving back its Chart.js, Skia and font (~30–40 MB): a
 * burst of charts keeps its threads, a bot that drew one chart an hour ago does not.
 */
export const DEFAULT_IDLE_MS = 60_000;

/**
 * One core stays with the event loop (acknowledgements, HTTP, the store), the rest draw, and two
 * threads are plenty: a chat platform takes uploads far slower than two threads draw them
 * (~10–25 charts a second), and each thread holds its own Chart.js, Skia and font (~30–40 MB).
 */
export function defaultPoolSize(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores - 1));
}

/** How a pool is made; every field has a default sized for the bot. */
export interface ChartPoolOptions {
  /** Threads at most (default: defaultPoolSize()). */
  size?: number;
  /** A render still running after this long fails and its thread is replaced. */
  timeoutMs?: number;
  /** A thread with no chart for this long is stopped; the next chart starts a new one. */
  idleMs?: number;
  /** Tests only: a module exporting `renderPng(config)` that the workers use instead of the local renderer. */
  renderModule?: string;
}

/** What the pool is doing, for tests and the bench. */
export interface ChartPoolStats {
  /** Threads alive now. */
  workers: number;
  /** Charts being drawn now. */
  busy: number;
  /** Charts waiting for a thread. */
  queued: number;
  /** Threads started since the pool was made (replacements included). */
  started: number;
  /** The most charts ever drawn at once. */
  peakBusy: number;
}

interface Job {
  id: number;
  config: ChartConfig;
  resolve(png: Buffer): void;
  reject(err: QuadrantsError): void;
}

/** One thread and the chart it is drawing, if any. */
interface Slot {
  worker: Worker;
  job: Job | null;
  /** While drawing: the render's timeout. While idle: when the thread is stopped. */
  timer: NodeJS.Timeout | null;
}

function unavailable(detail: string, cause?: unknown): QuadrantsError {
  return new QuadrantsError('CHART_UNAVAILABLE', `local chart rendering failed (${detail})`, cause === undefined ? {} : { cause });
}

/** Worker threads drawing charts with the local renderer; see the file comment. */
export class ChartPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly renderModule: string | undefined;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private started = 0;
  private peakBusy = 0;
  private closed = false;

  constructor(options: ChartPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.renderModule = options.renderModule;
  }

  /** Draws `config` on a worker thread. Rejects with QuadrantsError('CHART_UNAVAILABLE'). */
  render(config: ChartConfig): Promise<Buffer> {
    if (this.closed) return Promise.reject(unavailable('the chart pool is shut down'));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, config, resolve, reject });
      this.dispatch();
    });
  }

  /** A snapshot of the threads and charts right now. */
  stats(): ChartPoolStats {
    const busy = [...this.slots].filter((s) => s.job !== null).length;
    return { workers: this.slots.size, busy, queued: this.queue.length, started: this.started, peakBusy: this.peakBusy };
  }

  /** Stops every thread; waiting and running charts fail. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(unavailable('the chart pool is shut down'));
    const stopping = [...this.slots].map((slot) => {
      this.retire(slot, unavailable('the chart pool is shut down'));
      return slot.worker.terminate();
    });
    await Promise.allSettled(stopping);
  }

  /** Hands waiting charts to idle threads, starting threads up to `size`. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => s.job === null);
      if (!slot && this.slots.size < this.size) slot = this.spawn();
      if (!slot) return;
      this.assign(slot, this.queue.shift() as Job);
    }
  }

  private spawn(): Slot {
    const entry = renderWorkerEntry();
    const worker = new Worker(entry.script, {
      eval: entry.evalCode,
      workerData: this.renderModule === undefined ? {} : { renderModule: this.renderModule },
    });
    const slot: Slot = { worker, job: null, timer: null };
    this.slots.add(slot);
    this.started += 1;
    worker.on('message', (reply: RenderReply) => this.onReply(slot, reply));
    worker.on('error', (err) => this.retire(slot, unavailable(`worker failed: ${err.message}`, err)));
    worker.on('exit', (code) => this.retire(slot, unavailable(`worker exited with code ${code}`)));
    return slot;
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.retire(slot, unavailable(`no chart after ${this.timeoutMs} ms`));
      void slot.worker.terminate();
    }, this.timeoutMs);
    slot.timer.unref();
    this.peakBusy = Math.max(this.peakBusy, this.stats().busy);
    const request: RenderRequest = { id: job.id, config: job.config };
    slot.worker.postMessage(request);
  }

  private onReply(slot: Slot, reply: RenderReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    this.release(slot);
    this.idle(slot);
    if (reply.ok) job.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
    else job.reject(unavailable(reply.message));
    this.dispatch();
  }

  /** The slot's chart is done: the thread waits for the next one without holding the process open. */
  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  /** Stops the slot's thread if no chart comes for it within idleMs. */
  private idle(slot: Slot): void {
    slot.timer = setTimeout(() => {
      if (slot.job !== null || !this.slots.delete(slot)) return;
      slot.timer = null;
      void slot.worker.terminate();
    }, this.idleMs);
    slot.timer.unref();
  }

  /** Drops a thread that failed, hung or was stopped; its chart (if any) fails with `err`. */
  private retire(slot: Slot, err: QuadrantsError): void {
    if (!this.slots.delete(slot)) return;
    const job = slot.job;
    this.release(slot);
    job?.reject(err);
    if (!this.closed) this.dispatch();
  }
}

let shared: ChartPool | null = null;

/** The process's chart pool, made on first use. */
export function sharedChartPool(): ChartPool {
  shared ??= new ChartPool();
  return shared;
}

/** Stops the process's chart pool if one was made (shutdown). A later chart makes a new one. */
export async function closeSharedChartPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
