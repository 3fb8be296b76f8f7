import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import { buildReport } from '../../src/quadrants/report';
import { creatorPosts, post } from './helpers';

describe('compare', () => {
  const low = creatorPosts([1, 2, 3, 4].map((n) => post({ views: 1000, shares: n, saves: n })));
  const high = { ...creatorPosts([1, 2, 3, 4].map((n) => post({ views: 1000, shares: 10 * n, saves: 10 * n }))), creator: { username: 'big', userid: '2' } };
  const r = buildCompare([low, high], 10);

  it('pools the medians over every creator', () => {
    // share rates 0.001..0.004 and 0.01..0.04 -> middle two are 0.004 and 0.01
    expect(r.pooledMedians.shareRate).toBeCloseTo(0.007, 12);
  });
  it('counts each creator against its own medians and against the pooled ones', () => {
    const [a, b] = r.creators;
    expect(a?.report.counts['viral-evergreen']).toBe(2);
    expect(a?.pooledCounts).toEqual({ 'viral-evergreen': 0, 'niche-reference': 0, 'viral-disposable': 0, dead: 4 });
    expect(b?.pooledCounts['viral-evergreen']).toBe(4);
    expect(r.credits).toBe(2);
  });
});

describe('placePost', () => {
  const baseline = buildReport(creatorPosts([1, 2, 3, 4].map((n) => post({ views: 1000, shares: 10 * n, saves: 10 * n, downloads: 1 }))), 10);
  it('places a post against the baseline medians', () => {
    const p = placePost(post({ views: 1000, shares: 50, saves: 5, downloads: 40 }), baseline, { credits: 1, fetchedAt: 'x', demo: false });
    expect(p.post.quadrant).toBe('viral-disposable');
    expect(p.post.template).toBe(true);
    expect(p.credits).toBe(2);
  });
  it('does not place a post that has too few views', () => {
    const p = placePost(post({ views: 0, shares: 0, saves: 0 }), baseline, { credits: 1, fetchedAt: 'x', demo: false });
    expect(p.post.quadrant).toBeNull();
    expect(p.post.excluded).toBe('low-views');
  });
});
