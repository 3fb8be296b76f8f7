import { createDemoSource } from '../../src/demo/source';
import { reportToJson } from '../../src/render/json';
import { DEMO_NOTICE, renderCompareText, renderPlacementText, renderReportText } from '../../src/render/text';
import { cleanTitle, formatRate } from '../../src/render/words';
import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import { buildReport } from '../../src/quadrants/report';
import { creatorPosts, makePost } from '../chart/helpers';

/** Ten posts with hand-picked rates (one with no views): medians 1.2% on both axes. */
function handReport() {
  const rates: Array<[number, number]> = [
    [300, 400], // 3% / 4%   evergreen
    [100, 400], // 1% / 4%   reference
    [300, 100], // 3% / 1%   disposable
    [100, 100], // 1% / 1%   dead
    [200, 300], // 2% / 3%   evergreen
    [50, 350], //  0.5%/3.5% reference
    [250, 50], //  2.5%/0.5% disposable
    [50, 50], //   dead
    [120, 120], // dead
  ];
  const posts = rates.map(([shares, saves], i) => makePost(i + 1, { views: 10_000, shares, saves, downloads: i === 4 ? 80 : 1 }));
  posts.unshift(makePost(0, { title: 'line one\nline two\u001b[31m red \u202Eevil', views: 0, shares: 0, saves: 0, downloads: 0 }));
  const report = buildReport(creatorPosts(posts), 10);
  report.chartUrl = 'https://quickchart.io/chart?c=x';
  return report;
}

describe('renderReportText', () => {
  const report = handReport();
  const text = renderReportText(report);

  it('groups posts by quadrant with their number, rates and views', () => {
    expect(text).toContain('Viral evergreen (2)');
    expect(text).toContain('Niche reference (2)');
    expect(text).toContain('Viral disposable (2)');
    expect(text).toContain('Dead (3)');
    expect(text).toMatch(/#2 {2}shares {2}3\.00% {2}saves {2}4\.00% {2}downloads +0\.01% +10,000 views {2}post 1/);
  });

  it('states medians, flags, the mix with its largest gap, advice, chart and credits', () => {
    expect(text).toContain(`Medians: share rate ${formatRate(report.medians.shareRate)}, save rate ${formatRate(report.medians.saveRate)}`);
    expect(text).toContain('3 of 9 placed posts (33%) are dead');
    expect(text).toMatch(/Template: #6 is being downloaded far more than usual/);
    expect(text).toContain(report.flags.templateRule);
    expect(text).toContain(`Largest gap: Dead, 33 points above target.`);
    for (const rec of report.recommendations) expect(text).toContain(rec.text);
    expect(text).toContain(`Next step: ${report.headline!.text}`);
    expect(text).toContain('Chart: https://quickchart.io/chart?c=x');
    expect(text).toContain('Credits spent: 1');
    expect(text).not.toContain(DEMO_NOTICE);
  });

  it('lists unplaced posts with the reason, and cleans hostile titles', () => {
    expect(text).toMatch(/Not placed:\n {2}#1 {2}no views yet: line one line two\[31m red evil/);
    expect(text).not.toMatch(/[\u001b\u202E]/);
    expect(text.split('\n').every((l) => !l.includes('line two\n'))).toBe(true);
  });

  it('adds the demo notice for demo data', () => {
    expect(renderReportText({ ...report, demo: true })).toContain(DEMO_NOTICE);
  });

  it('says when there is nothing to chart', () => {
    const empty = buildReport(creatorPosts([]), 10);
    const out = renderReportText(empty);
    expect(out).toContain('Chart: none');
    expect(out).toContain('No public posts in this window.');
  });
});

describe('words', () => {
  it('trims titles to 60 characters without splitting emoji', () => {
    const long = `${'🧀'.repeat(70)}`;
    const t = cleanTitle(long);
    expect([...t]).toHaveLength(60);
    expect(t.endsWith('…')).toBe(true);
    expect(cleanTitle('   ')).toBe('(no title)');
  });

  it('formats rates with sensible precision', () => {
    expect(formatRate(0.1234)).toBe('12.3%');
    expect(formatRate(0.0123)).toBe('1.23%');
    expect(formatRate(0.00123)).toBe('0.12%');
    expect(formatRate(0.00005)).toBe('0.005%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('n/a');
    expect(formatRate(Number.NaN)).toBe('n/a');
  });
});

describe('compare and placement read-outs', () => {
  it('names creators by letter and shows pooled counts', async () => {
    const source = createDemoSource();
    const a = await source.getPosts(await source.resolveCreator('@mossy.kitchen'), 10);
    const b = await source.getPosts(await source.resolveCreator('@sofa.standup'), 10);
    const compare = buildCompare([a, b], 10);
    const text = renderCompareText(compare);
    expect(text).toContain('A = @mossy.kitchen, B = @sofa.standup');
    expect(text).toContain(DEMO_NOTICE);
    const rowA = text.split('\n').find((l) => l.startsWith('  A '))!;
    const counts = rowA.trim().split(/\s+/).slice(1, 5).map(Number);
    expect(counts).toEqual([compare.creators[0]!.pooledCounts['viral-evergreen'], compare.creators[0]!.pooledCounts['niche-reference'], compare.creators[0]!.pooledCounts['viral-disposable'], compare.creators[0]!.pooledCounts.dead]);
  });

  it('places one post and says what it means', () => {
    const baseline = handReport();
    const placement = placePost(makePost(40, { views: 20_000, shares: 900, saves: 900, title: 'big one' }), baseline, { credits: 1, fetchedAt: baseline.fetchedAt, demo: false });
    const text = renderPlacementText(placement);
    expect(text).toContain('big one');
    expect(text).toContain('Viral evergreen: shared and saved');
    expect(text).toContain('point marked P');
    expect(text).toContain('Credits spent: 2');
  });
});

describe('reportToJson', () => {
  it('has the documented shape: fractions, string ids, ISO dates, newest first, null quadrant for unplaced posts', () => {
    const report = handReport();
    const json = reportToJson(report);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['creator', 'window', 'medians', 'posts', 'counts', 'flags', 'mix', 'chartUrl', 'credits']));
    expect(json.creator).toEqual({ username: 'chart.tester', userid: '6912345678901234567' });
    expect(json.window).toEqual({ posts: 10, from: report.window.from, to: report.window.to });
    expect(json.medians.shareRate).toBeCloseTo(0.012, 10);
    expect(json.posts.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(json.posts[0]).toMatchObject({ quadrant: null, views: 0, shareRate: null });
    expect(json.posts[1]).toMatchObject({ id: report.posts[1]!.id, shareRate: 0.03, saveRate: 0.04, quadrant: 'viral-evergreen', template: false });
    expect(json.posts[1]!.createdAt).toBe(new Date(report.posts[1]!.createdAt * 1000).toISOString());
    expect(typeof json.posts[1]!.id).toBe('string');
    expect(json.counts).toEqual({ 'viral-evergreen': 2, 'niche-reference': 2, 'viral-disposable': 2, dead: 3 });
    expect(json.flags.templates).toEqual([report.posts[5]!.id]);
    expect(json.chartUrl).toBe(report.chartUrl);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
