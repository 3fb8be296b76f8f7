/**
 * A crash loop: `digest run` processes killed between a digest's message and its thread reply,
 * twice in a row, the second time while completing a digest the first one left without its thread.
 * Every digest must end with exactly one message and exactly one thread, on SQLite and on
 * PostgreSQL. (Recorded before its thread was out, the recovered digest of the second run was
 * never looked at again and kept no thread for good.)
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { createSchema, describePostgres, TEST_DATABASE_URL } from '../store/pg-helpers';
import { addSub, removeDir, storeIn, tempDir } from './helpers';
import { runChild, startChat, type ChatThread } from './processes-helpers';
import { transpileTree } from './transpile';

const SUBS = 6;

let dir: string;
let script: string;
beforeAll(() => {
  dir = tempDir('quadrants-crash-loop-');
  script = transpileTree('test/digest/child/digest-child.ts', path.join(dir, 'build'));
});
afterAll(() => removeDir(dir));

/**
 * Runs the loop against `store` (reached by the children through `target`): run 1 dies at its
 * first thread reply; run 2 dies at its first thread reply for a digest an earlier run posted (a
 * recovery's completion); run 3 is left alone. Then checks every digest.
 */
async function crashLoop(store: Store, target: Record<string, string>): Promise<void> {
  for (let i = 0; i < SUBS; i += 1) await addSub(store, '2026-10-15T00:00:00Z', { channelId: `C${i}`, creatorUserid: `100${(i % 3) + 1}` });
  const processes = new Map<string, ChildProcess>();
  const kills: string[] = [];
  const chat = await startChat(undefined, (thread: ChatThread) => {
    const post = chat.posts.find((p) => p.ref === thread.ref);
    const doomed =
      (thread.owner === 'loop-1' && !kills.includes('loop-1')) ||
      (thread.owner === 'loop-2' && !kills.includes('loop-2') && post !== undefined && post.owner !== 'loop-2');
    if (!doomed) return true;
    kills.push(thread.owner);
    processes.get(thread.owner)?.kill('SIGKILL');
    return false;
  });
  try {
    // Each run starts once the leases (10 minutes) of the one before have run out.
    const runs: Array<[string, string]> = [['loop-1', '2026-11-01T09:00:00Z'], ['loop-2', '2026-11-01T09:11:00Z'], ['loop-3', '2026-11-01T09:22:00Z']];
    const results: Array<{ code: number | null; signal: string | null; out: string }> = [];
    for (const [owner, at] of runs) {
      const run = runChild(script, { ...target, at, chatUrl: chat.url, owner, threads: '1' });
      processes.set(owner, run.child);
      results.push(await run.done);
    }
    expect(kills).toEqual(['loop-1', 'loop-2']);
    expect(results.map((r) => r.signal)).toEqual(['SIGKILL', 'SIGKILL', null]);
    expect(results[2]?.code).toBe(0);
    // Exactly one message and exactly one thread reply under it, for every digest.
    expect(chat.posts).toHaveLength(SUBS);
    expect(new Set(chat.posts.map((p) => p.key)).size).toBe(SUBS);
    for (const post of chat.posts) expect(chat.threads.filter((t) => t.ref === post.ref)).toHaveLength(1);
    expect(chat.threads).toHaveLength(SUBS);
    for (const s of await store.listSubscriptions()) expect((await store.getRun(s.id, '2026-11'))?.state).toBe('posted');
  } finally {
    await chat.close();
  }
}

test('SQLite: killed between message and thread twice in a row, every digest ends with one message and one thread', async () => {
  const db = path.join(dir, `loop-${Date.now()}.db`);
  const store = storeIn(path.dirname(db), path.basename(db));
  try {
    await crashLoop(store, { db });
  } finally {
    await store.close();
  }
});

describePostgres('crash loop on PostgreSQL', () => {
  test('killed between message and thread twice in a row, every digest ends with one message and one thread', async () => {
    const schema = await createSchema();
    const store = openStore(TEST_DATABASE_URL, { postgres: { schema: schema.schema } });
    try {
      await crashLoop(store, { db: TEST_DATABASE_URL, schema: schema.schema });
    } finally {
      await store.close();
      await schema.drop();
    }
  });
});
