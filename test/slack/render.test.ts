/**
 * Cards as Block Kit: within every limit, with hostile and oversized input; text from outside can
 * neither ping, link, format nor reverse the bot's own words.
 */
import { escapeMrkdwn, neutraliseMrkdwn } from '../../adapters/slack/escape';
import { packLines, SLACK_LIMITS, truncate } from '../../adapters/slack/limits';
import { renderCard, renderPrivate } from '../../adapters/slack/render';
import type { Reply } from '../../src/chat/card';
import { sampleReplies } from '../chat/fixtures';
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
    const thread = JSON.stringify(renderCard((replies.report as Reply).thread[0] as never).blocks);
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

describe('Slack escaping helpers', () => {
  it('escapes exactly &, < and > in our words and defuses bare broadcasts', () => {
    expect(escapeMrkdwn('a & b <!here> c > d')).toBe('a &amp; b &lt;!here&gt; c &gt; d');
    expect(escapeMrkdwn('hey @channel and @Here')).not.toMatch(/@channel|@Here/);
  });

  it('turns formatting characters from outside into look-alikes Slack does not parse', () => {
    expect(neutraliseMrkdwn('*bold* _it_ ~s~ `code` <@U1>')).toBe('∗bold∗ ˍitˍ ∼s∼ ˋcodeˋ &lt;@U1&gt;');
  });

  it('truncates without splitting surrogate pairs and packs lines into sections', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('short', 10)).toBe('short');
    const chunks = packLines(Array.from({ length: 100 }, () => 'y'.repeat(100)), SLACK_LIMITS.sectionText);
    expect(chunks.every((c) => c.length <= SLACK_LIMITS.sectionText)).toBe(true);
    expect(chunks.join('\n').split('\n')).toHaveLength(100);
  });
});
