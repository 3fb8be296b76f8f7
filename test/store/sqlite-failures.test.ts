/**
 * SQLite store failures: one sentence naming the file and what to do; a damaged or newer file is
 * refused without being modified; listing works while another process holds the write lock.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { digestList } from '../../src/digest/cli';
import { QuadrantsError } from '../../src/errors';
import { openStore } from '../../src/store';
import { addSub, removeDir, subInput, tempDir } from '../digest/helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir('quadrants-failures-');
});
afterEach(() => removeDir(dir));

/** The QuadrantsError `work` throws (sync or async); fails the test when it throws something else. */
async function failure(work: () => unknown): Promise<QuadrantsError> {
  try {
    await work();
  } catch (err) {
    expect(err).toBeInstanceOf(QuadrantsError);
    const e = err as QuadrantsError;
    expect(e.userMessage).not.toMatch(/Something went wrong on our side/);
    return e;
  }
  throw new Error('expected a failure');
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A migrated store file in rollback-journal mode (as an older build or a restore might leave it). */
async function rollbackModeFile(name: string): Promise<string> {
  const file = path.join(dir, name);
  const store = openStore(file);
  await addSub(store, '2026-11-01T00:00:00Z');
  await store.close();
  const raw = new Database(file);
  raw.pragma('journal_mode = DELETE');
  raw.close();
  return file;
}

/** Runs `work` without root's power to ignore file permissions (as the unprivileged `nobody`). */
function unprivileged<T>(work: () => T): T {
  if (process.getuid?.() !== 0 || !process.seteuid) return work();
  process.seteuid(65534);
  try {
    return work();
  } finally {
    process.seteuid(0);
  }
}

test('a read-only folder: one sentence naming the folder, the file and the fix', async () => {
  const folder = path.join(dir, 'readonly');
  fs.mkdirSync(folder);
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(folder, 0o555);
  const file = path.join(folder, 'q.db');
  const err = await failure(() => unprivileged(() => openStore(file)));
  expect(err.code).toBe('CONFIG');
  expect(err.userMessage).toBe(
    `The folder ${folder} is read-only for the bot, so it cannot write the database ${file}; make the folder writable for the bot's user or point DATABASE_URL at a writable folder.`,
  );
});

test('a file where the folder should be: names that file', async () => {
  const blocker = path.join(dir, 'data');
  fs.writeFileSync(blocker, 'not a folder');
  const err = await failure(() => openStore(path.join(blocker, 'q.db')));
  expect(err.code).toBe('CONFIG');
  expect(err.userMessage).toMatch(new RegExp(`^${escape(blocker)} is a file, but it must be a folder to hold the database`));
});

test('a folder where the file should be: says so', async () => {
  const folder = path.join(dir, 'q.db');
  fs.mkdirSync(folder);
  const err = await failure(() => openStore(folder));
  expect(err.userMessage).toMatch(new RegExp(`^${escape(folder)} is a folder, not a database file`));
});

test('a file that is not a database is refused untouched', async () => {
  const file = path.join(dir, 'q.db');
  fs.writeFileSync(file, 'hello, this is a text file and not SQLite at all'.repeat(100));
  const before = sha(file);
  const err = await failure(() => openStore(file));
  expect(err.code).toBe('CONFIG');
  expect(err.userMessage).toMatch(new RegExp(`^The database file ${escape(file)} is damaged or is not a quadrants database; restore it from a backup`));
  expect(sha(file)).toBe(before);
});

test('a damaged database is refused untouched: no journal-mode switch, no migration', async () => {
  const file = await rollbackModeFile('damaged.db');
  // Keep the header (page 1) and scribble over the table pages behind it.
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  for (let i = pageSize; i < bytes.length; i += 1) bytes[i] = (i * 7919) & 0xff;
  fs.writeFileSync(file, bytes);
  const before = sha(file);
  const err = await failure(() => openStore(file));
  expect(err.userMessage).toMatch(/is damaged or is not a quadrants database/);
  expect(sha(file)).toBe(before);
});

test('a file written by a newer schema is refused untouched', async () => {
  const file = await rollbackModeFile('newer.db');
  const raw = new Database(file);
  raw.pragma('user_version = 99');
  raw.close();
  const before = sha(file);
  const err = await failure(() => openStore(file));
  expect(err.code).toBe('CONFIG');
  expect(err.userMessage).toBe(
    `The database file ${file} was written by a newer version of quadrants; upgrade the bot or point DATABASE_URL at another file.`,
  );
  expect(sha(file)).toBe(before);
});

describe('while another process holds the write lock', () => {
  let file: string;
  let holder: Database.Database;
  beforeEach(async () => {
    file = path.join(dir, 'q.db');
    const store = openStore(file);
    await addSub(store, '2026-11-01T00:00:00Z');
    await store.close();
    holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    holder.prepare(`UPDATE subscriptions SET posts = 5`).run();
  });
  afterEach(() => {
    holder.exec('ROLLBACK');
    holder.close();
  });

  test('listing opens and reads without waiting for it', async () => {
    const store = openStore(file, { busyTimeoutMs: 50 });
    const text = await digestList({ store, now: new Date('2026-11-15T00:00:00Z') });
    expect(text).toMatch(/^#1 slack T1\/C1 @alice \(id 1001\), 30 posts/);
    await store.close();
  });

  test('a write that outwaits the busy timeout is one sentence naming the file', async () => {
    const store = openStore(file, { busyTimeoutMs: 50 });
    const err = await failure(() => store.saveSubscription(subInput({ channelId: 'C9' }), new Date()));
    expect(err.userMessage).toMatch(
      new RegExp(`^The database file ${escape(file)} stayed locked by another process for more than 50 ms; try again`),
    );
    await store.close();
  });
});

test('one row with an unknown time zone does not make listing fail', async () => {
  const file = path.join(dir, 'q.db');
  const store = openStore(file);
  await addSub(store, '2026-11-01T00:00:00Z');
  await addSub(store, '2026-11-01T00:00:00Z', { channelId: 'C2' });
  const raw = new Database(file);
  raw.prepare(`UPDATE subscriptions SET timezone = 'Mars/Olympus_Mons' WHERE channel_id = 'C2'`).run();
  raw.close();
  const text = await digestList({ store, now: new Date('2026-11-15T00:00:00Z') });
  expect(text).toMatch(/#1 .*; active, next 2026-12-01T09:00:00\.000Z/);
  expect(text).toMatch(/#2 .*\(Mars\/Olympus_Mons\); active, but its schedule cannot be computed/);
  await store.close();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
