/**
 * Replicas on PostgreSQL: three `digest run` processes share one database; one of them is killed
 * after a post landed but before it was recorded, and is started again once its leases expire.
 * Every digest is posted exactly once.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { createSchema, describePostgres, TEST_DATABASE_URL } from '../store/pg-helpers';
import { addSub, removeDir, tempDir } from './helpers';
import { runChild, startChat } from './processes-helpers';
import { transpileTree } from './transpile';

describePostgres('digest runs on three replicas sharing PostgreSQL', () => {
  let dir: string;
  let script: string;
  let schema: { schema: string; drop: () => Promise<void> };
  let store: Store;
  beforeAll(() => {
    dir = tempDir('quadrants-replicas-');
    script = transpileTree('test/digest/child/digest-child.ts', path.join(dir, 'build'));
  });
  afterAll(() => removeDir(dir));
  beforeEach(async () => {
    schema = await createSchema();
    store = openStore(TEST_DATABASE_URL, { postgres: { schema: schema.schema } });
    for (let i = 0; i < 9; i += 1) await addSub(store, '2026-10-15T00:00:00Z', { channelId: `C${i}`, creatorUserid: `100${(i % 3) + 1}` });
  });
  afterEach(async () => {
    await store.close();
    await schema.drop();
  });

  test('one replica killed mid-run and restarted: nine digests, each posted once', async () => {
    const replicas = new Map<string, ChildProcess>();
    let killed: string | null = null;
    // The first post reaches the platform, then the replica that sent it dies before hearing back.
    const chat = await startChat((post) => {
      if (killed) return true;
      killed = post.owner;
      replicas.get(post.owner)?.kill('SIGKILL');
      return false;
    });
    try {
      const config = { db: TEST_DATABASE_URL, schema: schema.schema, at: '2026-11-01T09:00:00Z', chatUrl: chat.url };
      const runs = ['replica-a', 'replica-b', 'replica-c'].map((owner) => {
        const run = runChild(script, { ...config, owner });
        replicas.set(owner, run.child);
        return { owner, run };
      });
      const results = await Promise.all(runs.map(async ({ owner, run }) => ({ owner, ...(await run.done) })));
      expect(killed).not.toBeNull();
      for (const r of results) {
        if (r.owner === killed) expect(r.signal).toBe('SIGKILL');
        else expect(r.code).toBe(0);
      }

      // The killed replica comes back after its leases (10 minutes) ran out and finishes what it held.
      const again = runChild(script, { ...config, at: '2026-11-01T09:11:00Z', owner: `${killed}-restarted` });
      expect((await again.done).code).toBe(0);
      expect(chat.posts).toHaveLength(9);
      expect(new Set(chat.posts.map((p) => p.key)).size).toBe(9);
      for (const s of await store.listSubscriptions()) expect((await store.getRun(s.id, '2026-11'))?.state).toBe('posted');
    } finally {
      await chat.close();
    }
  });
});
