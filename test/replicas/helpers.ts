/**
 * Replicas for tests: each gets its own pools on one fresh, migrated PostgreSQL schema.
 */
import { Client } from 'pg';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { createSchema, TEST_DATABASE_URL } from '../store/pg-helpers';

/** A migrated, empty schema; `drop` removes it. */
export async function migratedSchema(): Promise<{ schema: string; store: Store; drop: () => Promise<void> }> {
  const { schema, drop } = await createSchema();
  const store = openStore(TEST_DATABASE_URL, { postgres: { schema } });
  await store.ping();
  return {
    schema,
    store,
    drop: async () => {
      await store.close();
      await drop();
    },
  };
}

/** Runs SQL on its own connection in `schema`. */
export async function sql<T = Record<string, unknown>>(schema: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A virtual clock shared by every replica: waiting advances it instead of passing real time, so a
 * test of minutes of pacing runs in about a second and never depends on the machine's speed.
 * Tasks started with `run` are tracked: only when every running task is waiting does the clock
 * jump to the earliest wake-up time and wake those due (a discrete-event simulation), so no task
 * busy with the database ever sees time pass under it.
 */
export function virtualClock(start = 1_800_000_000_000) {
  let waiters: Array<{ at: number; wake: () => void }> = [];
  let timer: NodeJS.Timeout | null = null;
  let running = 0;
  const step = () => {
    timer = null;
    if (waiters.length === 0 || waiters.length < running) return;
    clock.t = Math.max(clock.t, Math.min(...waiters.map((w) => w.at)));
    const due = waiters.filter((w) => w.at <= clock.t);
    waiters = waiters.filter((w) => w.at > clock.t);
    for (const w of due) w.wake();
  };
  const poke = () => {
    if (!timer) timer = setTimeout(step, 0);
  };
  const clock = {
    t: start,
    now: () => clock.t,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        waiters.push({ at: clock.t + ms, wake });
        poke();
      }),
    /** Runs one task on this clock. */
    run: async <T>(task: () => Promise<T>): Promise<T> => {
      running += 1;
      try {
        return await task();
      } finally {
        running -= 1;
        poke();
      }
    },
  };
  return clock;
}

/** The most values in any half-open window [v, v + width) of the sorted list. */
export function busiestWindow(times: number[], width: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    while ((sorted[j] as number) < (sorted[i] as number) - width + 1) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
