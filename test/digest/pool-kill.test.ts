/**
 * A real `digest run` process killed while the delivery pool has several digests in flight in
 * different channels, then restarted: every digest is in its channel exactly once, with its
 * thread. The child is test/digest/child/digest-child.ts (the runner's default pool), delivering
 * through the HTTP chat fake served here.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Store } from '../../src/store/types';
import { addSub, removeDir, storeIn, tempDir } from './helpers';
import { runChild, startChat } from './processes-helpers';
import { transpileTree } from './transpile';

const SUBSCRIPTIONS = 12;
/** Posts whose answers are held back when the process is killed: the pool had them out at once. */
const IN_FLIGHT = 3;

let dir: string;
let script: string;
let db: string;
let store: Store;
beforeAll(() => {
  dir = tempDir('quadrants-pool-kill-');
  script = transpileTree('test/digest/child/digest-child.ts', path.join(dir, 'build'));
});
afterAll(() => removeDir(dir));
beforeEach(async () => {
  db = path.join(dir, `q-${Date.now()}-${Math.random().toString(16).slice(2)}.db`);
  store = storeIn(path.dirname(db), path.basename(db));
  for (let i = 0; i < SUBSCRIPTIONS; i += 1) await addSub(store, '2026-10-15T00:00:00Z', { channelId: `C${i}`, creatorUserid: `100${(i % 3) + 1}` });
});
afterEach(async () => {
  await store.close();
});

test('killed with several digests in flight in different channels, then restarted: each digest once, each with its thread', async () => {
  let victim: ChildProcess | null = null;
  let held = 0;
  // Posts land but get no answer; once several are out at the same time, the process dies.
  const chat = await startChat(() => {
    held += 1;
    if (held === IN_FLIGHT) victim?.kill('SIGKILL');
    return held > IN_FLIGHT;
  });
  try {
    const first = runChild(script, { db, at: '2026-11-01T09:00:00Z', chatUrl: chat.url, owner: 'doomed', threads: '1' });
    victim = first.child;
    const r1 = await first.done;
    expect(r1.signal).toBe('SIGKILL');
    const landed = chat.posts.length;
    expect(landed).toBeGreaterThanOrEqual(IN_FLIGHT);
    expect(new Set(chat.posts.slice(0, IN_FLIGHT).map((p) => p.channel)).size).toBe(IN_FLIGHT);

    // Restarted after the dead process's leases (10 minutes) ran out.
    const second = runChild(script, { db, at: '2026-11-01T09:11:00Z', chatUrl: chat.url, owner: 'restarted', threads: '1' });
    const r2 = await second.done;
    expect(r2.code).toBe(0);
    const summary = JSON.parse(r2.out.trim().split('\n').pop() as string) as { recovered: number; posted: number };
    expect(summary.recovered).toBe(landed);
    expect(summary.posted).toBe(SUBSCRIPTIONS - landed);
    expect(chat.posts).toHaveLength(SUBSCRIPTIONS);
    expect(new Set(chat.posts.map((p) => p.key)).size).toBe(SUBSCRIPTIONS);
    expect(new Set(chat.posts.map((p) => p.channel)).size).toBe(SUBSCRIPTIONS);
    // Every digest has exactly one thread reply, the ones cut off by the kill included.
    expect(chat.posts.map((p) => chat.threads.filter((t) => t.ref === p.ref).length)).toEqual(chat.posts.map(() => 1));
    const subs = await store.listSubscriptions();
    for (const s of subs) expect((await store.getRun(s.id, '2026-11'))?.state).toBe('posted');
  } finally {
    await chat.close();
  }
});
