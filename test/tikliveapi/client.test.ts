import { faults, rawVideos } from '../fakes/tikliveapi';
import { failure, KEY, MOSSY, rig, type Rig } from './helpers';

describe('TikLiveAPI source against the fake', () => {
  let r: Rig;
  afterEach(async () => {
    await r.close();
  });

  describe('requests', () => {
    it('sends GET with the key header, JSON accept and trailing-slash paths; the key is never in a URL', async () => {
      r = await rig();
      const creator = await r.source.resolveCreator('@Mossy.Kitchen');
      expect(creator).toEqual(MOSSY);
      await r.source.getPosts(creator, 10);
      expect(r.api.requests.map((q) => q.path)).toEqual(['/userid/', '/user-posts/']);
      for (const q of r.api.requests) {
        expect(q.headers['x-api-key']).toBe(KEY);
        expect(q.headers.accept).toBe('application/json');
        expect(JSON.stringify(q.query)).not.toContain(KEY);
      }
      expect(r.api.requests[0]?.query).toEqual({ username: 'mossy.kitchen' });
      expect(r.api.requests[1]?.query).toEqual({ userid: MOSSY.userid, count: '13', cursor: '0' });
    });

    it('answers a numeric id without any request', async () => {
      r = await rig();
      expect(await r.source.resolveCreator(MOSSY.userid)).toEqual({ username: '', userid: MOSSY.userid });
      expect(r.api.count()).toBe(0);
      const got = await r.source.getPosts({ username: '', userid: MOSSY.userid }, 5);
      expect(got.creator).toEqual(MOSSY); // the handle is learned from the posts' author
      expect(r.api.count()).toBe(1);
    });

    it('refuses bad input before any request', async () => {
      r = await rig();
      expect((await failure(r.source.resolveCreator('not a handle!'))).code).toBe('BAD_INPUT');
      expect((await failure(r.source.getPost('https://example.com/video/1'))).code).toBe('BAD_INPUT');
      expect((await failure(r.source.getPosts(MOSSY, 0))).code).toBe('BAD_INPUT');
      expect(r.api.count()).toBe(0);
    });
  });

  describe('getPosts', () => {
    it('returns the newest N posts, newest first, with credits, fetchedAt and flags', async () => {
      r = await rig();
      const got = await r.source.getPosts(MOSSY, 10);
      expect(got.posts).toHaveLength(10);
      const times = got.posts.map((p) => p.createdAt);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(got.posts.every((p) => /^\d{19}$/.test(p.id))).toBe(true);
      expect(got).toMatchObject({ creator: MOSSY, credits: 1, partial: false, demo: false, fetchedAt: new Date(r.clock.now).toISOString() });
      expect(r.source.creditsSpent()).toBe(1);
    });

    it('parses the wrapped envelope, string counters and bare 19-digit number ids identically', async () => {
      r = await rig();
      const plain = await r.source.getPosts(MOSSY, 10);
      const odd = await rig({ cacheTtlMs: 0 }, []);
      try {
        odd.api.addCreator({ ...MOSSY, videos: [] });
        Object.assign(odd.api.modes, { envelope: true, stringCounters: true, bareNumberIds: true, useridShape: 'number' });
        // Same videos: copy them from the first fake by asking it (its stored records are what it serves).
        odd.api.addCreator({ ...MOSSY, videos: plain.posts.map((p) => ({ aweme_id: p.id, video_id: p.id, title: p.title, create_time: p.createdAt, play_count: p.views, digg_count: p.likes, comment_count: p.comments, share_count: p.shares, download_count: p.downloads, collect_count: p.saves, is_top: 0 })) });
        const creator = await odd.source.resolveCreator('@mossy.kitchen');
        expect(creator.userid).toBe(MOSSY.userid);
        const wrapped = await odd.source.getPosts(creator, 10);
        expect(wrapped.posts).toEqual(plain.posts);
      } finally {
        await odd.close();
      }
    });

    it('drops ads and fills missing save/download counters from /post-detail/', async () => {
      const videos = rawVideos(8, (i) => (i === 1 ? { is_ad: true } : {}));
      r = await rig({ detailConcurrency: 2 }, videos);
      r.api.modes.omitListFields = ['collect_count', 'download_count'];
      const got = await r.source.getPosts(MOSSY, 5);
      expect(got.posts.map((p) => p.id)).not.toContain(videos[1]?.aweme_id);
      expect(got.posts.every((p) => p.saves !== null && p.downloads !== null)).toBe(true);
      expect(got.posts[0]?.saves).toBe(videos[0]?.collect_count);
      expect(r.api.count('post-detail')).toBe(5);
      expect(got.credits).toBe(6);
      const detailUrls = r.api.requests.filter((q) => q.endpoint === 'post-detail').map((q) => q.query.url);
      expect(detailUrls[0]).toBe(`https://www.tiktok.com/@mossy.kitchen/video/${videos[0]?.aweme_id as string}`);
    });

    it('keeps a counter null (not 0) when the detail call finds the post gone', async () => {
      r = await rig({}, rawVideos(5));
      r.api.modes.omitListFields = ['collect_count'];
      r.api.fail('post-detail', faults.notFound());
      const got = await r.source.getPosts(MOSSY, 5);
      expect(got.posts.filter((p) => p.saves === null)).toHaveLength(1);
      expect(got.posts.filter((p) => p.saves === 0)).toHaveLength(0);
    });

    it('fails with MALFORMED_DATA naming the field and post for a negative counter', async () => {
      const videos = rawVideos(5, (i) => (i === 2 ? { share_count: -4 } : {}));
      r = await rig({}, videos);
      const err = await failure(r.source.getPosts(MOSSY, 5));
      expect(err.code).toBe('MALFORMED_DATA');
      expect(err.message).toContain('share_count');
      expect(err.message).toContain(videos[2]?.aweme_id as string);
    });
  });

  describe('errors', () => {
    it.each([
      ['a wrong key (in-band, HTTP 200)', faults.badKey(), 'BAD_API_KEY'],
      ['HTTP 401', faults.status(401, { message: 'Unauthorized' }), 'BAD_API_KEY'],
      ['HTTP 403', faults.status(403), 'BAD_API_KEY'],
      ['no credits (in-band)', faults.outOfCredits(), 'OUT_OF_CREDITS'],
      ['HTTP 402', faults.status(402), 'OUT_OF_CREDITS'],
      ['an unknown user (in-band)', faults.notFound('User not found'), 'CREATOR_NOT_FOUND'],
      ['HTTP 404 with JSON', faults.status(404, { message: 'no such user' }), 'CREATOR_NOT_FOUND'],
      ['HTTP 400 without a message', faults.status(400, ''), 'UPSTREAM_UNAVAILABLE'],
      // An unknown in-band answer came with HTTP 200: counted, to keep budgets on the safe side.
      ['an unknown in-band code', { kind: 'respond' as const, body: { code: 9, msg: 'strange' }, billed: true }, 'UPSTREAM_UNAVAILABLE'],
    ])('maps %s on /user-posts/ to %s, without retrying, counting a credit only if the API billed one', async (_what, fault, code) => {
      r = await rig();
      r.api.fail('user-posts', fault);
      const err = await failure(r.source.getPosts(MOSSY, 5));
      expect(err.code).toBe(code);
      expect(err.userMessage.length).toBeGreaterThan(20);
      expect(r.api.count('user-posts')).toBe(1);
      // Only "not found" and the unknown in-band answer are served requests; refusals are not billed.
      expect(r.source.creditsSpent()).toBe(r.api.billed());
    });

    it('reports a wrong configured key as BAD_API_KEY', async () => {
      r = await rig({ apiKey: 'not-the-right-key-000' });
      expect((await failure(r.source.resolveCreator('@mossy.kitchen'))).code).toBe('BAD_API_KEY');
    });

    it('maps a missing post to POST_NOT_FOUND and reads a found one with its author', async () => {
      const videos = rawVideos(3);
      r = await rig({}, videos);
      const id = videos[1]?.aweme_id as string;
      const found = await r.source.getPost(`<https://www.tiktok.com/@mossy.kitchen/video/${id}?lang=en>`);
      expect(found.post.id).toBe(id);
      expect(found.creator).toEqual(MOSSY);
      expect(found.credits).toBe(1);
      expect(r.api.requests[0]?.query.url).toBe(`https://www.tiktok.com/@mossy.kitchen/video/${id}`);
      const err = await failure(r.source.getPost('https://www.tiktok.com/@mossy.kitchen/video/7000000000000000001'));
      expect(err.code).toBe('POST_NOT_FOUND');
    });

    it('follows a short link through /post-detail/', async () => {
      const videos = rawVideos(2);
      r = await rig({}, videos);
      r.api.addShortLink('ZMabc123', videos[0]?.aweme_id as string);
      const found = await r.source.getPost('https://vm.tiktok.com/ZMabc123');
      expect(found.post.id).toBe(videos[0]?.aweme_id);
    });
  });

  describe('user id lookup', () => {
    it.each(['object', 'string', 'number', 'nested'] as const)('reads a /userid/ answer shaped as %s', async (shape) => {
      r = await rig();
      r.api.modes.useridShape = shape;
      expect(await r.source.resolveCreator('mossy.kitchen')).toEqual(MOSSY);
      expect(r.api.count('userinfo-by-username')).toBe(0);
    });

    it('falls back to /userinfo-by-username/ when /userid/ has no readable id', async () => {
      r = await rig();
      r.api.modes.useridShape = 'unreadable';
      expect(await r.source.resolveCreator('@mossy.kitchen')).toEqual(MOSSY);
      expect(r.api.requests.map((q) => q.endpoint)).toEqual(['userid', 'userinfo-by-username']);
    });

    it('says a private account is private', async () => {
      r = await rig();
      r.api.addCreator({ username: 'secret.garden', userid: '6900000000000000001', videos: rawVideos(3), private: true });
      const err = await failure(r.source.resolveCreator('@secret.garden'));
      expect(err.code).toBe('CREATOR_NOT_FOUND');
      expect(err.userMessage).toMatch(/private/);
    });

    it('reports an unknown handle as CREATOR_NOT_FOUND after both lookups', async () => {
      r = await rig();
      const err = await failure(r.source.resolveCreator('@nobody.here'));
      expect(err.code).toBe('CREATOR_NOT_FOUND');
      expect(r.api.requests.map((q) => q.endpoint)).toEqual(['userid', 'userinfo-by-username']);
    });

    it('does not fall back on key or credit errors', async () => {
      r = await rig();
      r.api.fail('userid', faults.outOfCredits());
      expect((await failure(r.source.resolveCreator('@mossy.kitchen'))).code).toBe('OUT_OF_CREDITS');
      expect(r.api.count()).toBe(1);
    });

    it('caches handle → id forever (case-insensitively) and shares concurrent lookups', async () => {
      r = await rig();
      await Promise.all(Array.from({ length: 5 }, () => r.source.resolveCreator('@mossy.kitchen')));
      r.clock.now += 30 * 24 * 3600 * 1000;
      await r.source.resolveCreator('https://www.tiktok.com/@MOSSY.KITCHEN');
      expect(r.api.count('userid')).toBe(1);
    });
  });

});
