import { classify } from '../../src/quadrants/classify';
import { buildReport } from '../../src/quadrants/report';
import { creatorPosts, post } from './helpers';

describe('classify', () => {
  const m = { shareRate: 0.01, saveRate: 0.02 };
  it('puts each corner in its quadrant', () => {
    expect(classify(0.02, 0.03, m)).toBe('viral-evergreen');
    expect(classify(0.005, 0.03, m)).toBe('niche-reference');
    expect(classify(0.02, 0.01, m)).toBe('viral-disposable');
    expect(classify(0.005, 0.01, m)).toBe('dead');
  });
  it('treats a rate exactly on the median as low (strictly greater is high)', () => {
    expect(classify(0.01, 0.02, m)).toBe('dead');
    expect(classify(0.011, 0.02, m)).toBe('viral-disposable');
  });
});

describe('buildReport: hand-computed four posts', () => {
  // share rates 0.04, 0.01, 0.03, 0.02 -> median 0.025; save rates 0.05, 0.06, 0.01, 0.02 -> median 0.035
  const posts = [
    post({ views: 1000, shares: 40, saves: 50 }), // high, high
    post({ views: 1000, shares: 10, saves: 60 }), // low, high
    post({ views: 1000, shares: 30, saves: 10 }), // high, low
    post({ views: 1000, shares: 20, saves: 20 }), // low, low
  ];
  const report = buildReport(creatorPosts(posts), 10);

  it('computes the medians', () => {
    expect(report.medians.shareRate).toBeCloseTo(0.025, 12);
    expect(report.medians.saveRate).toBeCloseTo(0.035, 12);
  });
  it('assigns one post to each quadrant, newest first with index 1..n', () => {
    expect(report.posts.map((p) => [p.index, p.quadrant])).toEqual([
      [1, 'viral-evergreen'],
      [2, 'niche-reference'],
      [3, 'viral-disposable'],
      [4, 'dead'],
    ]);
    expect(report.counts).toEqual({ 'viral-evergreen': 1, 'niche-reference': 1, 'viral-disposable': 1, dead: 1 });
  });
  it('does not raise the dead-share flag for one dead post in four', () => {
    expect(report.flags.deadFraction).toBe(0.25);
    expect(report.flags.deadShare).toBe(false);
  });
  it('compares the mix with the 2:1:1 plan and names the largest gap', () => {
    const byQ = Object.fromEntries(report.mix.entries.map((e) => [e.quadrant, e]));
    expect(byQ['niche-reference']?.target).toBe(0.5);
    expect(byQ['niche-reference']?.actual).toBe(0.25);
    expect(byQ['dead']?.gap).toBe(0.25);
    // niche-reference is 25 points under and dead 25 points over: the first in quadrant order wins the tie
    expect(report.mix.largestGap?.quadrant).toBe('niche-reference');
  });
  it('gives one recommendation per quadrant and a headline', () => {
    expect(report.recommendations.map((r) => r.quadrant)).toEqual(['viral-evergreen', 'niche-reference', 'viral-disposable', 'dead']);
    expect(report.recommendations[0]?.text).toMatch(/^Post 1 was both passed on and kept/);
    expect(report.headline?.quadrant).toBe('niche-reference');
  });
  it('reports the window from the posts', () => {
    expect(report.window).toEqual({
      posts: 4,
      requested: 10,
      from: new Date(posts[3]!.createdAt * 1000).toISOString(),
      to: new Date(posts[0]!.createdAt * 1000).toISOString(),
    });
  });
});

describe('buildReport: edge cases', () => {
  it('says "no public posts" for an empty window', () => {
    const r = buildReport(creatorPosts([]), 10);
    expect(r.flags.noPosts).toBe(true);
    expect(r.medians).toEqual({ shareRate: null, saveRate: null, downloadRate: null });
    expect(r.window.from).toBeNull();
    expect(r.headline?.text).toMatch(/no public posts/i);
  });

  it('reports one or two posts without splitting them', () => {
    const r = buildReport(creatorPosts([post({ views: 100, shares: 1, saves: 2 }), post({ views: 100, shares: 3, saves: 1 })]), 10);
    expect(r.flags.smallSample).toBe(true);
    expect(r.posts.every((p) => p.quadrant === null)).toBe(true);
    expect(r.medians.shareRate).toBeCloseTo(0.02);
    expect(r.headline?.quadrant).toBeNull();
    expect(r.headline?.text).toMatch(/too few/);
  });

  it('does not split when every post has the same rates', () => {
    const r = buildReport(creatorPosts([1, 2, 3, 4].map(() => post({ views: 200, shares: 2, saves: 4 }))), 10);
    expect(r.flags.allEqual).toBe(true);
    expect(r.flags.deadShare).toBe(false);
    expect(Object.values(r.counts).every((n) => n === 0)).toBe(true);
  });

  it('leaves zero-view and below-minimum posts out of the medians, never with an infinite rate', () => {
    const posts = [
      post({ views: 0, shares: 5, saves: 5 }),
      post({ views: 50, shares: 5, saves: 5 }),
      post({ views: 1000, shares: 10, saves: 10 }),
      post({ views: 1000, shares: 20, saves: 20 }),
      post({ views: 1000, shares: 30, saves: 30 }),
    ];
    const r = buildReport(creatorPosts(posts), 10, { minViews: 100 });
    expect(r.posts[0]?.excluded).toBe('low-views');
    expect(r.posts[0]?.shareRate).toBeNull();
    expect(r.posts[1]?.excluded).toBe('low-views');
    expect(r.flags.lowViews).toBe(2);
    expect(r.medians.shareRate).toBeCloseTo(0.02);
    expect(r.posts.filter((p) => p.quadrant !== null)).toHaveLength(3);
    expect(r.posts.every((p) => p.shareRate === null || Number.isFinite(p.shareRate))).toBe(true);
  });

  it('keeps a missing save counter distinct from zero saves', () => {
    const posts = [
      post({ views: 1000, shares: 10, saves: null }),
      post({ views: 1000, shares: 10, saves: 0 }),
      post({ views: 1000, shares: 20, saves: 5 }),
      post({ views: 1000, shares: 30, saves: 9 }),
    ];
    const r = buildReport(creatorPosts(posts), 10);
    expect(r.posts[0]?.excluded).toBe('missing-data');
    expect(r.posts[1]?.saveRate).toBe(0);
    expect(r.posts[1]?.quadrant).toBe('dead');
    expect(r.flags.missingData).toBe(1);
  });

  it('breaks ties on the median towards low: an odd count puts the middle post on both medians', () => {
    const posts = [
      post({ views: 100, shares: 1, saves: 1 }),
      post({ views: 100, shares: 2, saves: 2 }),
      post({ views: 100, shares: 3, saves: 3 }),
    ];
    const r = buildReport(creatorPosts(posts), 10);
    expect(r.posts.map((p) => p.quadrant)).toEqual(['dead', 'dead', 'viral-evergreen']);
    expect(r.flags.deadShare).toBe(true);
    expect(r.headline?.quadrant).toBe('dead');
  });

  it('orders pinned old posts by date, not by feed position', () => {
    const pinned = post({ views: 1000, shares: 5, saves: 5, pinned: true, createdAt: 1_600_000_000 });
    const fresh = post({ views: 1000, shares: 5, saves: 5, createdAt: 1_800_000_000 });
    const r = buildReport(creatorPosts([pinned, fresh]), 10);
    expect(r.posts[0]?.id).toBe(fresh.id);
    expect(r.posts[1]?.pinned).toBe(true);
    expect(r.posts[1]?.index).toBe(2);
  });
});

describe('templates', () => {
  it('flags a post whose download rate is well above the creator usual', () => {
    const posts = [
      post({ views: 10_000, shares: 10, saves: 10, downloads: 2 }),
      post({ views: 10_000, shares: 20, saves: 20, downloads: 3 }),
      post({ views: 10_000, shares: 30, saves: 30, downloads: 4 }),
      post({ views: 10_000, shares: 40, saves: 40, downloads: 60 }),
    ];
    const r = buildReport(creatorPosts(posts), 10);
    expect(r.flags.templates).toEqual([posts[3]!.id]);
    expect(r.posts[3]?.template).toBe(true);
    expect(r.flags.templateRule).toContain('3×');
  });
  it('does not flag a couple of stray downloads on a creator who never gets any', () => {
    const posts = [
      post({ views: 100_000, shares: 10, saves: 10, downloads: 0 }),
      post({ views: 100_000, shares: 20, saves: 20, downloads: 0 }),
      post({ views: 100_000, shares: 30, saves: 30, downloads: 0 }),
      post({ views: 100_000, shares: 40, saves: 40, downloads: 3 }),
    ];
    expect(buildReport(creatorPosts(posts), 10).flags.templates).toEqual([]);
  });
});
