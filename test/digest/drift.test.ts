import { buildSummary } from '../../src/digest/prepare';
import { computeDrift, describeDrift } from '../../src/digest/drift';
import { buildReport } from '../../src/quadrants/report';
import type { Post } from '../../src/quadrants/types';
import type { Subscription } from '../../src/store/types';
import { DECEMBER, NOVEMBER } from './fixtures';

const creator = { username: 'alice', userid: '1001' };
const report = (posts: Post[]) =>
  buildReport({ creator, posts, credits: 1, fetchedAt: '2026-12-01T09:00:00.000Z', partial: false, demo: false }, 6);
const sub = { id: 7 } as Subscription;
const at = new Date('2026-12-01T09:00:00Z');

describe('drift across two periods', () => {
  const nov = buildSummary(sub, '2026-11', report(NOVEMBER), null, at);
  const dec = report(DECEMBER);

  test('the first digest has no drift', () => {
    expect(nov.drift).toBeNull();
    expect(nov.noNewPosts).toBe(false);
    expect(nov).toMatchObject({ shareMedian: 0.015, saveMedian: 0.015, deadShare: true, newestPostId: 'p6', postsCount: 6 });
  });

  test('median moves in points and relative terms, counts then and now, new templates, dead share crossing', () => {
    const drift = computeDrift(nov, dec);
    expect(drift.previousPeriod).toBe('2026-11');
    expect(drift.shareRate.before).toBeCloseTo(0.015, 10);
    expect(drift.shareRate.after).toBeCloseTo(0.025, 10);
    expect(drift.shareRate.points).toBeCloseTo(1.0, 6);
    expect(drift.shareRate.relative).toBeCloseTo(2 / 3, 5);
    expect(drift.saveRate.points).toBeCloseTo(1.0, 6);
    expect(drift.counts.before).toEqual({ 'viral-evergreen': 2, 'niche-reference': 1, 'viral-disposable': 1, dead: 2 });
    expect(drift.counts.after).toEqual({ 'viral-evergreen': 1, 'niche-reference': 2, 'viral-disposable': 2, dead: 1 });
    expect(drift.newTemplates).toEqual([{ id: 'q5', index: 2 }]);
    expect(drift.deadShare.before).toBeCloseTo(1 / 3, 10);
    expect(drift.deadShare.after).toBeCloseTo(1 / 6, 10);
    expect(drift.deadShare).toMatchObject({ wasOver: true, isOver: false, crossed: 'down' });
  });

  test('crossing the other way is reported as up', () => {
    const decSummary = buildSummary(sub, '2026-12', dec, null, at);
    const back = computeDrift(decSummary, report(NOVEMBER));
    expect(back.deadShare.crossed).toBe('up');
    expect(back.newTemplates).toEqual([]);
    expect(back.shareRate.points).toBeCloseTo(-1.0, 6);
    expect(back.shareRate.relative).toBeCloseTo(-0.4, 6);
  });

  test('the stored summary of the next period carries the drift', () => {
    const next = buildSummary(sub, '2026-12', dec, nov, at);
    expect(next.noNewPosts).toBe(false);
    expect(next.drift).toEqual(computeDrift(nov, dec));
  });

  test('a period with nothing newer than the last digest is a "no new posts" one, without drift', () => {
    const same = buildSummary(sub, '2026-12', report(NOVEMBER), nov, at);
    expect(same.noNewPosts).toBe(true);
    expect(same.drift).toBeNull();
  });

  test('describeDrift gives short plain lines in our words, naming posts by chart number only', () => {
    const lines = describeDrift(computeDrift(nov, dec));
    expect(lines).toEqual([
      'Since the 2026-11 digest:',
      'Median share rate: 1.50% → 2.50% (+1.00 pp, +66.7%)',
      'Median save rate: 1.50% → 2.50% (+1.00 pp, +66.7%)',
      'Quadrants then → now: viral evergreen 2 → 1 · niche reference 1 → 2 · viral disposable 1 → 2 · dead 2 → 1',
      'Newly flagged as a template: post #2.',
      'Dead posts fell below a third of the split (33% → 17%).',
    ]);
    const up = describeDrift(computeDrift(buildSummary(sub, '2026-12', dec, null, at), report(NOVEMBER)));
    expect(up[1]).toBe('Median share rate: 2.50% → 1.50% (-1.00 pp, -40.0%)');
    expect(up[5]).toBe('Dead posts reached a third of the split (17% → 33%): the format needs attention.');
  });
});
