/**
 * The shared report cache and single-flight: three replicas (three sources, each with its own
 * pools) against one schema and the fake TikLiveAPI on loopback.
 */
import { createPgCoordination, type Coordination } from '../../src/replicas/coordination';
import { createTikLiveApiSource, type TikLiveApiSource } from '../../src/tikliveapi/source';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';
import { describePostgres, TEST_DATABASE_URL } from '../store/pg-helpers';
import { KEY, MOSSY } from '../tikliveapi/helpers';
import { migratedSchema } from './helpers';

describePostgres('shared cache and single-flight across replicas (PostgreSQL)', () => {
  let api: FakeTikLiveApi;
  let drop: () => Promise<void>;
  let coordinations: Coordination[] = [];
  let sources: TikLiveApiSource[] = [];

  beforeEach(async () => {
    api = await startFakeTikLiveApi({ apiKey: KEY });
    api.addCreator({ ...MOSSY, videos: rawVideos(12) });
    const m = await migratedSchema();
    drop = m.drop;
    coordinations = Array.from({ length: 3 }, () => createPgCoordination(TEST_DATABASE_URL, { schema: m.schema, requestsPerMinute: 6000, burst: 100, pollMs: 10 }));
    sources = coordinations.map((shared) =>
      createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, shared, requestsPerMinute: 6000, retryBaseMs: 1, sleep: async () => undefined }),
    );
  });

  afterEach(async () => {
    for (const s of sources) await s.close();
    for (const c of coordinations) await c.close();
    await api.close();
    await drop();
  });

  test('the same report asked on three replicas at once makes one upstream request and costs one credit in all', async () => {
    // Slow answers, so all three are in flight together.
    api.latencyMs = 150;
    const creator = { username: '', userid: MOSSY.userid };
    const answers = await Promise.all(sources.map((s) => s.getPosts(creator, 10)));
    expect(api.count('user-posts')).toBe(1);
    expect(api.count()).toBe(1);
    expect(answers.map((a) => a.credits).sort()).toEqual([0, 0, 1]);
    // Every replica got the same posts.
    for (const a of answers) expect(a.posts.map((p) => p.id)).toEqual(answers[0]?.posts.map((p) => p.id));
    // Within the TTL, a later ask anywhere is free.
    const again = await sources[2]?.getPosts(creator, 10);
    expect(again?.credits).toBe(0);
    expect(api.count()).toBe(1);
  });

  test('with the cache off (TTL 0), a report asked on three replicas at once is still fetched once', async () => {
    const uncached = coordinations.map((shared) =>
      createTikLiveApiSource({ apiKey: KEY, baseUrl: api.url, shared, cacheTtlMs: 0, requestsPerMinute: 6000, retryBaseMs: 1, sleep: async () => undefined }),
    );
    sources.push(...uncached);
    api.latencyMs = 150;
    const creator = { username: '', userid: MOSSY.userid };
    const answers = await Promise.all(uncached.map((s) => s.getPosts(creator, 10)));
    expect(api.count('user-posts')).toBe(1);
    expect(answers.map((a) => a.credits).sort()).toEqual([0, 0, 1]);
    expect(answers.reduce((n, a) => n + a.credits, 0)).toBe(api.billed());
  });

  test('a handle is looked up once across replicas, and its posts fetched once', async () => {
    api.latencyMs = 100;
    const answers = await Promise.all(sources.map((s) => s.getPosts({ username: MOSSY.username, userid: '' }, 10)));
    expect(api.count('userid') + api.count('userinfo-by-username')).toBe(1);
    expect(api.count('user-posts')).toBe(1);
    // What the three answers say they spent is exactly what the API charged.
    expect(answers.reduce((n, a) => n + a.credits, 0)).toBe(api.count());
  });

  test('when the leader fails, another replica takes over instead of waiting forever', async () => {
    api.fail('user-posts', { kind: 'respond', status: 500, body: 'down' });
    api.fail('user-posts', { kind: 'respond', status: 500, body: 'down' });
    api.fail('user-posts', { kind: 'respond', status: 500, body: 'down' });
    const creator = { username: '', userid: MOSSY.userid };
    const first = await sources[0]?.getPosts(creator, 10).then(() => 'ok', () => 'failed');
    expect(first).toBe('failed');
    const second = await sources[1]?.getPosts(creator, 10);
    expect(second?.posts.length).toBe(10);
    // The three failed attempts were charged to the first ask; the second paid for its own page.
    expect(second?.credits).toBe(1);
  });
});

describePostgres('shared cache errors (PostgreSQL)', () => {
  test("a fetch's own error passes unchanged; a database failure becomes the store's sentence", async () => {
    const { schema, drop } = await migratedSchema();
    const shared = createPgCoordination(TEST_DATABASE_URL, { schema, requestsPerMinute: 600 });
    try {
      const boom = new TypeError('not a database problem');
      await expect(shared.cache.getOrLoad('k', 1000, () => Promise.reject(boom))).rejects.toBe(boom);
    } finally {
      await shared.close();
      await drop();
    }
    const gone = createPgCoordination(TEST_DATABASE_URL, { schema, requestsPerMinute: 600 });
    try {
      // The schema was dropped: the tables are gone.
      await expect(gone.cache.getOrLoad('k', 1000, async () => ({ value: 1, keep: true }))).rejects.toMatchObject({ name: 'QuadrantsError' });
    } finally {
      await gone.close();
    }
  });
});
