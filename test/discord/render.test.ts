import type { APIEmbed } from 'discord.js';
import { renderBreakdown, threadName } from '../../adapters/discord/breakdown';
import { fitEmbed, fitLines } from '../../adapters/discord/format';
import { DISCORD_LIMITS as L } from '../../adapters/discord/limits';
import { renderReportEmbed, usableChartUrl } from '../../adapters/discord/render';
import { sampleReport } from './fixtures';

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

describe('report embed', () => {
  it('has the title, window, medians, counts, flags, mix, advice and footer', () => {
    const report = sampleReport(12);
    const e = renderReportEmbed(report);
    expect(e.title).toBe('@mossy.kitchen: shares vs saves');
    expect(e.image).toEqual({ url: 'https://quickchart.example/chart?c=short' });
    const names = (e.fields ?? []).map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['Window', 'Median share rate', 'Median save rate', 'Viral evergreen', 'Niche reference', 'Viral disposable', 'Dead', 'Flags', 'Content mix (actual vs weekly plan)']),
    );
    const field = (n: string) => (e.fields ?? []).find((f) => f.name === n)?.value ?? '';
    expect(field('Window')).toMatch(/^12 posts, 2026-04-\d\d to 2026-04-24$/);
    const total = (['Viral evergreen', 'Niche reference', 'Viral disposable', 'Dead'] as const).reduce((n, q) => n + Number(/^(\d+)/.exec(field(q))?.[1]), 0);
    expect(total).toBe(12);
    expect(field('Median share rate')).toMatch(/^\d+\.\d\d%$/);
    expect(e.description).toContain(report.headline?.text);
    expect(field('Flags')).toContain('Template alert: post 3');
    expect(e.footer?.text).toBe('Data from TikLiveAPI, fetched 2026-05-01 09:00 UTC · 2 credits spent');
    expect(e.timestamp).toBe('2026-05-01T09:00:00.000Z');
    withinLimits(e);
  });

  it('keeps a chart URL over 2000 characters out of the embed', () => {
    const long = 'https://quickchart.example/chart?c=' + 'x'.repeat(2000);
    expect(usableChartUrl(long)).toBeNull();
    expect(usableChartUrl('javascript:alert(1)')).toBeNull();
    expect(renderReportEmbed(sampleReport(10, undefined, long)).image).toBeUndefined();
    expect(renderReportEmbed(sampleReport(10), 'attachment://quadrants.png').image).toEqual({ url: 'attachment://quadrants.png' });
  });

  it('escapes a hostile creator handle in the title', () => {
    const report = sampleReport(10);
    report.creator = { username: '**@everyone**', userid: '1' };
    const e = renderReportEmbed(report);
    expect(e.title).toBe('@\\*\\*@\u200beveryone\\*\\*: shares vs saves');
  });

  it('says what is wrong when nothing can be split, and reads without an image', () => {
    const report = sampleReport(2, undefined, null);
    const e = renderReportEmbed(report);
    expect(e.image).toBeUndefined();
    expect(e.description).toContain('Too few posts could be placed');
    withinLimits(e);
  });
});

describe('limits', () => {
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
    for (const l of out.split('\n').slice(0, -1)) expect(l).toMatch(/^\*\*line \d+\*\* x{30}$/);
  });
});

describe('breakdown', () => {
  it('groups every post by quadrant, in messages of at most 2000 characters', () => {
    const long = 'Ünïcode 😀 **bold** @everyone <@123> '.repeat(20);
    const report = sampleReport(35, (p) => ({ ...p, title: long }));
    const messages = renderBreakdown(report);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(L.messageContent);
      expect(m).not.toMatch(/@everyone|<@\d+>/);
    }
    const all = messages.join('\n');
    for (let i = 1; i <= 35; i++) expect(all).toContain(`\`#${i}\``);
    expect(all).toMatch(/\*\*Viral evergreen\*\* \(high shares, high saves\): \d+/);
    expect(all).toContain('📥 template');
  });

  it('names the thread in plain text within 100 characters', () => {
    const report = sampleReport(10);
    report.creator = { username: `${'a'.repeat(120)}@here`, userid: '1' };
    const name = threadName(report);
    expect(name.length).toBeLessThanOrEqual(L.threadName);
    const everyone = sampleReport(10);
    everyone.creator = { username: "everyone", userid: "1" };
    expect(threadName(everyone)).toBe("Quadrants: @\u200beveryone, last 10 posts");
    expect(threadName(sampleReport(10))).toBe('Quadrants: @mossy.kitchen, last 10 posts');
  });
});
