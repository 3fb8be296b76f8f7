/**
 * Calls into a fake running in a child process of its own (fork with IPC): the fake posts
 * `{ ready, ...info }` once it listens, then answers each `{ id, op, args }` with `{ id, result }`
 * or `{ id, error }`. A real Slack or Discord is another machine: in a child process the fake's
 * work (accepting sockets, parsing, timing acknowledgements) and its memory are not the bot's, as
 * they would be on a worker thread of the bot's own process.
 */
import { fork, type ChildProcess } from 'node:child_process';

export interface WorkerRpc<R> {
  /** What the fake sent with `ready` (its URLs and tokens). */
  ready: R;
  call(op: string, ...args: unknown[]): Promise<unknown>;
  /** Asks the fake to close its servers, then ends its process. */
  close(): Promise<void>;
}

type Reply = { id?: number; ready?: boolean; result?: unknown; error?: string };

/** The side of the channel a fake's module uses: its parent's messages in, its replies out. */
export interface FakeChannel {
  on(listener: (m: { id: number; op: string; args: unknown[] }) => void): void;
  post(m: object): void;
}

/** The channel to the bench when this module runs as a forked fake, else null (imported for its types or ops). */
export function fakeChannel(): FakeChannel | null {
  if (!process.send || process.env.BENCH_FAKE !== '1') return null;
  return {
    on: (listener) => process.on('message', listener as (m: unknown) => void),
    post: (m) => process.send?.(m),
  };
}

/** Serves `ops` over the channel: each call's result (or error) goes back with its id. */
export function serveOps(port: FakeChannel, ops: object, ready: object): void {
  port.on((m) => {
    const op = (ops as Record<string, unknown>)[m.op];
    if (typeof op !== 'function') return port.post({ id: m.id, error: `no op ${m.op}` });
    (op as (...a: unknown[]) => Promise<unknown>)(...m.args).then(
      (result) => port.post({ id: m.id, result: result ?? null }),
      (err: unknown) => port.post({ id: m.id, error: String(err) }),
    );
  });
  port.post({ ready: true, ...ready });
}

/** Starts the fake in `file` in its own process; `env` adds to this process's environment (its set-up). */
export async function startWorkerRpc<R>(file: string, env: Record<string, string> = {}): Promise<WorkerRpc<R>> {
  // The bench's own Node options (a profiler, a heap limit) are not the fake's.
  const child: ChildProcess = fork(file, [], { env: { ...process.env, ...env, BENCH_FAKE: '1' }, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const call = (op: string, ...args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      next += 1;
      pending.set(next, { resolve, reject });
      child.send({ id: next, op, args });
    });
  let readyYet = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<R>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!readyYet) reject(new Error(`the fake's process exited (${code ?? 'signal'}) before it was ready`));
    });
    child.on('message', (m: Reply) => {
      if (m.ready) {
        readyYet = true;
        return resolve(m as unknown as R);
      }
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
      await call('close').catch(() => undefined);
      child.kill();
      await exited;
    },
  };
}
