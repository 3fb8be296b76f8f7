/**
 * `quadrants alerts run|list` and the watch commands' help on the command line, in process.
 */
import path from 'node:path';
import { openStore } from '../../src/store';
import { cleanEnv, runInProcess } from '../cli/helpers';
import { removeDir, tempDir } from '../digest/helpers';
import { watchInput } from '../store/contract-watches';

let dir: string;
beforeEach(() => {
  dir = tempDir('quadrants-alerts-cli-');
});
afterEach(() => removeDir(dir));

test('alerts list shows each watch, its last check and its alerts; alerts run with no platform exits 3 and says why', async () => {
  const env = cleanEnv({ DATABASE_URL: path.join(dir, 'q.db') });
  expect(await runInProcess(['alerts', 'list'], env)).toMatchObject({ code: 0, stdout: 'No watches yet.\n' });
  const store = openStore(path.join(dir, 'q.db'));
  await store.saveWatch(watchInput(), new Date('2026-12-01T09:00:00Z'));
  await store.close();
  const listed = await runInProcess(['alerts', 'list'], env);
  expect(listed.stdout).toBe('watch #1 slack T1/C1 @mossy.kitchen (id 6800000000000000001); not checked yet\n    no posts alerted yet\n');
  const ran = await runInProcess(['alerts', 'run', '--at', '2026-12-07T06:00:00Z'], env);
  expect(ran.code).toBe(3);
  expect(ran.stdout).toMatch(/^Alerts run at 2026-12-07T06:00:00\.\d{3}Z for 2026-12-07: 1 watches due, 0 checked, 0 alerts posted, .* 1 without a connection; 0 creators fetched, 0 credits\.\n  watch #1 slack C1 @mossy\.kitchen: no-delivery: no slack connection is configured\n$/);
});

test('alerts alone, a bad --at and an unknown option are usage errors (exit 2) that say what alerts takes', async () => {
  const env = cleanEnv({ DATABASE_URL: path.join(dir, 'q.db') });
  const alone = await runInProcess(['alerts'], env);
  expect(alone.code).toBe(2);
  expect(alone.stderr).toContain('quadrants alerts run [--at <ISO time>]');
  expect(await runInProcess(['alerts', 'run', '--at', 'tomorrow'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('`--at` needs an ISO time') });
  expect(await runInProcess(['alerts', 'run', '--now'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not an option of `alerts run`') });
});

test('help: alerts and watch each explain themselves', async () => {
  const alerts = await runInProcess(['alerts', '--help']);
  expect(alerts).toMatchObject({ code: 0, stdout: expect.stringContaining('quadrants alerts list') });
  const watch = await runInProcess(['watch', '--help']);
  expect(watch.code).toBe(0);
  expect(watch.stdout).toContain("Check a creator's newest posts daily");
  expect(watch.stdout).toContain('needs a chat channel');
  const all = await runInProcess(['help']);
  expect(all.stdout).toContain('quadrants alerts run [--at <ISO time>]');
});
