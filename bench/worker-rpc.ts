/**
 * Calls into a fake running in a worker thread: the worker posts `{ ready, ...info }` once it
 * listens, then answers each `{ id, op, args }` with `{ id, result }` or `{ id, error }`.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerRpc<R> {
  /** What the worker sent with `ready` (its URLs and tokens). */
  ready: R;
  call(op: string, ...args: unknown[]): Promise<unknown>;
  /** Asks the worker to close its servers, then ends it. */
  close(): Promise<void>;
}

export async function startWorkerRpc<R>(file: string): Promise<WorkerRpc<R>> {
  const worker = new Worker(file);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const call = (op: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      next += 1;
      pending.set(next, { resolve, reject });
      worker.postMessage({ id: next, op, args });
    });
  const ready = await new Promise<R>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { id?: number; ready?: boolean; result?: unknown; error?: string }) => {
      if (m.ready) return resolve(m as unknown as R);
      const p = pending.get(m.id ?? -1);
      pending.delete(m.id ?? -1);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.result);
    });
  });
  return {
    ready,
    call,
    async close() {
      await call('close');
      await worker.terminate();
    },
  };
}
