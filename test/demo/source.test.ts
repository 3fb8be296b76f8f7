import { DEMO_CREATORS, DEMO_FETCHED_AT } from '../../src/demo/data';
import { createDemoSource } from '../../src/demo/source';
import { buildReport } from '../../src/quadrants/report';
import { QUADRANT_IDS } from '../../src/quadrants/types';

const source = createDemoSource();

describe('demo dataset', () => {
  it('has three invented creators with 19-digit string ids and 35 posts plus a pinned one', () => {
    expect(DEMO_CREATORS.map((d) => d.creator.username)).toEqual(['mossy.kitchen', 'rowan.lifts', 'sofa.standup']);
    for (const d of DEMO_CREATORS) {
      expect(d.creator.userid).toMatch(/^\d{19}$/);
      expect(d.posts).toHaveLength(36);
      for (const p of d.posts) expect(p.id).toMatch(/^\d{19}$/);
      expect(new Set(d.posts.map((p) => p.id)).size).toBe(36);
    }
    const all = DEMO_CREATORS.flatMap((d) => d.posts.map((p) => p.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('lists an old pinned post first, then the rest newest first', () => {
    for (const d of DEMO_CREATORS) {
      const [pinned, ...rest] = d.posts;
      expect(pinned!.pinned).toBe(true);
      expect(rest.every((p) => !p.pinned)).toBe(true);
      expect(pinned!.createdAt).toBeLessThan(Math.min(...rest.map((p) => p.createdAt)));
      const times = rest.map((p) => p.createdAt);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(Math.max(...times)).toBeLessThan(Date.parse(DEMO_FETCHED_AT) / 1000);
    }
  });

  it('has realistic magnitudes', () => {
    for (const d of DEMO_CREATORS) {
      for (const p of d.posts.filter((x) => (x.views ?? 0) > 0)) {
        const views = p.views as number;
        expect(views).toBeGreaterThanOrEqual(2_000);
        expect(views).toBeLessThanOrEqual(3_000_000);
        expect((p.shares as number) / views).toBeGreaterThanOrEqual(0.0009);
        expect((p.shares as number) / views).toBeLessThanOrEqual(0.031);
        expect((p.saves as number) / views).toBeGreaterThanOrEqual(0.0019);
        expect((p.saves as number) / views).toBeLessThanOrEqual(0.061);
      }
    }
  });

  it('has exactly one zero-view post, the newest of mossy.kitchen', () => {
    const zero = DEMO_CREATORS.flatMap((d) => d.posts.filter((p) => p.views === 0).map((p) => ({ d, p })));
    expect(zero).toHaveLength(1);
    expect(zero[0]!.d.creator.username).toBe('mossy.kitchen');
    expect(zero[0]!.p).toBe(zero[0]!.d.posts[1]);
  });

  it.each(DEMO_CREATORS.map((d) => d.creator.username))('puts @%s posts in every quadrant and flags a template, for 10 and 35 posts', async (name) => {
    const creator = await source.resolveCreator(`@${name}`);
    for (const n of [10, 35]) {
      const report = buildReport(await source.getPosts(creator, n), n);
      for (const q of QUADRANT_IDS) expect(report.counts[q]).toBeGreaterThan(0);
      expect(report.flags.templates.length).toBeGreaterThanOrEqual(1);
      expect(report.flags.smallSample).toBe(false);
      expect(report.demo).toBe(true);
      expect(report.credits).toBe(0);
    }
  });
});

describe('createDemoSource', () => {
  it('resolves handles the way the live source does (@name, name, profile link, numeric id)', async () => {
    const kitchen = DEMO_CREATORS[0]!.creator;
    for (const input of ['@mossy.kitchen', 'Mossy.Kitchen', 'https://www.tiktok.com/@mossy.kitchen', kitchen.userid]) {
      await expect(source.resolveCreator(input)).resolves.toEqual(kitchen);
    }
  });

  it('refuses malformed input as BAD_INPUT and unknown creators with a sentence listing the demo handles', async () => {
    await expect(source.resolveCreator('not a handle!')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const err = await source.resolveCreator('@someone.else').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CREATOR_NOT_FOUND' });
    const message = (err as { userMessage: string }).userMessage;
    for (const d of DEMO_CREATORS) expect(message).toContain(`@${d.creator.username}`);
    await expect(source.getPosts({ username: 'nobody', userid: '' }, 10)).rejects.toMatchObject({ code: 'CREATOR_NOT_FOUND' });
  });

  it('returns the newest N posts, newest first, with the pinned post left out, as demo data costing nothing', async () => {
    const creator = await source.resolveCreator('@rowan.lifts');
    const data = await source.getPosts(creator, 10);
    expect(data).toMatchObject({ creator, credits: 0, fetchedAt: DEMO_FETCHED_AT, partial: false, demo: true });
    expect(data.posts).toHaveLength(10);
    expect(data.posts.some((p) => p.pinned)).toBe(false);
    expect(data.posts.map((p) => p.id)).toEqual(DEMO_CREATORS[1]!.posts.slice(1, 11).map((p) => p.id));
    // Answers are copies: editing one does not change the next.
    data.posts[0]!.views = -1;
    expect((await source.getPosts(creator, 10)).posts[0]!.views).not.toBe(-1);
  });

  it('finds a demo post by the id in its video link', async () => {
    const comedy = DEMO_CREATORS[2]!;
    const post = comedy.posts[4]!;
    const found = await source.getPost(`https://www.tiktok.com/@sofa.standup/video/${post.id}?lang=en`);
    expect(found).toEqual({ post: { ...post }, creator: comedy.creator, credits: 0, fetchedAt: DEMO_FETCHED_AT });
    await expect(source.getPost('https://www.tiktok.com/@sofa.standup/video/7000000000000000001')).rejects.toMatchObject({ code: 'POST_NOT_FOUND' });
    await expect(source.getPost('https://example.com/video/1')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('is deterministic', () => {
    let fresh: typeof import('../../src/demo/data') | undefined;
    jest.isolateModules(() => {
      fresh = require('../../src/demo/data') as typeof import('../../src/demo/data');
    });
    expect(fresh!.DEMO_CREATORS).not.toBe(DEMO_CREATORS);
    expect(fresh!.DEMO_CREATORS).toEqual(DEMO_CREATORS);
  });
});
