/**
 * The built binary, spawned as a user runs it: `node dist/app/cli.js …`.
 * Builds dist/ first when it is older than src/. `npm test` builds before it runs jest, so a
 * build that fails here fails these tests rather than skipping them.
 */
import { startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';
import { HAND_CREATOR, HAND_EXPECTED, addHandCreator, cleanEnv, ensureBuilt, runBuilt } from './helpers';

const built = ensureBuilt();

describe('node dist/app/cli.js', () => {
  let api: FakeTikLiveApi;
  let qc: FakeQuickChart;
  beforeAll(async () => {
    if (!built) throw new Error('dist/ could not be built; run `npm run build` to see why.');
    api = await startFakeTikLiveApi();
    qc = await startFakeQuickChart();
  });
  afterAll(async () => {
    await api.close();
    await qc.close();
  });
  beforeEach(() => api.reset());

  // The fake QuickChart stands for one that draws the chart plugins.
const liveEnv = () => cleanEnv({ TIKLIVEAPI_KEY: api.apiKey, TIKLIVEAPI_BASE_URL: api.url, QUICKCHART_BASE_URL: qc.url, QUICKCHART_PLUGINS: 'true' });

  it('runs a demo report without a key: exit 0, report on stdout, one demo line on stderr', async () => {
    const r = await runBuilt(['report', '@mossy.kitchen', '--posts', '8']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Quadrants for @mossy.kitchen · last 8 posts');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('demo data');
  });

  it('prints one JSON object with --json --demo', async () => {
    const r = await runBuilt(['report', '@sofa.standup', '--json', '--demo'], liveEnv());
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['creator', 'window', 'medians', 'posts', 'counts', 'flags', 'mix', 'chartUrl', 'credits']) expect(json).toHaveProperty(key);
    expect(api.requests).toHaveLength(0);
  });

  it('exits 2 on bad input before making any request', async () => {
    for (const argv of [['report', 'no spaces allowed'], ['report', '@mossy.kitchen', '--posts', '50'], ['compare', '@only.one']]) {
      const r = await runBuilt(argv, liveEnv());
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(api.requests).toHaveLength(0);
  });

  it('reports live data from the fake TikLiveAPI with the hand-computed medians and quadrants', async () => {
    addHandCreator(api);
    const r = await runBuilt(['report', `@${HAND_CREATOR.username}`, '--posts', '6', '--json'], liveEnv());
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { medians: Record<string, number>; posts: Array<{ quadrant: string | null }>; counts: Record<string, number>; credits: number };
    expect(json.medians.shareRate).toBeCloseTo(HAND_EXPECTED.medians.shareRate, 12);
    expect(json.medians.saveRate).toBeCloseTo(HAND_EXPECTED.medians.saveRate, 12);
    expect(json.posts.map((p) => p.quadrant)).toEqual(HAND_EXPECTED.quadrants);
    expect(json.counts).toEqual(HAND_EXPECTED.counts);
    expect(json.credits).toBe(api.requests.length);
  });

  it('exits 1 with one line when the upstream fails', async () => {
    api.fail('*', { kind: 'respond', status: 200, body: { message: 'Your balance is exhausted, please purchase credits' } });
    const r = await runBuilt(['report', '@hand.computed'], liveEnv());
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints help with exit 0', async () => {
    const r = await runBuilt(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quadrants compare <a> <b>');
  });
});
