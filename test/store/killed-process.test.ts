/**
 * The store survives a process killed in the middle of a write transaction: what was committed
 * is intact, the half-done transaction is gone, and the file passes SQLite's integrity check.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store';
import { addSub, removeDir, tempDir } from '../digest/helpers';

// Plain JS so the child needs no TypeScript: it holds an open write transaction until killed.
const CHILD = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.exec('BEGIN IMMEDIATE');
const now = new Date().toISOString();
const insert = db.prepare("INSERT INTO digest_runs (subscription_id, period, state, attempts, created_at, updated_at) VALUES (?, ?, 'posted', 1, ?, ?)");
for (let i = 1; i <= 500; i++) insert.run(Number(process.argv[2]), 'P' + i, now, now);
db.prepare("UPDATE subscriptions SET status = 'disabled', disabled_reason = 'half done'").run();
process.stdout.write('in-transaction\\n');
setInterval(() => {}, 1000);
`;

let dir: string;
beforeEach(() => {
  dir = tempDir('quadrants-kill-');
});
afterEach(() => removeDir(dir));

test('a child killed mid-transaction leaves committed data intact and the half-done write out', async () => {
  const file = path.join(dir, 'q.db');
  const store = openStore(file);
  const sub = await addSub(store, '2026-11-01T00:00:00Z');
  await store.close();

  const child = spawn(process.execPath, ['-e', CHILD, file, String(sub.id)], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('in-transaction')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
  const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const reopened = openStore(file);
  const subs = await reopened.listSubscriptions();
  expect(subs).toHaveLength(1);
  expect(subs[0]).toMatchObject({ id: sub.id, status: 'active', disabledReason: null });
  expect(await reopened.recentRuns(sub.id, 10)).toEqual([]);
  // The store is still writable after the crash (the dead writer's lock is gone).
  expect(await reopened.claimRun({ subscriptionId: sub.id, period: '2026-12', owner: 'x', at: new Date(), leaseMs: 1000, maxAttempts: 3 })).toMatchObject({ claimed: true });
  await reopened.close();
  const raw = new Database(file, { readonly: true });
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
});
