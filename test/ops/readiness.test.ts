/** Readiness with an async database probe: the store's ping decides whether the database is ready. */
import path from 'node:path';
import { Readiness } from '../../src/ops/readiness';
import { openStore } from '../../src/store';
import { removeDir, tempDir } from '../digest/helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir('quadrants-ready-');
});
afterEach(() => removeDir(dir));

test('the database is ready while its ping answers, and not once the store is closed', async () => {
  const store = openStore(path.join(dir, 'q.db'));
  const readiness = new Readiness();
  readiness.add('slack', () => true);
  readiness.addProbe('database', () => store.ping());
  expect(await readiness.refresh()).toMatchObject({ ready: true, components: { slack: { ready: true }, database: { ready: true } } });
  await store.close();
  expect(await readiness.refresh()).toMatchObject({ ready: false, components: { slack: { ready: true }, database: { ready: false } } });
});

test('an unreachable PostgreSQL server is not ready (and its password never shows)', async () => {
  const store = openStore('postgres://q:hunter2secret@127.0.0.1:1/q', { postgres: { connectTimeoutMs: 1000 } });
  const readiness = new Readiness();
  readiness.addProbe('database', () => store.ping());
  const snap = await readiness.refresh();
  expect(snap).toMatchObject({ ready: false, components: { database: { ready: false } } });
  expect(JSON.stringify(snap)).not.toContain('hunter2secret');
  await store.close();
});

test('a probe that hangs counts as not ready, and snapshot() reports the last answer without waiting', async () => {
  const readiness = new Readiness();
  let answer: Promise<void> = new Promise<void>(() => undefined);
  readiness.addProbe('database', () => answer, 20);
  // Before any answer has settled, the component is not ready.
  expect(readiness.snapshot()).toMatchObject({ ready: false });
  expect(await readiness.refresh()).toMatchObject({ ready: false });
  answer = Promise.resolve();
  expect(await readiness.refresh()).toMatchObject({ ready: true });
  expect(readiness.snapshot()).toMatchObject({ ready: true });
});
