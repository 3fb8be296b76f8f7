/**
 * Cards as Discord embeds and message content: within every limit, with hostile input that can
 * neither mention anyone nor break the markdown around it.
 */
import type { APIEmbed } from 'discord.js';
import { DISCORD_LIMITS as L } from '../../adapters/discord/limits';
import { fitEmbed, fitLines, renderContent, renderEmbed, renderPrivate, threadName } from '../../adapters/discord/render';
import type { Card, Reply } from '../../src/chat/card';
import { sampleReplies } from '../chat/fixtures';
import { breakdownCard } from '../../src/chat/cards/breakdown';
import { sampleReport } from './fixtures';
import { discordView } from '../fakes/discord-view';

function embedTotal(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function withinLimits(e: APIEmbed): void {
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(L.embedTitle);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(L.embedDescription);
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(L.footerText);
  expect((e.fields ?? []).length).toBeLessThanOrEqual(L.embedFields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeLessThanOrEqual(L.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(L.fieldValue);
    expect(f.value.length).toBeGreaterThan(0);
  }
  expect(embedTotal(e)).toBeLessThanOrEqual(L.embedTotal);
}

const LIVE_MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>/;

/** The ids a card itself names as people or channels (the list's "paused by", its channels): shown as mentions on purpose. */
function ownMentions(card: Card): string[] {
  const inlines = card.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : b.kind === 'list' ? b.items.map((i) => i.text) : b.fields.flatMap((f) => [f.label, f.value])));
  return inlines.flat().flatMap((span) => (span.kind === 'user' ? [`<@${span.id}>`] : span.kind === 'channel' ? [`<#${span.id}>`] : []));
}

/** The rendered text without the mentions the card asked for: what is left must mention nobody. */
function withoutOwn(text: string, card: Card): string {
  return ownMentions(card).reduce((t, m) => t.split(m).join(''), text);
}

describe('report embed', () => {
  it('has the title, next step, medians, counts, flags, mix and footer', () => {
    const reply = sampleReplies('discord').report as Reply;
    const e = renderEmbed(reply.card, reply.card.charts?.[0]?.url ?? null);
    expect(e.title).toBe('Quadrants for @mossy.kitchen · last 12 posts');
    const names = (e.fields ?? []).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Median share rate', 'Median save rate', 'Flags']));
    expect(names.some((n) => n.startsWith('Content mix against the weekly plan'))).toBe(true);
    expect(e.description).toContain('**Next step:**');
    expect(e.footer?.text).toBe('Per-post breakdown in the thread: #1 is the newest post, and the numbers match the chart. · Data from TikLiveAPI, fetched 2026-05-01 09:00 UTC · 2 API credits spent.');
    expect(e.timestamp).toBe('2026-05-01T09:00:00.000Z');
    withinLimits(e);
  });

  it('shows only the image it is given', () => {
    const reply = sampleReplies('discord').report as Reply;
    expect(renderEmbed(reply.card).image).toBeUndefined();
    expect(renderEmbed(reply.card, 'attachment://quadrants.png').image).toEqual({ url: 'attachment://quadrants.png' });
  });

  it('escapes a hostile creator handle in the title', () => {
    const reply = sampleReplies('discord').report as Reply;
    const card = { ...reply.card, title: [{ kind: 'untrusted' as const, text: '**@everyone**', max: 60 }] };
    // Embed titles take markdown: the handle is escaped, so it shows as typed and styles nothing.
    const seen = discordView(renderEmbed(card).title ?? '');
    expect(seen.text.replace(/\u200b/g, '')).toBe('**@everyone**');
    expect(seen.styled).toEqual([]);
    expect(seen.mentions).toEqual([]);
  });
});

describe('every reply with hostile titles, 35 posts', () => {
  const replies = sampleReplies('discord', { hostile: true, posts: 35 });
  it.each(Object.keys(replies))('%s stays within limits and mentions nobody', (kind) => {
    const reply = replies[kind] as Reply;
    const e = renderEmbed(reply.card);
    withinLimits(e);
    // Embeds never notify anyone; even so, only the card's own people and channels appear as mentions.
    expect(withoutOwn(JSON.stringify(e), reply.card)).not.toMatch(LIVE_MENTION);
    for (const card of reply.thread) {
      for (const m of renderContent(card)) {
        expect(m.length).toBeLessThanOrEqual(L.messageContent);
        expect(m).not.toMatch(LIVE_MENTION);
        expect(m).not.toMatch(/[\u202A-\u202E]/);
      }
    }
  });

  it('lists every post of the breakdown, across messages of at most 2000 characters', () => {
    const messages = (replies.report as Reply).thread.flatMap((c) => renderContent(c));
    expect(messages.length).toBeGreaterThan(1);
    const all = messages.join('\n');
    for (let i = 1; i <= 35; i++) expect(discordView(all).text).toContain(`#${i} “`);
    expect(all).toMatch(/\*\*Viral evergreen \(high shares, high saves\) · \d+\*\*/);
  });

  it('sends an error as content with the usage embedded under it', () => {
    const out = renderPrivate(replies.error as Reply);
    expect(out.content).toMatch(/^That creator was not found/);
    expect(out.embeds[0]?.title).toBe('How to use /quadrants');
  });
});

describe('limits helpers', () => {
  it('fitEmbed enforces every limit on an oversized embed', () => {
    const huge: APIEmbed = {
      title: 't'.repeat(400),
      description: 'd'.repeat(5000),
      footer: { text: 'f'.repeat(3000) },
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v'.repeat(2000) })),
    };
    withinLimits(fitEmbed(huge));
  });

  it('fitLines drops whole lines and says how many', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `**line ${i}** ${'x'.repeat(30)}`);
    const out = fitLines(lines, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).toMatch(/…and \d+ more$/);
  });

  it('names threads in plain text within 100 characters, with mentions broken', () => {
    expect(threadName(`Quadrants: @everyone ${'a'.repeat(200)}`).length).toBeLessThanOrEqual(L.threadName);
    expect(threadName('Quadrants: @everyone')).toBe('Quadrants: @\u200beveryone');
  });
});

describe('text from outside shown verbatim, inert; post numbers link to the videos', () => {
  const TRICKS = ['lucy_the_cook', '*bold*', '**bold**', '~~strike~~', '`code`', '_it_', '||spoiler||', '[x](https://evil.example)', 'see https://evil.example', '@everyone @here', '<@123456789012345678>', '# heading', '> quote'];

  it.each(TRICKS)('a post titled %s shows as typed in the breakdown, styling, linking and mentioning nothing', (title) => {
    const report = sampleReport(6, (p, i) => (i === 2 ? { ...p, title } : p));
    const messages = renderContent(breakdownCard(report));
    const seen = discordView(messages.join('\n'));
    expect(seen.text.replace(/\u200b/g, '')).toContain(`“${title}”`);
    expect(seen.mentions).toEqual([]);
    expect(seen.styled.filter((r) => title.includes(r))).toEqual([]);
    expect(seen.links.every((l) => /^#\d+$/.test(l.text) && l.url.startsWith('https://www.tiktok.com/@mossy.kitchen/video/'))).toBe(true);
  });

  it('makes each post number a masked link whose text is ours and whose URL is built from the handle and id', () => {
    const report = sampleReport(12);
    const seen = discordView(renderContent(breakdownCard(report)).join('\n'));
    const expected = report.posts.map((p) => ({ text: `#${p.index}`, url: `https://www.tiktok.com/@mossy.kitchen/video/${p.id}` }));
    expect([...seen.links].sort((a, b) => a.text.localeCompare(b.text))).toEqual(expected.sort((a, b) => a.text.localeCompare(b.text)));
  });

  it.each(['[x](https://evil.example)', '**@everyone**', '`code`', '~~s~~'])('a handle %s heads the thread and titles the embed as typed, with no link', (handle) => {
    const report = sampleReport(6);
    report.creator = { username: handle, userid: '6912345678901234567' };
    const heading = discordView(renderContent(breakdownCard(report))[0]?.split('\n')[0] ?? '');
    expect(heading.text.replace(/\u200b/g, '')).toBe(`Per-post breakdown · @${handle}`);
    expect(heading.links).toEqual([]);
    const title = discordView(renderEmbed(breakdownCard(report)).title ?? '');
    expect(title.text.replace(/\u200b/g, '')).toBe(`Per-post breakdown · @${handle}`);
    expect([...heading.styled, ...title.styled].filter((r) => handle.includes(r))).toEqual([]);
    expect(discordView(renderContent(breakdownCard(report)).join('\n')).links).toEqual([]);
  });

  it('keeps a 35-post breakdown of long markdown-heavy titles within 2000 characters a message and the embed limits', () => {
    const report = sampleReport(35, (p, i) => ({ ...p, title: `${'*_~`|[]()'.repeat(12)} ${i}` }));
    const messages = renderContent(breakdownCard(report));
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(L.messageContent);
    const seen = discordView(messages.join('\n'));
    for (let i = 1; i <= 35; i++) expect(seen.text).toContain(`#${i} “`);
    expect(seen.links).toHaveLength(35);
    withinLimits(renderEmbed(breakdownCard(report)));
  });
});
