import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { QuadrantsError } from '../../src/errors';
import { databasePath } from '../../src/store/path';
import { openStore } from '../../src/store';
import { removeDir, tempDir } from '../digest/helpers';
import { storeContract } from './contract';

let dir: string;
beforeEach(() => {
  dir = tempDir('quadrants-store-');
});
afterEach(() => removeDir(dir));

describe('openStore', () => {
  test('creates the folder and file, uses WAL and records the migrations once', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'q.db');
    const store = openStore(file);
    await store.close();
    expect(fs.existsSync(file)).toBe(true);
    const again = openStore(file);
    await again.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }, { version: 2 }]);
    raw.close();
  });

  test('accepts plain paths and file: URLs', () => {
    const abs = path.join(dir, 'a.db');
    expect(databasePath(abs)).toBe(abs);
    expect(databasePath(pathToFileURL(abs).href)).toBe(abs);
    expect(databasePath('file:./data/q.db')).toBe(path.resolve('data/q.db'));
    expect(databasePath('file:data/q.db?mode=rwc')).toBe(path.resolve('data/q.db'));
  });

  test('refuses a server URL without echoing it', () => {
    const url = 'mysql://admin:hunter2secret@db.internal/q';
    let caught: unknown;
    try {
      openStore(url);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QuadrantsError);
    const err = caught as QuadrantsError;
    expect(err.code).toBe('CONFIG');
    expect(`${err.message} ${err.userMessage}`).not.toContain('hunter2secret');
    expect(err.userMessage).toMatch(/DATABASE_URL/);
  });

  test('refuses a file written by a newer schema', async () => {
    const file = path.join(dir, 'new.db');
    (await openStore(file).close());
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openStore(file)).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('the store contract on SQLite', () => {
  storeContract(async () => {
    const file = path.join(dir, 'contract.db');
    return { store: openStore(file), connect: () => openStore(file) };
  });
});
