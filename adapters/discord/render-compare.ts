/**
 * Compare and post-placement embeds. Like render.ts, these only lay out what the core computed.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { QUADRANT_IDS, type CompareReport, type PostPlacement, type QuadrantCounts } from '../../src/quadrants/types';
import { safeInline } from './escape';
import { COLOUR, QUADRANT_HINT, QUADRANT_NAME, creatorLabel, fitEmbed, fitLines, footerText, isoTime, pct, usableChartUrl } from './format';

function countsLine(c: QuadrantCounts): string {
  return QUADRANT_IDS.map((q) => `${QUADRANT_NAME[q]} ${c[q]}`).join(' · ');
}

/** Two to five creators on shared axes: pooled medians, then one field per creator. */
export function renderCompareEmbed(report: CompareReport, image: string | null = usableChartUrl(report.chartUrl)): APIEmbed {
  const names = report.creators.map((c) => creatorLabel(c.report.creator));
  const posts = report.creators[0]?.report.window.requested ?? 0;
  const m = report.pooledMedians;
  const fields: APIEmbedField[] = report.creators.map((c, i) => {
    const r = c.report;
    const lines = [
      `Own medians: share ${pct(r.medians.shareRate)} · save ${pct(r.medians.saveRate)}`,
      `On the shared medians: ${countsLine(c.pooledCounts)}`,
      r.flags.deadShare ? `⚠️ ${pct(r.flags.deadFraction, 0)} of placed posts dead` : '',
      r.flags.templates.length > 0 ? `📥 ${r.flags.templates.length} template post${r.flags.templates.length === 1 ? '' : 's'}` : '',
      r.flags.smallSample ? 'Too few placeable posts for a split of its own.' : '',
    ].filter(Boolean);
    return { name: names[i] as string, value: fitLines(lines) };
  });
  const embed: APIEmbed = {
    title: `Compare ${names.join(', ')}: last ${posts} posts each`,
    description: `Shared medians over every placed post: share rate ${pct(m.shareRate)}, save rate ${pct(m.saveRate)}.${report.demo ? '\nDemo data: set TIKLIVEAPI_KEY for live numbers.' : ''}`,
    color: COLOUR.normal,
    fields,
    footer: { text: footerText(report.fetchedAt, report.credits, report.demo) },
    timestamp: isoTime(report.fetchedAt),
  };
  if (image) embed.image = { url: image };
  return fitEmbed(embed);
}

/** One post against its creator's recent medians. */
export function renderPlacementEmbed(placement: PostPlacement, image: string | null = usableChartUrl(placement.chartUrl)): APIEmbed {
  const { post, baseline } = placement;
  const where = post.quadrant
    ? `Lands in **${QUADRANT_NAME[post.quadrant]}** (${QUADRANT_HINT[post.quadrant]}) against the creator's last ${baseline.window.posts} posts.`
    : post.excluded === 'low-views'
      ? `Not placed: it has fewer than ${baseline.flags.minViews} views so far.`
      : post.excluded === 'missing-data'
        ? 'Not placed: TikLiveAPI has no share or save counter for it.'
        : 'Not placed: the recent posts cannot be split at the medians yet.';
  const advice = post.quadrant ? baseline.recommendations.find((r) => r.quadrant === post.quadrant)?.text : undefined;
  const title = post.title.trim() ? safeInline(post.title, 300) : '(untitled post)';
  const embed: APIEmbed = {
    title: `Post by ${creatorLabel(baseline.creator)}`,
    description: [title, '', where, advice ? `**Next step:** ${safeInline(advice, 900)}` : '', post.template ? '📥 Template alert: other creators are downloading this post to reuse it.' : '']
      .filter((l, i) => l !== '' || i === 1)
      .join('\n'),
    color: post.quadrant === 'dead' ? COLOUR.warning : COLOUR.normal,
    fields: [
      { name: 'Share rate', value: `${pct(post.shareRate)} (median ${pct(baseline.medians.shareRate)})`, inline: true },
      { name: 'Save rate', value: `${pct(post.saveRate)} (median ${pct(baseline.medians.saveRate)})`, inline: true },
      { name: 'Download rate', value: `${pct(post.downloadRate)} (median ${pct(baseline.medians.downloadRate)})`, inline: true },
      { name: 'Views', value: post.views === null ? 'n/a' : post.views.toLocaleString('en-US'), inline: true },
    ],
    footer: { text: footerText(placement.fetchedAt, placement.credits, placement.demo) },
    timestamp: isoTime(placement.fetchedAt),
  };
  if (image) embed.image = { url: image };
  return fitEmbed(embed);
}
