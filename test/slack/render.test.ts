/**
 * The Block Kit renderers against the limits table, with hostile and oversized input.
 */
import { escapeMrkdwn, safeMrkdwn } from '../../adapters/slack/escape';
import { packLines, SLACK_LIMITS, truncate } from '../../adapters/slack/limits';
import { renderBreakdownBlocks, renderCompareBlocks, renderPlacementBlocks, renderReportBlocks } from '../../adapters/slack/render';
import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import { buildReport } from '../../src/quadrants/report';
import type { QuadrantReport } from '../../src/quadrants/types';
import { creatorPosts, post } from '../quadrants/helpers';
import { limitViolations, mrkdwnTexts } from './limits-check';

const RAW = ['<!channel>', '<@U123>', '<https://evil', '<!subteam', '@here'];

/** Mentions must not survive in anything Slack parses: mrkdwn objects and the fallback text (plain_text is shown literally). */
function expectNoLiveMentions(message: Parameters<typeof mrkdwnTexts>[0]): void {
  const parsed = mrkdwnTexts(message).join('\n');
  for (const raw of RAW) expect(parsed).not.toContain(raw);
}

const HOSTILE = '<!channel> <@U123> <https://evil.example|click> & <!subteam^S1> @here ';

function bigReport(n = 35, chartUrl: string | null = 'https://quickchart.example/chart?c=1'): QuadrantReport {
  const posts = Array.from({ length: n }, (_, i) =>
    post({ title: (HOSTILE + 'x'.repeat(400) + '\n').repeat(3), views: 10_000 + i * 97, shares: 20 + ((i * 37) % 90), saves: 15 + ((i * 53) % 120), downloads: i % 9 === 0 ? 900 : 3 }),
  );
  const report = buildReport({ ...creatorPosts(posts), creator: { username: 'a'.repeat(200), userid: '1' } }, n);
  report.chartUrl = chartUrl;
  return report;
}

describe('Slack renderers', () => {
  it('keeps a 35-post report with long hostile titles within every limit', () => {
    const report = bigReport();
    for (const message of [renderReportBlocks(report), renderReportBlocks(report, { thread: false }), renderBreakdownBlocks(report)]) {
      expect(limitViolations(message)).toEqual([]);
      expectNoLiveMentions(message);
    }
    const thread = renderBreakdownBlocks(report);
    const all = JSON.stringify(thread.blocks);
    for (let i = 1; i <= 35; i++) expect(all).toContain(`\`#${i}\``);
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('shows the chart as an image only when its URL fits, and says where it went otherwise', () => {
    const fits = renderReportBlocks(bigReport(10, `https://q.example/chart?c=${'a'.repeat(2900)}`));
    expect(fits.blocks.filter((b) => b.type === 'image')).toHaveLength(1);
    const long = renderReportBlocks(bigReport(10, `https://q.example/chart?c=${'a'.repeat(3001)}`));
    expect(long.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(long.blocks)).toContain('The chart is attached in the thread.');
    expect(limitViolations(long)).toEqual([]);
  });

  it('reads well without blocks: the fallback text carries the counts, medians and the next step', () => {
    const report = bigReport(12);
    const { text } = renderReportBlocks(report);
    expect(text).toMatch(/^Quadrants for @a+…?, last 12 posts: \d+ viral evergreen, \d+ niche reference, \d+ viral disposable, \d+ dead; median share rate \d+\.\d\d%, median save rate \d+\.\d\d%\./);
    expect(text).toContain('Next step:');
  });

  it('renders flags: dead share, template alert, small sample', () => {
    const posts = [
      post({ views: 1000, shares: 1, saves: 1, downloads: 500 }),
      post({ views: 1000, shares: 1, saves: 1 }),
      post({ views: 1000, shares: 50, saves: 50 }),
      post({ views: 1000, shares: 1, saves: 50 }),
      post({ views: 1000, shares: 50, saves: 1 }),
      post({ views: 1000, shares: 2, saves: 2 }),
    ];
    const report = buildReport(creatorPosts(posts), 6);
    const json = JSON.stringify(renderReportBlocks(report).blocks);
    expect(report.flags.deadShare).toBe(true);
    expect(report.flags.templates).toHaveLength(1);
    expect(json).toMatch(/\*Dead share:\* \d+ of 6 placed posts \(\d+%\)/);
    expect(json).toContain('*Template alert:* #1 is download-heavy');
    const tiny = buildReport(creatorPosts([post({ views: 100, shares: 1, saves: 1 })]), 5);
    expect(JSON.stringify(renderReportBlocks(tiny).blocks)).toContain('too few for the quadrants');
  });

  it('renders a comparison of five creators and a post placement within limits', () => {
    const data = Array.from({ length: 5 }, (_, c) => ({
      ...creatorPosts(Array.from({ length: 35 }, (_, i) => post({ title: HOSTILE, views: 5000 + i, shares: 10 + ((i * c) % 40), saves: 10 + ((i * 7) % 30) }))),
      creator: { username: `${HOSTILE}${c}`.replace(/\s/g, ''), userid: String(c) },
    }));
    const compare = buildCompare(data, 35);
    compare.chartUrl = 'https://q.example/chart?c=1';
    const message = renderCompareBlocks(compare);
    expect(limitViolations(message)).toEqual([]);
    expectNoLiveMentions(message);

    const baseline = bigReport(10);
    const placement = placePost(post({ title: HOSTILE, views: 5000, shares: 100, saves: 100 }), baseline, { credits: 1, fetchedAt: baseline.fetchedAt, demo: false });
    placement.chartUrl = 'https://q.example/chart?c=1';
    const placed = renderPlacementBlocks(placement);
    expect(limitViolations(placed)).toEqual([]);
    expect(JSON.stringify(placed)).toContain('&lt;!channel&gt;');
    expectNoLiveMentions(placed);
  });
});

describe('Slack escaping and limits helpers', () => {
  it('escapes exactly &, < and > and defuses bare broadcasts', () => {
    expect(escapeMrkdwn('a & b <!here> c > d')).toBe('a &amp; b &lt;!here&gt; c &gt; d');
    expect(escapeMrkdwn('*bold* _it_ `code`')).toBe('*bold* _it_ `code`');
    expect(escapeMrkdwn('hey @channel and @Here')).not.toMatch(/@channel|@Here/);
  });

  it('cuts escaped text to the limit without leaving a broken entity', () => {
    const out = safeMrkdwn('<'.repeat(100), 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).toMatch(/^(&lt;)+…$/);
    expect(safeMrkdwn('one\ntwo\tthree', 100)).toBe('one two three');
  });

  it('truncates without splitting surrogate pairs and packs lines into sections', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
    const chunks = packLines(Array.from({ length: 100 }, () => 'y'.repeat(100)), SLACK_LIMITS.sectionText);
    expect(chunks.every((c) => c.length <= SLACK_LIMITS.sectionText)).toBe(true);
    expect(chunks.join('\n').split('\n')).toHaveLength(100);
  });
});
