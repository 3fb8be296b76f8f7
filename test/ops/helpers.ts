/**
 * Fakes for the process lifecycle: a service whose reports can be held open, adapters whose
 * connection state the test flips, a store, a scheduler, captured signals and a manual timer.
 * No jest globals, so the benchmark may import these too.
 */
import { buildReport } from '../../src/quadrants/report';
import type { Creator, CreatorPosts, Post } from '../../src/quadrants/types';
import type { QuadrantsService } from '../../src/service';
import type { AppDeps, ChatAdapter, SchedulerHandle, SlackContext, StoreHandle, WorkContext } from '../../src/ops/app';
import type { SetTimer } from '../../src/ops/inflight';
import type { MainIo } from '../../src/ops/run';
import type { Signal } from '../../src/ops/shutdown';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function samplePosts(creator: Creator): CreatorPosts {
  const posts: Post[] = [1, 2, 3, 4, 5, 6].map((i) => ({
    id: String(7_300_000_000_000_000_000n + BigInt(i)),
    title: `post ${i}`,
    createdAt: 1_800_000_000 - i * 3600,
    views: 10_000 * i,
    likes: 100,
    comments: 10,
    shares: 20 * ((i * 7) % 5) + 5,
    saves: 30 * ((i * 3) % 4) + 5,
    downloads: 1,
    pinned: false,
    isPhoto: false,
  }));
  return { creator, posts, credits: 2, fetchedAt: '2026-11-01T09:00:00.000Z', partial: false, demo: false };
}

export interface FakeService extends QuadrantsService {
  /** Every report call; `hold` makes the next report wait until `release()`. */
  reports: string[];
  /** Resolves when a held report has started. */
  started: Promise<void>;
  hold(): void;
  release(): void;
  /** The next report fails with this error. */
  failNext(err: unknown): void;
}

/** A service computing real reports from fixed numbers, with controllable timing and failures. */
export function fakeService(): FakeService {
  let gate: Deferred<void> | null = null;
  let startedSignal = deferred();
  let failure: unknown = null;
  const reportFor = async (creator: Creator, posts: number) => {
    if (failure !== null) {
      const err = failure;
      failure = null;
      throw err;
    }
    startedSignal.resolve();
    if (gate) await gate.promise;
    return buildReport(samplePosts(creator), posts);
  };
  const svc: FakeService = {
    reports: [],
    get started() {
      return startedSignal.promise;
    },
    hold() {
      gate = deferred();
      startedSignal = deferred();
    },
    release() {
      gate?.resolve();
    },
    failNext(err) {
      failure = err;
    },
    resolveCreator: async (input) => ({ username: input.replace(/^@/, ''), userid: '6900000000000000001' }),
    report: async ({ creator, posts }) => {
      svc.reports.push(creator);
      return reportFor(await svc.resolveCreator(creator), posts);
    },
    reportFor,
    compare: async () => {
      throw new Error('not used in these tests');
    },
    placePost: async () => {
      throw new Error('not used in these tests');
    },
    charts: { url: () => null, png: async () => Buffer.from('png') },
    chartDelivery: () => 'upload',
  };
  return svc;
}

export interface FakeAdapter extends ChatAdapter {
  name: string;
  isConnected: boolean;
  startCalls: number;
  stopCalls: number;
  /** Set by `start` failure tests. */
  startError: unknown;
  ctx: WorkContext | SlackContext | null;
}

export function fakeAdapter(name: string, events: string[]): FakeAdapter {
  const a: FakeAdapter = {
    name,
    isConnected: false,
    startCalls: 0,
    stopCalls: 0,
    startError: null,
    ctx: null,
    start: async () => {
      a.startCalls += 1;
      events.push(`${name}.start`);
      if (a.startError !== null) throw a.startError;
    },
    stop: async () => {
      a.stopCalls += 1;
      a.isConnected = false;
      events.push(`${name}.stop`);
    },
    connected: () => a.isConnected,
  };
  return a;
}

export interface FakeStore extends StoreHandle {
  open: boolean;
}

export function fakeStore(events: string[]): FakeStore {
  const s: FakeStore = {
    open: true,
    isOpen: () => s.open,
    close: () => {
      s.open = false;
      events.push('store.close');
    },
  };
  return s;
}

export interface FakeWorld {
  deps: AppDeps;
  events: string[];
  service: FakeService;
  slack: FakeAdapter;
  discord: FakeAdapter;
  store: FakeStore;
  scheduler: SchedulerHandle;
  /** How many times any factory was called (must stay 0 when the config is refused). */
  factoryCalls: number;
}

/** Fake dependencies that record the order things start and stop in. */
export function fakeWorld(): FakeWorld {
  const events: string[] = [];
  const world: FakeWorld = {
    events,
    service: fakeService(),
    slack: fakeAdapter('slack', events),
    discord: fakeAdapter('discord', events),
    store: fakeStore(events),
    scheduler: {
      start: () => void events.push('scheduler.start'),
      stop: () => void events.push('scheduler.stop'),
    },
    factoryCalls: 0,
    deps: {
      createService: () => {
        world.factoryCalls += 1;
        return world.service;
      },
      openStore: () => {
        world.factoryCalls += 1;
        return world.store;
      },
      createSlack: (_config, ctx) => {
        world.factoryCalls += 1;
        world.slack.ctx = ctx;
        return world.slack;
      },
      createDiscord: (_config, ctx) => {
        world.factoryCalls += 1;
        world.discord.ctx = ctx;
        return world.discord;
      },
      createScheduler: () => world.scheduler,
    },
  };
  return world;
}

export interface FakeIo extends MainIo {
  out: string[];
  err: string[];
  logs: string[];
  handlers: Partial<Record<Signal, () => void>>;
  /** Resolves with the first exit code. */
  exited: Promise<number>;
  exitCodes: number[];
  signal(name: Signal): void;
}

/** Captures output, log lines, signal subscriptions and exit calls. */
export function fakeIo(overrides: Partial<MainIo> = {}): FakeIo {
  const exit = deferred<number>();
  const io: FakeIo = {
    out: [],
    err: [],
    logs: [],
    handlers: {},
    exitCodes: [],
    exited: exit.promise,
    envFile: null,
    host: '127.0.0.1',
    stdout: (t) => void io.out.push(t),
    stderr: (t) => void io.err.push(t),
    logLine: (l) => void io.logs.push(l),
    on: (signal, handler) => {
      io.handlers[signal] = handler;
    },
    exit: (code) => {
      io.exitCodes.push(code);
      exit.resolve(code);
    },
    signal: (name) => io.handlers[name]?.(),
    ...overrides,
  };
  return io;
}

/** A timer the test fires by hand: bounds become events, not waits. */
export function manualTimer(): SetTimer & { fireAll(): void; pending(): number } {
  const timers = new Set<() => void>();
  const set: SetTimer = (fn) => {
    const entry = () => {
      timers.delete(entry);
      fn();
    };
    timers.add(entry);
    return { cancel: () => void timers.delete(entry) };
  };
  return Object.assign(set, {
    fireAll: () => {
      for (const t of [...timers]) t();
    },
    pending: () => timers.size,
  });
}

/** GET a local URL and return status and parsed JSON body. */
export async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
