/**
 * Cards as Discord embeds and message content: within every limit, with hostile input that can
 * neither mention anyone nor break the markdown around it.
 */
import type { APIEmbed } from 'discord.js';
import { DISCORD_LIMITS as L } from '../../adapters/discord/limits';
import { fitEmbed, fitLines, renderContent, renderEmbed, renderPrivate, threadName } from '../../adapters/discord/render';
import type { Card, Reply } from '../../src/chat/card';
import { sampleReplies } from '../chat/fixtures';

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
    expect(renderEmbed(card).title).toBe('**@\u200beveryone**');
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
    for (let i = 1; i <= 35; i++) expect(all).toContain(`#${i} “`);
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
