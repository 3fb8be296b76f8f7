/**
 * The CLI in-process (runCli): exit codes, output shapes, demo data, input validated before any
 * request, and a live run against the fake TikLiveAPI with a hand-computed dataset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CREATORS } from '../../src/demo/data';
import { HAND_CREATOR, HAND_EXPECTED, addHandCreator, cleanEnv, runInProcess, useLiveFakes } from './helpers';

const fakes = useLiveFakes();

// The fake QuickChart stands for one that draws the chart plugins.
const liveEnv = () => cleanEnv({ TIKLIVEAPI_KEY: fakes.api.apiKey, TIKLIVEAPI_BASE_URL: fakes.api.url, QUICKCHART_BASE_URL: fakes.qc.url, QUICKCHART_PLUGINS: 'true' });

describe('demo data', () => {
  it('reports from the demo data without a key, saying so in one stderr line', async () => {
    const r = await runInProcess(['report', '@mossy.kitchen']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/TIKLIVEAPI_KEY is not set, so this uses the bundled demo data/);
    expect(r.stdout).toContain('Quadrants for @mossy.kitchen · last 10 posts');
    expect(r.stdout).toContain('Demo data');
    expect(r.stdout).toMatch(/Chart: https:\/\/quickchart\.io\/chart\?c=/);
  });

  it('uses the demo data with --demo even when a key is set, and makes no request', async () => {
    const r = await runInProcess(['report', '@rowan.lifts', '--demo', '--json'], liveEnv());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--demo given/);
    expect(fakes.api.requests).toHaveLength(0);
    const json = JSON.parse(r.stdout) as { creator: { username: string }; posts: unknown[]; credits: number; demo: boolean };
    expect(json.creator.username).toBe('rowan.lifts');
    expect(json.posts).toHaveLength(10);
    expect(json.credits).toBe(0);
    expect(json.demo).toBe(true);
  });

  it('shows the first demo creator for `report --demo` (what npm run demo runs)', async () => {
    const r = await runInProcess(['report', '--demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Quadrants for @mossy.kitchen');
  });

  it('compares and places demo posts', async () => {
    const c = await runInProcess(['compare', '@mossy.kitchen', '@sofa.standup', '--posts', '12']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('Compare @mossy.kitchen vs @sofa.standup');
    const id = DEMO_CREATORS[2]!.posts[3]!.id;
    const p = await runInProcess(['post', `https://www.tiktok.com/@sofa.standup/video/${id}`, '--json']);
    expect(p.code).toBe(0);
    const json = JSON.parse(p.stdout) as { post: { id: string }; baseline: { creator: { username: string } } };
    expect(json.post.id).toBe(id);
    expect(json.baseline.creator.username).toBe('sofa.standup');
  });

  it('prints the per-post breakdown as CSV with --csv (header, one row per post, nothing else on stdout)', async () => {
    const r = await runInProcess(['report', '@mossy.kitchen', '--csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('id,title,created_at,views,likes,comments,shares,saves,downloads,share_rate,save_rate,download_rate,quadrant,template,url');
    expect(lines.filter(Boolean)).toHaveLength(11);
    expect(lines[1]).toMatch(/^\d+,/);
    const c = await runInProcess(['compare', '@mossy.kitchen', '@sofa.standup', '--csv']);
    expect(c.code).toBe(0);
    const rows = c.stdout.split('\r\n').filter(Boolean);
    expect(rows[0]).toMatch(/^creator,id,title,/);
    expect(rows.slice(1).map((l) => l.split(',')[0])).toEqual([...Array(10).fill('mossy.kitchen'), ...Array(10).fill('sofa.standup')]);
  });

  it('refuses --json together with --csv (exit 2)', async () => {
    const r = await runInProcess(['report', '@mossy.kitchen', '--csv', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Choose one of --json and --csv.\n');
  });

  it('turns an unknown demo creator into exit 1 with the sentence listing the demo handles', async () => {
    const r = await runInProcess(['report', '@not.in.demo']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').pop()).toMatch(/^The demo data only has @mossy\.kitchen, @rowan\.lifts or @sofa\.standup/);
  });
});

describe('bad input', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['report']],
    [['report', 'not a handle!']],
    [['report', '@mossy.kitchen', '--posts', '4']],
    [['report', '@mossy.kitchen', '--posts', '36']],
    [['report', '@mossy.kitchen', '--posts', 'ten']],
    [['report', '@mossy.kitchen', '--bogus']],
    [['compare', '@mossy.kitchen']],
    [['compare', '@a.one', '@A.one']],
    [['compare', '@a1', '@a2', '@a3', '@a4', '@a5', '@a6']],
    [['post', 'https://example.com/video/123']],
    [['post', 'https://www.tiktok.com/@name/video/7398700011122233344', '--posts', '10']],
    [['digest', 'run', '--at', 'yesterday']],
  ])('%j exits 2 with one line and makes no request', async (argv) => {
    const r = await runInProcess(argv, liveEnv());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim().length).toBeGreaterThan(10);
    expect(fakes.api.requests).toHaveLength(0);
  });
});

describe('live data (fake TikLiveAPI)', () => {
  it('computes medians and quadrants for a hand-computed dataset', async () => {
    const ids = addHandCreator(fakes.api);
    const r = await runInProcess(['report', `@${HAND_CREATOR.username}`, '--posts', '6', '--json'], liveEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      creator: { username: string; userid: string };
      window: { posts: number; from: string; to: string };
      medians: Record<string, number>;
      posts: Array<{ id: string; quadrant: string | null; shareRate: number; saveRate: number; createdAt: string; views: number }>;
      counts: Record<string, number>;
      chartUrl: string;
      credits: number;
      demo: boolean;
    };
    expect(json.creator).toEqual(HAND_CREATOR);
    expect(json.window.posts).toBe(6);
    expect(json.medians.shareRate).toBeCloseTo(HAND_EXPECTED.medians.shareRate, 12);
    expect(json.medians.saveRate).toBeCloseTo(HAND_EXPECTED.medians.saveRate, 12);
    expect(json.medians.downloadRate).toBeCloseTo(HAND_EXPECTED.medians.downloadRate, 12);
    expect(json.posts.map((p) => p.id)).toEqual(ids);
    expect(json.posts.map((p) => p.quadrant)).toEqual(HAND_EXPECTED.quadrants);
    expect(json.posts[0]).toMatchObject({ shareRate: 0.03, saveRate: 0.04, views: 10_000 });
    expect(json.posts[0]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(json.counts).toEqual(HAND_EXPECTED.counts);
    expect(json.chartUrl.startsWith(`${fakes.qc.url}/chart?c=`)).toBe(true);
    expect(json.credits).toBe(fakes.api.requests.length);
    expect(json.credits).toBeGreaterThan(0);
    expect(json.demo).toBe(false);
    expect(r.stdout).not.toContain(fakes.api.apiKey);
  });

  it('prints the text read-out with the same numbers', async () => {
    addHandCreator(fakes.api);
    const r = await runInProcess(['report', HAND_CREATOR.userid, '--posts', '6'], liveEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Median share rate +1\.50%/);
    expect(r.stdout).toMatch(/Median save rate +2\.00%/);
    expect(r.stdout).toMatch(/Viral evergreen \(high shares, high saves\) +2 posts/);
    expect(r.stdout).toMatch(/Dead \(low shares, low saves\) +2 posts/);
    expect(r.stdout).toContain('Viral evergreen (high shares, high saves) · 2');
    expect(r.stdout).not.toContain('Demo data');
  });

  it('turns upstream failures into exit 1 with one line, never echoing the key', async () => {
    fakes.api.fail('*', { kind: 'respond', status: 200, body: { message: 'Api-Key is not available' } });
    const r = await runInProcess(['report', '@hand.computed', '--posts', '6'], liveEnv());
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/TIKLIVEAPI_KEY/);
    expect(r.stderr).not.toContain(fakes.api.apiKey);
  });

  it('reports a broken configuration as exit 1 in one line', async () => {
    const r = await runInProcess(['report', '@hand.computed'], { ...liveEnv(), QUICKCHART_BASE_URL: 'not a url' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/QUICKCHART_BASE_URL/);
    expect(fakes.api.requests).toHaveLength(0);
  });
});

describe('help and reserved commands', () => {
  it('prints the usage and the demo handles', async () => {
    const r = await runInProcess(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quadrants report <creator>');
    expect(r.stdout).toContain('@mossy.kitchen');
    expect((await runInProcess(['report', '--help'])).code).toBe(0);
  });

  it('runs digest list and digest run on the store in DATABASE_URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrants-cli-'));
    try {
      const env = { ...cleanEnv(), DATABASE_URL: join(dir, 'q.db') };
      const list = await runInProcess(['digest', 'list'], env);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('No digest subscriptions yet.');
      const run = await runInProcess(['digest', 'run', '--at', '2026-12-01T09:00:00Z'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/0 due, 0 posted/);
      const bad = await runInProcess(['digest', 'run', '--at', 'yesterday'], env);
      expect(bad.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports even when a chat platform is only half configured (it does not use it)', async () => {
    const r = await runInProcess(['report', '@mossy.kitchen', '--json'], cleanEnv({ SLACK_BOT_TOKEN: 'xoxb-half-configured' }));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { creator: { username: string } }).creator.username).toBe('mossy.kitchen');
  });

  it('prints the version from package.json', async () => {
    const r = await runInProcess(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^quadrants \d+\.\d+\.\d+\n$/);
  });

  it('backs up the SQLite store to a file that opens as a store, and explains its usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrants-backup-'));
    try {
      const env = { ...cleanEnv(), DATABASE_URL: join(dir, 'q.db') };
      expect((await runInProcess(['digest', 'list'], env)).code).toBe(0);
      const target = join(dir, 'copy.db');
      const r = await runInProcess(['db', 'backup', target], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Backed up the store to ${target}.`);
      const copy = await runInProcess(['digest', 'list'], { ...cleanEnv(), DATABASE_URL: target });
      expect(copy.stdout).toContain('No digest subscriptions yet.');
      const usage = await runInProcess(['db', 'backup'], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('quadrants db backup <file>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('per-command help', () => {
  it.each([
    ['report', 'quadrants report <creator> [--posts N]', 'Example: quadrants report @mossy.kitchen --posts 20'],
    ['compare', 'quadrants compare <a> <b> [...] [--posts N]', 'Example: quadrants compare @mossy.kitchen @sofa.standup'],
    ['post', 'quadrants post <video-url>', 'Example: quadrants post https://www.tiktok.com/@sofa.standup/video/'],
    ['subscribe', '/quadrants subscribe @creator [#channel]', 'run it in Slack or Discord, for example /quadrants subscribe @mossy.kitchen #marketing weekly on monday at 09:00 tz Europe/Berlin'],
    ['digest', 'quadrants digest run [--at <ISO time>]', 'for example /quadrants digest @mossy.kitchen'],
    ['db', 'quadrants db backup <file>', 'Example: quadrants db backup ./quadrants-backup.db'],
  ])('quadrants %s --help prints that command’s usage, options and example, exit 0', async (command, usageLine, example) => {
    const r = await runInProcess([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]?.startsWith(usageLine)).toBe(true);
    expect(r.stdout).toContain(usageLine);
    expect(r.stdout).toContain(example);
    // Not the global list: no other command's usage line.
    expect(r.stdout).not.toContain('How to use /quadrants');
    expect(r.stderr).toBe('');
  });

  it('lists the options a command takes, the output flags included', async () => {
    const r = await runInProcess(['report', '--help']);
    expect(r.stdout).toMatch(/- <creator>: the TikTok creator/);
    expect(r.stdout).toMatch(/- --posts N: how many recent posts to map, 5–35/);
    for (const flag of ['--json', '--csv', '--demo']) expect(r.stdout).toContain(`- ${flag}: `);
  });

  it('quadrants help <command> is the same as quadrants <command> --help; an unknown one is a usage error', async () => {
    const a = await runInProcess(['help', 'compare']);
    const b = await runInProcess(['compare', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const bad = await runInProcess(['help', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('“nonsense” is not a quadrants command; run quadrants help for the list.');
  });

  it('quadrants digest alone prints the digest help on stderr and exits 2, asking nothing upstream', async () => {
    const r = await runInProcess(['digest']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('quadrants digest run [--at <ISO time>]');
    expect(r.stderr).toContain('quadrants digest list');
    expect(r.stderr).not.toMatch(/Give one creator/);
  });

  it('the global help says how to get one command’s help', async () => {
    expect((await runInProcess(['help'])).stdout).toContain('quadrants <command> --help explains one command');
  });
});

describe('trend', () => {
  it('reports keep a snapshot in DATABASE_URL; trend --json prints exactly creator and periods, asking nothing upstream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrants-trend-'));
    try {
      addHandCreator(fakes.api);
      const env = { ...liveEnv(), DATABASE_URL: join(dir, 'q.db') };
      const report = await runInProcess(['report', `@${HAND_CREATOR.username}`, '--posts', '6', '--json'], env);
      expect(report.code).toBe(0);
      const asked = fakes.api.requests.length;
      expect(asked).toBeGreaterThan(0);
      const r = await runInProcess(['trend', `@${HAND_CREATOR.username}`, '--json'], env);
      expect(r.code).toBe(0);
      expect(fakes.api.requests).toHaveLength(asked);
      const json = JSON.parse(r.stdout) as { creator: string; periods: Array<Record<string, unknown>> };
      const reported = JSON.parse(report.stdout) as { medians: { shareRate: number; saveRate: number }; counts: Record<string, number>; posts: unknown[] };
      expect(Object.keys(json)).toEqual(['creator', 'periods']);
      expect(json.creator).toBe(HAND_CREATOR.username);
      expect(json.periods).toEqual([
        { period: new Date().toISOString().slice(0, 7), medianShareRate: reported.medians.shareRate, medianSaveRate: reported.medians.saveRate, posts: reported.posts.length, counts: reported.counts },
      ]);
      expect(Object.keys(json.periods[0] ?? {})).toEqual(['period', 'medianShareRate', 'medianSaveRate', 'posts', 'counts']);
      // As text: the month's line, and no notice about demo data (trend reads only the store).
      const text = await runInProcess(['trend', `@${HAND_CREATOR.username}`], env);
      expect(text.stdout).toContain(`@${HAND_CREATOR.username}: medians by month`);
      expect(text.stderr).toBe('');
      expect(fakes.api.requests).toHaveLength(asked);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a creator with no snapshot gets one sentence saying how to get one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrants-trend-'));
    try {
      const r = await runInProcess(['trend', '@never.reported'], { ...liveEnv(), DATABASE_URL: join(dir, 'q.db') });
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(
        "No report of @never.reported is stored for this machine in the last 12 months, so there is no trend yet: run quadrants report @never.reported with DATABASE_URL set (or let a digest run) and each month's latest report is kept for the trend from then on.",
      );
      expect(fakes.api.requests).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
