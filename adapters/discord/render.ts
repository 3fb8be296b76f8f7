/**
 * QuadrantReport → Discord embed. Renders only: every number comes from the core's report.
 * The embed reads well without its image (medians, counts, flags and mix are all text), so a
 * chart that fails to load costs nothing but the picture.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { QUADRANT_IDS, type QuadrantReport, type Recommendation } from '../../src/quadrants/types';
import { neutraliseMentions } from './escape';
import { COLOUR, QUADRANT_HINT, QUADRANT_NAME, creatorLabel, day, fitEmbed, fitLines, footerText, isoTime, pct, usableChartUrl } from './format';

export { renderCompareEmbed, renderPlacementEmbed } from './render-compare';
export { usableChartUrl } from './format';

/** "12 posts, 2026-03-01 to 2026-04-28" (or the short form when dates are unknown). */
export function windowText(report: QuadrantReport): string {
  const { posts, requested, from, to } = report.window;
  const n = `${posts} post${posts === 1 ? '' : 's'}`;
  const asked = posts < requested ? ` (asked for ${requested})` : '';
  const a = day(from);
  const b = day(to);
  return a && b ? `${n}${asked}, ${a} to ${b}` : `${n}${asked}`;
}

/** Our own advice sentence; mentions are broken anyway in case a future text quotes user input. */
export function adviceText(rec: Recommendation | null): string {
  return rec ? neutraliseMentions(rec.text) : 'No recommendation for this window.';
}

function notes(report: QuadrantReport): string[] {
  const f = report.flags;
  const out: string[] = [];
  if (f.noPosts) out.push('This creator has no public posts in the window.');
  if (f.smallSample && !f.noPosts) out.push('Too few posts could be placed to split at the medians.');
  if (f.allEqual) out.push('Every post has the same rates, so there is nothing to split.');
  if (f.savesUnavailable) out.push('Most posts have no save counter, so the save axis is unreliable.');
  if (report.partial) out.push('TikLiveAPI returned fewer posts than asked; the window may be short.');
  if (report.demo) out.push('Demo data: set TIKLIVEAPI_KEY for live numbers.');
  return out;
}

function flagLines(report: QuadrantReport): string[] {
  const f = report.flags;
  const lines: string[] = [];
  const split = QUADRANT_IDS.reduce((n, q) => n + report.counts[q], 0);
  if (f.deadShare) {
    lines.push(`⚠️ Dead share: ${report.counts.dead} of ${split} placed posts (${pct(f.deadFraction, 0)}) moved nobody; a third or more points at the format.`);
  }
  if (f.templates.length > 0) {
    const numbers = report.posts.filter((p) => p.template).map((p) => p.index);
    lines.push(`📥 Template alert: post${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')} (${neutraliseMentions(f.templateRule)}).`);
  }
  const left = f.lowViews + f.missingData;
  if (left > 0) {
    const parts = [f.lowViews > 0 ? `${f.lowViews} with fewer than ${f.minViews} views` : '', f.missingData > 0 ? `${f.missingData} with missing counters` : ''];
    lines.push(`Not placed: ${parts.filter(Boolean).join(', ')}.`);
  }
  return lines.length > 0 ? lines : ['No flags: fewer than a third dead, no template posts.'];
}

function mixLines(report: QuadrantReport): string[] {
  if (report.mix.entries.length === 0) return ['Nothing placed, so no mix yet.'];
  return report.mix.entries.map((e) => {
    const gap = Math.round(e.gap * 100);
    const sign = gap > 0 ? '+' : gap < 0 ? '−' : '±';
    return `${QUADRANT_NAME[e.quadrant]}: ${pct(e.actual, 0)} (plan ${pct(e.target, 0)}, ${sign}${Math.abs(gap)} pp)`;
  });
}

/** Medians and the four quadrant counts as embed fields (shared with the placement embed). */
export function statsFields(report: QuadrantReport): APIEmbedField[] {
  const m = report.medians;
  return [
    { name: 'Median share rate', value: pct(m.shareRate), inline: true },
    { name: 'Median save rate', value: pct(m.saveRate), inline: true },
    { name: 'Median download rate', value: pct(m.downloadRate), inline: true },
    ...QUADRANT_IDS.map((q) => ({ name: QUADRANT_NAME[q], value: `${report.counts[q]} post${report.counts[q] === 1 ? '' : 's'} · ${QUADRANT_HINT[q]}`, inline: true })),
  ];
}

/**
 * The report embed. `image` is the chart to show: the chart URL (default, when it fits), an
 * `attachment://` name when the PNG is uploaded, or null for none.
 */
export function renderReportEmbed(report: QuadrantReport, image: string | null = usableChartUrl(report.chartUrl)): APIEmbed {
  const description = [`**Next step:** ${adviceText(report.headline)}`, ...notes(report)].join('\n');
  const embed: APIEmbed = {
    title: `${creatorLabel(report.creator)}: shares vs saves`,
    description,
    color: report.flags.deadShare ? COLOUR.warning : COLOUR.normal,
    fields: [
      { name: 'Window', value: windowText(report), inline: false },
      ...statsFields(report),
      { name: 'Flags', value: fitLines(flagLines(report)) },
      { name: 'Content mix (actual vs weekly plan)', value: fitLines(mixLines(report)) },
    ],
    footer: { text: footerText(report.fetchedAt, report.credits, report.demo) },
    timestamp: isoTime(report.fetchedAt),
  };
  if (image) embed.image = { url: image };
  return fitEmbed(embed);
}
