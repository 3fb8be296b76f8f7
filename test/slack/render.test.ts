/**
 * Cards as Block Kit: within every limit, with hostile and oversized input; text from outside is
 * shown exactly as it is and can neither ping, link, format nor reverse the bot's own words.
 * Messages are read with the fake's view of Slack (what the channel shows), not as payloads.
 */
import { escapeMrkdwn, neutraliseMrkdwn } from '../../adapters/slack/escape';
import { packLines, SLACK_LIMITS, truncate } from '../../adapters/slack/limits';
import { renderCard, renderPrivate } from '../../adapters/slack/render';
import type { Reply } from '../../src/chat/card';
import { breakdownCard } from '../../src/chat/cards/breakdown';
import { reportCard } from '../../src/chat/cards/report';
import { sampleReplies } from '../chat/fixtures';
import { sampleReport } from '../discord/fixtures';
import { slackView } from '../fakes/slack-view';
import { limitViolations, mrkdwnTexts } from './limits-check';

const RAW = ['<!channel>', '<@U123>', '<https://evil', '<!subteam', '@here', '@everyone'];

function expectSafe(message: ReturnType<typeof renderCard>): void {
  const parsed = mrkdwnTexts(message).join('\n');
  for (const raw of RAW) expect(parsed).not.toContain(raw);
  // Formatting characters from titles are look-alikes; bidi overrides are gone.
  expect(parsed).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  expect(parsed).not.toContain('*bold*');
  expect(parsed).not.toContain('_i_');
  expect(parsed).not.toContain('`c`');
}

describe('Slack renderer', () => {
  it('keeps every reply of a 35-post window with hostile titles within every limit', () => {
    const replies = sampleReplies('slack', { hostile: true, posts: 35 });
    for (const reply of Object.values(replies)) {
      for (const card of [reply.card, ...reply.thread]) {
        const message = renderCard(card);
        expect(limitViolations(message)).toEqual([]);
        expectSafe(message);
      }
    }
    const thread = slackView(renderCard((replies.report as Reply).thread[0] as never)).text;
    for (let i = 1; i <= 35; i++) expect(thread).toContain(`#${i} “`);
  });

  it('shows a chart that goes by link as an image block, with alt text, and no block for an uploaded one', () => {
    const report = sampleReplies('slack').report as Reply;
    const withImage = renderCard(report.card).blocks ?? [];
    expect(withImage.filter((b) => b.type === 'image')).toHaveLength(1);
    expect(JSON.stringify(withImage)).toMatch(/Scatter chart of 12 posts by @mossy\.kitchen/);
    const uploaded = { ...report.card, charts: (report.card.charts ?? []).map((c) => ({ ...c, url: null })) };
    expect((renderCard(uploaded).blocks ?? []).some((b) => b.type === 'image')).toBe(false);
  });

  it('reads well without blocks: the fallback text carries the counts, medians and the next step', () => {
    const { text } = renderCard((sampleReplies('slack').report as Reply).card);
    expect(text).toMatch(/^Quadrants for @mossy\.kitchen, last 12 posts: \d+ viral evergreen, \d+ niche reference, \d+ viral disposable, \d+ dead; median share rate [\d.]+%, median save rate [\d.]+%\./);
    expect(text).toContain('Next step:');
  });

  it('sends a one-sentence card as plain text, and an error with the usage under it', () => {
    const error = sampleReplies('slack').error as Reply;
    const message = renderPrivate(error);
    expect(message.text).toMatch(/^That creator was not found/);
    expect(JSON.stringify(message.blocks)).toContain('How to use /quadrants');
    expect(limitViolations(message)).toEqual([]);
  });
});

/** Handles and titles that would format, mention or link if Slack parsed them. */
const TRICKS = ['lucy_the_cook', '*bold*', '~strike~', '`code`', '_it_', '<!channel>', '<!here> @here @channel', '<@U123> & <#C999>', '<https://evil.example|click me>', '[x](https://evil.example)', ':skull: :x:'];

describe('Slack: text from outside shown verbatim, inert', () => {
  it.each(TRICKS)('a post titled %s shows as typed in the breakdown, with no style, mention or link of its own', (title) => {
    const report = sampleReport(6, (p, i) => (i === 2 ? { ...p, title } : p));
    const message = renderCard(breakdownCard(report));
    const seen = slackView(message);
    expect(seen.text).toContain(`“${title}”`);
    expect(seen.mentions).toEqual([]);
    expect(seen.emoji).toEqual([]);
    expect(seen.links.every((l) => l.url.startsWith('https://www.tiktok.com/@mossy.kitchen/video/'))).toBe(true);
    expect(seen.styled.filter((r) => r.includes(title) || title.includes(r))).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });

  it('shows a handle with underscores as it is, in the header, the breakdown and the fallback', () => {
    const report = sampleReport(6);
    report.creator = { username: 'lucy_the_cook', userid: '6912345678901234567' };
    for (const card of [reportCard(report, { breakdown: 'slack' }), breakdownCard(report)]) {
      const message = renderCard(card);
      const seen = slackView(message);
      expect(seen.text).toContain('@lucy_the_cook');
      expect(seen.text).not.toContain('ˍ');
      expect(seen.notification).toContain('@lucy_the_cook');
      // The fallback is sent unformatted: `_the_` can never turn italic in a notification.
      expect(message.mrkdwn).toBe(false);
    }
  });

  it('links every post number in the breakdown to its video, by a URL built from the handle and id', () => {
    const report = sampleReport(12);
    const seen = slackView(renderCard(breakdownCard(report)));
    const expected = report.posts.map((p) => ({ text: `#${p.index}`, url: `https://www.tiktok.com/@mossy.kitchen/video/${p.id}` }));
    expect([...seen.links].sort((a, b) => a.text.localeCompare(b.text))).toEqual(expected.sort((a, b) => a.text.localeCompare(b.text)));
  });

  it.each(['[x](https://evil.example)', '@everyone', '<!channel>', '*bold*', '~strike~', '`code`'])('a handle %s that fails the whitelist is shown verbatim, links nothing and pings no one', (handle) => {
    const report = sampleReport(6);
    report.creator = { username: handle, userid: '6912345678901234567' };
    for (const card of [reportCard(report, { breakdown: 'slack' }), breakdownCard(report)]) {
      const message = renderCard(card);
      const seen = slackView(message);
      expect(seen.text).toContain(`@${handle}`);
      expect(seen.links).toEqual([]);
      expect(seen.mentions).toEqual([]);
      expect(seen.styled.filter((r) => handle.includes(r))).toEqual([]);
      expect(limitViolations(message)).toEqual([]);
    }
  });

  it('spreads a 35-post breakdown of 80-character titles over rich_text blocks within every limit', () => {
    const report = sampleReport(35, (p, i) => ({ ...p, title: `${'_*~`'.repeat(30)} ${i}` }));
    const message = renderCard(breakdownCard(report));
    expect(limitViolations(message)).toEqual([]);
    expect((message.blocks ?? []).filter((b) => b.type === 'rich_text').length).toBeGreaterThan(1);
    const seen = slackView(message);
    for (let i = 1; i <= 35; i++) expect(seen.text).toContain(`#${i} “`);
    expect(seen.links).toHaveLength(35);
  });
});

describe('Slack escaping helpers', () => {
  it('escapes exactly &, < and > in our words and defuses bare broadcasts', () => {
    expect(escapeMrkdwn('a & b <!here> c > d')).toBe('a &amp; b &lt;!here&gt; c &gt; d');
    expect(escapeMrkdwn('hey @channel and @Here')).not.toMatch(/@channel|@Here/);
  });

  it('turns formatting characters from outside into look-alikes Slack does not parse', () => {
    expect(neutraliseMrkdwn('*bold* _it_ ~s~ `code` <@U1>')).toBe('∗bold∗ ˍitˍ ∼s∼ ˋcodeˋ &lt;@U1&gt;');
    // An underscore inside a word cannot italicise: a handle keeps it, so it copies right.
    expect(neutraliseMrkdwn('@lucy_the_cook')).toBe('@lucy_the_cook');
    expect(neutraliseMrkdwn('@_x_ a__b_')).toBe('@ˍxˍ aˍˍbˍ');
  });

  it('truncates without splitting surrogate pairs and packs lines into sections', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
    const chunks = packLines(Array.from({ length: 100 }, () => 'y'.repeat(100)), SLACK_LIMITS.sectionText);
    expect(chunks.every((c) => c.length <= SLACK_LIMITS.sectionText)).toBe(true);
    expect(chunks.join('\n').split('\n')).toHaveLength(100);
  });
});
