/**
 * A real `alerts run` process killed with SIGKILL right after an alert landed in its channel and
 * before the store heard of it, then restarted once its leases ran out: every alert is in its
 * channel exactly once. The child is test/watch/child/alerts-child.ts, posting through the HTTP
 * chat fake served here.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Store } from '../../src/store/types';
import { removeDir, storeIn, tempDir } from '../digest/helpers';
import { runChild, startChat } from '../digest/processes-helpers';
import { transpileTree } from '../digest/transpile';

const CHANNELS = 6;
let dir: string;
let script: string;
let db: string;
let store: Store;
beforeAll(() => {
  dir = tempDir('quadrants-alerts-kill-');
  script = transpileTree('test/watch/child/alerts-child.ts', path.join(dir, 'build'));
});
afterAll(() => removeDir(dir));
beforeEach(async () => {
  db = path.join(dir, `q-${Date.now()}-${Math.random().toString(16).slice(2)}.db`);
  store = storeIn(path.dirname(db), path.basename(db));
  for (let i = 0; i < CHANNELS; i += 1) {
    await store.saveWatch({ platform: 'slack', workspaceId: 'T1', channelId: `C${i}`, creatorUserid: `100${(i % 3) + 1}`, creatorUsername: `creator${i % 3}`, createdBy: 'U1' }, new Date('2026-12-01T00:00:00Z'));
  }
});
afterEach(() => store.close());

test('killed between an alert landing and its record, then restarted: each alert in its channel once', async () => {
  let victim: ChildProcess | null = null;
  // The first alert lands but gets no answer: the process dies right there.
  const chat = await startChat((p) => {
    if (p.owner !== 'doomed') return true;
    victim?.kill('SIGKILL');
    return false;
  });
  try {
    const first = runChild(script, { db, at: '2026-12-07T06:00:00Z', chatUrl: chat.url, owner: 'doomed' });
    victim = first.child;
    expect((await first.done).signal).toBe('SIGKILL');
    // Alerts post in parallel: more than one may land before the kill takes the process down.
    const landed = chat.posts.length;
    expect(landed).toBeGreaterThanOrEqual(1);
    expect((await store.listAlerts()).filter((a) => a.state === 'posting').length).toBeGreaterThanOrEqual(landed);

    // Restarted the same day after the dead process's leases (10 minutes) ran out.
    const second = runChild(script, { db, at: '2026-12-07T06:11:00Z', chatUrl: chat.url, owner: 'restarted' });
    const r2 = await second.done;
    expect(r2.code).toBe(0);
    const summary = JSON.parse(r2.out.trim().split('\n').pop() as string) as { checked: number; alerts: number; recovered: number };
    expect(summary).toMatchObject({ checked: CHANNELS, recovered: landed, alerts: CHANNELS - landed });
    expect(chat.posts).toHaveLength(CHANNELS);
    expect(new Set(chat.posts.map((p) => p.channel)).size).toBe(CHANNELS);
    expect((await store.listAlerts()).every((a) => a.state === 'posted')).toBe(true);
  } finally {
    await chat.close();
  }
});
