/**
 * Real processes: two `digest run` processes on one store file, and a process killed between
 * posting and recording. The child is test/digest/child/digest-child.ts, transpiled to plain JS;
 * it delivers through an HTTP chat fake served here on 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Store } from '../../src/store/types';
import { addSub, removeDir, storeIn, tempDir } from './helpers';
import { transpileTree } from './transpile';
import { runChild, startChat } from './processes-helpers';

let dir: string;
let script: string;
let db: string;
let store: Store;
beforeAll(() => {
  dir = tempDir('quadrants-proc-');
  script = transpileTree('test/digest/child/digest-child.ts', path.join(dir, 'build'));
});
afterAll(() => removeDir(dir));
beforeEach(async () => {
  db = path.join(dir, `q-${Date.now()}-${Math.random().toString(16).slice(2)}.db`);
  store = storeIn(path.dirname(db), path.basename(db));
  for (let i = 0; i < 6; i += 1) await addSub(store, '2026-10-15T00:00:00Z', { channelId: `C${i}`, creatorUserid: `100${(i % 3) + 1}` });
});
afterEach(async () => {
  await store.close();
});

test('two concurrent digest run processes on one store post each digest exactly once', async () => {
  const chat = await startChat();
  try {
    const config = { db, at: '2026-11-01T09:00:00Z', chatUrl: chat.url };
    const a = runChild(script, { ...config, owner: 'proc-a' });
    const b = runChild(script, { ...config, owner: 'proc-b' });
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(chat.posts).toHaveLength(6);
    expect(new Set(chat.posts.map((p) => p.key)).size).toBe(6);
    const subs = await store.listSubscriptions();
    for (const s of subs) expect((await store.getRun(s.id, '2026-11'))?.state).toBe('posted');
  } finally {
    await chat.close();
  }
});

test('a process killed between posting and recording, then restarted, leaves exactly one post per digest', async () => {
  let victim: ChildProcess | null = null;
  let killed = false;
  // The first post reaches the platform, then its process dies before hearing back.
  const chat = await startChat((_post, _res) => {
    if (killed) return true;
    killed = true;
    victim?.kill('SIGKILL');
    return false;
  });
  try {
    const first = runChild(script, { db, at: '2026-11-01T09:00:00Z', chatUrl: chat.url, owner: 'doomed' });
    victim = first.child;
    const r1 = await first.done;
    expect(r1.signal).toBe('SIGKILL');
    // Usually one post got out; another in flight at the same moment may have landed too.
    const landed = chat.posts.length;
    expect(landed).toBeGreaterThanOrEqual(1);
    const stuck = (await store.listSubscriptions()).map((s) => s.id);
    const states = await Promise.all(stuck.map(async (id) => (await store.getRun(id, '2026-11'))?.state ?? 'none'));
    expect(states).toContain('posting');

    // Restarted after the dead process's leases (10 minutes) ran out.
    const second = runChild(script, { db, at: '2026-11-01T09:11:00Z', chatUrl: chat.url, owner: 'restarted' });
    const r2 = await second.done;
    expect(r2.code).toBe(0);
    const summary = JSON.parse(r2.out.trim().split('\n').pop() as string) as { recovered: number; posted: number };
    expect(summary.recovered).toBe(landed);
    expect(chat.posts).toHaveLength(6);
    expect(new Set(chat.posts.map((p) => p.key)).size).toBe(6);
  } finally {
    await chat.close();
  }
});
