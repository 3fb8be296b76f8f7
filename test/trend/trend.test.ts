/**
 * The trend: months with gaps, the JSON's exact shape, and the card a person reads.
 */
import { trendCard } from '../../src/chat/cards/trend';
import { plain } from '../../src/chat/inline';
import { buildTrend, trendPeriods, trendToJson } from '../../src/trend/trend';
import { snapshot } from '../store/contract-snapshots';

const NOW = new Date('2027-01-15T12:00:00Z');

test('spans the 12 months ending with the current one, across a year boundary', () => {
  const p = trendPeriods(NOW);
  expect(p).toHaveLength(12);
  expect(p[0]).toBe('2026-02');
  expect(p[11]).toBe('2027-01');
});

test('a month without a snapshot is a gap: null in the months, left out of the JSON', () => {
  const t = buildTrend('mossy.kitchen', [snapshot('2026-10-20T09:00:00Z'), snapshot('2027-01-02T09:00:00Z', { posts: 12, medianShareRate: 0.02 })], NOW);
  expect(t.months.slice(-4).map((m) => [m.period, m.snapshot?.posts ?? null])).toEqual([
    ['2026-10', 10],
    ['2026-11', null],
    ['2026-12', null],
    ['2027-01', 12],
  ]);
  // Exactly these keys, in this order, rates as fractions.
  expect(JSON.stringify(trendToJson(t))).toBe(
    JSON.stringify({
      creator: 'mossy.kitchen',
      periods: [
        { period: '2026-10', medianShareRate: 0.0123, medianSaveRate: 0.0456, posts: 10, counts: { 'niche-reference': 2, 'viral-evergreen': 1, 'viral-disposable': 1, dead: 0 } },
        { period: '2027-01', medianShareRate: 0.02, medianSaveRate: 0.0456, posts: 12, counts: { 'niche-reference': 2, 'viral-evergreen': 1, 'viral-disposable': 1, dead: 0 } },
      ],
    }),
  );
});

test('the card lists each month from the first report on, marking gaps, and says no credits were spent', () => {
  const card = trendCard(buildTrend('mossy.kitchen', [snapshot('2026-11-20T09:00:00Z'), snapshot('2027-01-02T09:00:00Z')], NOW), 'slack');
  const lines = card.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map((i) => plain(i.text)) : []));
  expect(lines).toEqual([
    '2026-11: median share rate 1.23%, median save rate 4.56%, 10 posts (Viral evergreen 1, Niche reference 2, Viral disposable 1, Dead 0)',
    '2026-12: no report that month (a gap)',
    '2027-01: median share rate 1.23%, median save rate 4.56%, 10 posts (Viral evergreen 1, Niche reference 2, Viral disposable 1, Dead 0)',
  ]);
  expect(plain(card.footer[0] ?? [])).toContain('no TikLiveAPI credits were spent');
});

test('no snapshot at all: one sentence saying how to get one, in the surface’s syntax', () => {
  const empty = buildTrend('new.face', [], NOW);
  expect(plain(trendCard(empty, 'slack').summary)).toBe(
    'No report of @new.face is stored for this workspace in the last 12 months, so there is no trend yet: run /quadrants report @new.face (or let a digest run) and each month’s latest report is kept for the trend from then on.'.replace('month’s', "month's"),
  );
  expect(plain(trendCard(empty, 'discord').summary)).toContain('/quadrants report creator:@new.face');
  expect(plain(trendCard(empty, 'cli').summary)).toContain('quadrants report @new.face with DATABASE_URL set');
});
