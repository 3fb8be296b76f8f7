import { QuadrantsError } from '../../src/errors';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import { faults, rawVideos } from '../fakes/tikliveapi';
import { failure, KEY, MOSSY, rig, type Rig } from './helpers';

describe('TikLiveAPI source: retries, caching and secrecy', () => {
  let r: Rig;
  afterEach(async () => {
    await r.close();
  });

  describe('retries', () => {
    it('retries a 429, waiting at least its Retry-After, and counts only the answer the API billed', async () => {
      r = await rig();
      r.api.fail('user-posts', faults.rateLimited(2));
      const got = await r.source.getPosts(MOSSY, 5);
      expect(got.posts).toHaveLength(5);
      expect(r.api.count('user-posts')).toBe(2);
      expect(got.credits).toBe(1);
      expect(r.api.billed()).toBe(1);
      expect(r.sleeps).toHaveLength(1);
      expect(r.sleeps[0]).toBeGreaterThanOrEqual(2000);
    });

    it.each([
      ['HTTP 500', faults.serverError()],
      ['HTTP 503', faults.serverError(503)],
      ['an HTML page with HTTP 200', faults.html()],
      ['a dropped connection', faults.drop()],
      ['an in-band throttle', faults.throttled()],
      ['HTTP 502', faults.serverError(502)],
      ['an answer that never comes (timeout)', faults.hang()],
    ])('retries %s and then succeeds, counting only the billed answer', async (_what, fault) => {
      r = await rig();
      r.api.fail('user-posts', fault);
      const got = await r.source.getPosts(MOSSY, 5);
      expect(got.posts).toHaveLength(5);
      expect(r.api.count('user-posts')).toBe(2);
      expect(got.credits).toBe(1);
      expect(r.api.billed()).toBe(1);
    });

    it('gives up after 3 attempts: HTML → UPSTREAM_UNAVAILABLE, 429 → RATE_LIMITED with a wait', async () => {
      r = await rig();
      for (let i = 0; i < 3; i++) r.api.fail('user-posts', faults.html());
      expect((await failure(r.source.getPosts(MOSSY, 5))).code).toBe('UPSTREAM_UNAVAILABLE');
      expect(r.api.count('user-posts')).toBe(3);
      for (let i = 0; i < 3; i++) r.api.fail('user-posts', faults.rateLimited(1));
      const limited = await failure(r.source.getPosts(MOSSY, 6));
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.retryAfterMs).toBe(1000);
      expect(r.api.count('user-posts')).toBe(6);
      // Six unanswered attempts in the API's terms: none was billed, none is counted.
      expect(r.source.creditsSpent()).toBe(0);
      expect(r.api.billed()).toBe(0);
    });

    it('backs off exponentially between attempts', async () => {
      r = await rig({ retryBaseMs: 100 });
      r.api.fail('user-posts', faults.serverError());
      r.api.fail('user-posts', faults.serverError());
      await r.source.getPosts(MOSSY, 5);
      expect(r.sleeps).toHaveLength(2);
      expect(r.sleeps[0]).toBeGreaterThanOrEqual(50);
      expect(r.sleeps[0]).toBeLessThanOrEqual(100);
      expect(r.sleeps[1]).toBeGreaterThanOrEqual(100);
      expect(r.sleeps[1]).toBeLessThanOrEqual(200);
    });

    it('does not wait for a Retry-After longer than the limit', async () => {
      r = await rig({ maxRetryDelayMs: 5000 });
      r.api.fail('user-posts', faults.rateLimited(120));
      const err = await failure(r.source.getPosts(MOSSY, 5));
      expect(err.code).toBe('RATE_LIMITED');
      expect(err.retryAfterMs).toBe(120_000);
      expect(r.sleeps).toEqual([]);
    });

    it('times out a hanging request, retries, and reports UPSTREAM_UNAVAILABLE when all attempts hang', async () => {
      r = await rig({ pageTimeoutMs: 150 });
      r.api.fail('user-posts', faults.hang());
      expect((await r.source.getPosts(MOSSY, 5)).posts).toHaveLength(5);
      expect(r.api.count('user-posts')).toBe(2);
      for (let i = 0; i < 3; i++) r.api.fail('user-posts', faults.hang());
      const err = await failure(r.source.getPosts(MOSSY, 6));
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.message).toMatch(/timed out/);
    });

    it('does not charge a credit when the API cannot be reached at all', async () => {
      r = await rig();
      const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', retryBaseMs: 1, sleep: async () => undefined });
      try {
        const err = await failure(source.getPosts(MOSSY, 5));
        expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(source.creditsSpent()).toBe(0);
      } finally {
        await source.close();
      }
    });
  });

  describe('cache and single-flight', () => {
    it('serves ten concurrent identical requests with one upstream call; only the leader pays', async () => {
      r = await rig();
      r.api.latencyMs = 30;
      const answers = await Promise.all(Array.from({ length: 10 }, () => r.source.getPosts(MOSSY, 10)));
      expect(r.api.count('user-posts')).toBe(1);
      expect(answers.map((a) => a.credits).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
      expect(new Set(answers.map((a) => JSON.stringify(a.posts))).size).toBe(1);
      expect(r.source.creditsSpent()).toBe(1);
    });

    it('serves repeats from the cache for the TTL, then fetches again', async () => {
      r = await rig({ cacheTtlMs: 60_000 });
      const first = await r.source.getPosts(MOSSY, 10);
      r.clock.now += 59_999;
      const again = await r.source.getPosts(MOSSY, 10);
      expect(again.credits).toBe(0);
      expect(again.fetchedAt).toBe(first.fetchedAt);
      expect(r.api.count('user-posts')).toBe(1);
      await r.source.getPosts(MOSSY, 5); // another window is another key
      expect(r.api.count('user-posts')).toBe(2);
      r.clock.now += 1;
      const fresh = await r.source.getPosts(MOSSY, 10);
      expect(fresh.credits).toBe(1);
      expect(r.api.count('user-posts')).toBe(3);
    });

    it('hands out copies, so a caller cannot change the cached answer', async () => {
      r = await rig();
      const a = await r.source.getPosts(MOSSY, 5);
      (a.posts[0] as { views: number | null }).views = -1;
      a.posts.length = 0;
      const b = await r.source.getPosts(MOSSY, 5);
      expect(b.posts).toHaveLength(5);
      expect(b.posts[0]?.views).not.toBe(-1);
    });

    it('does not cache failures', async () => {
      r = await rig();
      r.api.fail('user-posts', faults.outOfCredits());
      await failure(r.source.getPosts(MOSSY, 5));
      expect((await r.source.getPosts(MOSSY, 5)).posts).toHaveLength(5);
    });

    it('caches a post lookup too', async () => {
      const videos = rawVideos(2);
      r = await rig({}, videos);
      const url = `https://www.tiktok.com/@mossy.kitchen/video/${videos[0]?.aweme_id as string}`;
      const [a, b] = await Promise.all([r.source.getPost(url), r.source.getPost(url)]);
      const c = await r.source.getPost(url);
      expect(r.api.count('post-detail')).toBe(1);
      expect([a.credits, b.credits].sort()).toEqual([0, 1]);
      expect(c.credits).toBe(0);
    });
  });

  describe('the key stays secret', () => {
    it('never appears in errors, user messages or log lines', async () => {
      r = await rig();
      r.api.fail('userid', faults.inBand(`Api-Key ${KEY} is not available`));
      r.api.fail('user-posts', faults.html());
      r.api.fail('user-posts', { kind: 'respond', status: 500, body: `<p>upstream said ${KEY}</p>` });
      r.api.fail('user-posts', faults.rateLimited());
      const errors = [await failure(r.source.resolveCreator('@mossy.kitchen')), await failure(r.source.getPosts(MOSSY, 5))];
      for (const e of errors) {
        expect(e.message).not.toContain(KEY);
        expect(e.userMessage).not.toContain(KEY);
        expect(JSON.stringify({ ...e, stack: e.stack })).not.toContain(KEY);
      }
      expect(r.lines.length).toBeGreaterThan(0);
      expect(r.lines.join('\n')).not.toContain(KEY);
      expect(r.lines.join('\n')).toContain('[redacted]');
    });

    it('refuses unusable options with CONFIG and without echoing the key', () => {
      let caught: unknown;
      try {
        createTikLiveApiSource({ apiKey: 'has space key', baseUrl: 'ftp://nope' });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(QuadrantsError);
      expect((caught as QuadrantsError).code).toBe('CONFIG');
      expect((caught as QuadrantsError).message).not.toContain('has space key');
      r = { close: async () => undefined } as Rig;
    });
  });
});
