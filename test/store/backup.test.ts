/** backupStore: a consistent, openable copy while another connection keeps writing. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { QuadrantsError } from '../../src/errors';
import { backupStore, openStore } from '../../src/store';
import { addSub, removeDir, tempDir } from '../digest/helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir('quadrants-backup-');
});
afterEach(() => removeDir(dir));

const count = (db: Database.Database) => (db.prepare('SELECT COUNT(*) AS n FROM subscriptions').get() as { n: number }).n;

test('a backup taken while another connection writes is a complete, valid, openable copy', async () => {
  const file = path.join(dir, 'live.db');
  const store = openStore(file);
  // Enough rows for a few hundred pages, so the backup takes many steps.
  for (let i = 0; i < 400; i += 1) await addSub(store, '2026-11-01T00:00:00Z', { channelId: `C${i}`, createdBy: `U${'x'.repeat(500)}${i}` });

  const writer = new Database(file, { timeout: 5000 });
  // Keep the writer's commits in the -wal file, where copying the main file would miss them.
  writer.pragma('wal_autocheckpoint = 0');
  const insert = writer.prepare(
    `INSERT INTO subscriptions (platform, workspace_id, channel_id, creator_username, creator_userid, day, hour, minute,
       timezone, created_by, created_at, updated_at, active_since) VALUES ('slack', 'T9', ?, 'w', '9', 1, 9, 0, 'UTC', 'U', 'x', 'x', 'x')`,
  );
  for (let i = 0; i < 50; i += 1) insert.run(`W${i}`);
  const before = count(writer);

  let done = false;
  let writes = 0;
  const backup = backupStore(store, path.join(dir, 'copies', 'q-backup.db'), { pagesPerStep: 8 }).finally(() => {
    done = true;
  });
  // Interleave writes with the backup's steps (bounded: each foreign write restarts the copy).
  while (!done && writes < 20) {
    insert.run(`D${writes}`);
    writes += 1;
    await new Promise((r) => setImmediate(r));
  }
  const result = await backup;
  expect(writes).toBeGreaterThan(1);
  expect(result.pages).toBeGreaterThan(40); // at 8 pages a step: several steps, with writes between them
  expect(fs.readdirSync(path.dirname(result.file))).toEqual(['q-backup.db']);

  const copy = new Database(result.file, { readonly: true, fileMustExist: true });
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  // Everything committed before the backup started is in it, including what sat only in the WAL.
  expect(count(copy)).toBeGreaterThanOrEqual(before);
  expect(count(copy)).toBeLessThanOrEqual(before + writes);
  copy.close();
  writer.close();
  await store.close();

  // The copy is a store: it opens, migrates nothing and serves.
  const restored = openStore(result.file);
  expect((await restored.listSubscriptions()).length).toBeGreaterThanOrEqual(before);
  await restored.close();
});

test('backs up from a path without changing the source, and refuses to overwrite the store itself', async () => {
  const file = path.join(dir, 'q.db');
  const store = openStore(file);
  await addSub(store, '2026-11-01T00:00:00Z');
  await store.close();
  const result = await backupStore(file, path.join(dir, 'copy.db'));
  const copy = new Database(result.file, { readonly: true });
  expect(count(copy)).toBe(1);
  copy.close();
  await expect(backupStore(file, file)).rejects.toMatchObject({ userMessage: `The backup file ${file} is the database itself; name a different file.` });
});

test('PostgreSQL: one sentence pointing at pg_dump, without the URL', async () => {
  const err = await backupStore('postgres://q:hunter2secret@db.internal/q', path.join(dir, 'x.db')).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(QuadrantsError);
  expect((err as QuadrantsError).userMessage).toMatch(/back it up with pg_dump/);
  expect(`${(err as Error).message} ${(err as QuadrantsError).userMessage}`).not.toContain('hunter2secret');
  expect(fs.existsSync(path.join(dir, 'x.db'))).toBe(false);
});
