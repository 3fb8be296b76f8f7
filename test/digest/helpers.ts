/** Shared set-up for digest tests: temp SQLite files, a virtual clock, subscriptions. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store';
import type { Store, Subscription, SubscriptionInput } from '../../src/store/types';

export function tempDir(prefix = 'quadrants-digest-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Time that only moves when told to; `sleep` wakes sleepers in time order instead of waiting. */
export interface VirtualClock {
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  set(iso: string): void;
  advance(ms: number): void;
}

/**
 * A fake timer: each sleeper gets a wake-up time; once the event loop has nothing else to do
 * (setImmediate), the earliest sleeper is woken and the clock jumps to its time.
 */
export function virtualClock(startIso: string): VirtualClock {
  let t = Date.parse(startIso);
  const waiters: Array<{ at: number; wake: () => void }> = [];
  let pumping = false;
  const pump = () => {
    if (pumping) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      waiters.sort((a, b) => a.at - b.at);
      const next = waiters.shift();
      if (!next) return;
      t = Math.max(t, next.at);
      next.wake();
      if (waiters.length) pump();
    });
  };
  return {
    now: () => new Date(t),
    sleep: (ms) =>
      new Promise<void>((wake) => {
        waiters.push({ at: t + Math.max(0, ms), wake });
        pump();
      }),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function storeIn(dir: string, name = 'quadrants.db'): Store {
  return openStore(path.join(dir, name));
}

export function subInput(overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    creatorUsername: 'alice',
    creatorUserid: '1001',
    posts: 30,
    cadence: 'monthly',
    day: 1,
    hour: 9,
    minute: 0,
    timezone: 'UTC',
    createdBy: 'U1',
    ...overrides,
  };
}

export async function addSub(store: Store, at: string, overrides: Partial<SubscriptionInput> = {}): Promise<Subscription> {
  const { subscription } = await store.saveSubscription(subInput(overrides), new Date(at));
  return subscription;
}

/** Resolves once `check` is true, polling on the event loop (no wall-clock assertions). */
export async function until(check: () => boolean | Promise<boolean>, what: string, tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}
