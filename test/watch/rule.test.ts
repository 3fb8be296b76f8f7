/**
 * The alert rule's edges: the report's template flag (3× the creator's median download rate, at
 * least 0.05 % of views, at least 10 downloads) on posts younger than 7 days at the run's clock.
 */
import { buildReport } from '../../src/quadrants/report';
import type { Post } from '../../src/quadrants/types';
import { alertablePosts } from '../../src/watch/rule';
import { post } from '../fakes/digest-service';

const AT = new Date('2026-12-07T06:00:00Z');
const now = AT.getTime() / 1000;
const DAY = 86_400;

/** Nine ordinary posts (one a day from 2 days ago) with `base` downloads each, and the post under test, a day old. */
function window(views: number, base: number, downloads: number, age = DAY): Post[] {
  const others = Array.from({ length: 9 }, (_, i) => post(String(7_400_000_000_000_000_010 + i), now - (i + 2) * DAY, { views, downloads: base }));
  return [post('7400000000000000001', now - age, { views, downloads }), ...others];
}

const alerted = (posts: Post[], at = AT) =>
  alertablePosts(buildReport({ creator: { username: 'mossy.kitchen', userid: '1' }, posts, credits: 0, fetchedAt: AT.toISOString(), partial: false, demo: false }, 10), at).map((p) => p.id);

describe('the alert rule', () => {
  test('exactly 3× the median download rate is alerted; just under is not', () => {
    // Median 4 / 20,000 = 0.02 %; 12 downloads is exactly 3× (0.06 %), 11 is 2.75×.
    expect(alerted(window(20_000, 4, 12))).toEqual(['7400000000000000001']);
    expect(alerted(window(20_000, 4, 11))).toEqual([]);
  });

  test('exactly 0.05 % of views is alerted; just under is not, however far above the median', () => {
    // Median 3 / 30,000 = 0.01 %; 15 downloads is 0.05 % (5×), 14 is 0.0467 % (4.7×, 14 downloads).
    expect(alerted(window(30_000, 3, 15))).toEqual(['7400000000000000001']);
    expect(alerted(window(30_000, 3, 14))).toEqual([]);
  });

  test('exactly 10 downloads is alerted; 9 is not, however high the rate', () => {
    // Median 1 / 10,000 = 0.01 %; 10 downloads is 0.1 % (10×), 9 is 0.09 % (9×).
    expect(alerted(window(10_000, 1, 10))).toEqual(['7400000000000000001']);
    expect(alerted(window(10_000, 1, 9))).toEqual([]);
  });

  test('a post exactly 7 days old is no longer alerted; one a second younger is', () => {
    expect(alerted(window(10_000, 1, 50, 7 * DAY - 1))).toEqual(['7400000000000000001']);
    expect(alerted(window(10_000, 1, 50, 7 * DAY))).toEqual([]);
    // The age is read on the run's clock (`alerts run --at`), not the machine's.
    expect(alerted(window(10_000, 1, 50, DAY), new Date(AT.getTime() + 6 * DAY * 1000))).toEqual([]);
  });
});
