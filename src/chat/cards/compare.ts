/**
 * The comparison card: two to five creators split at the medians of all their posts together.
 */
import type { CompareReport } from '../../quadrants/types';
import type { Block, Card, CardChart, ListItem } from '../card';
import { creatorName, formatRate, formatShare, plural } from '../format';
import { join, say, strong, words, type Inline } from '../inline';
import { SURFACES, type Surface } from '../surfaces';
import { dataLine } from './data-line';
import { countsWords, placedCount } from './report';

/** Plain handles for chart titles and alt text ("@a vs @b"). */
function handles(report: CompareReport): string {
  return report.creators.map((c) => (c.report.creator.username ? `@${c.report.creator.username}` : `creator ${c.report.creator.userid}`)).join(' vs ');
}

export function compareAlt(report: CompareReport): string {
  const m = report.pooledMedians;
  const each = report.creators.map((c) => `${c.report.creator.username || c.report.creator.userid}: ${countsWords(c.pooledCounts)}`).join('; ');
  return `Scatter chart comparing ${handles(report).replace(/[^A-Za-z0-9._@ ]/g, '')} on shared axes (shared median share ${formatRate(m.shareRate)}, save ${formatRate(m.saveRate)}). ${each.replace(/[^A-Za-z0-9._,:; ]/g, '')}.`;
}

function creatorFields(report: CompareReport): Block {
  return {
    kind: 'fields',
    fields: report.creators.map((c) => {
      const r = c.report;
      const lines = [
        `Own medians: share ${formatRate(r.medians.shareRate)} · save ${formatRate(r.medians.saveRate)}`,
        `On the shared medians: ${countsWords(c.pooledCounts, ' · ')}`,
        r.flags.deadShare ? `${formatShare(r.flags.deadFraction)} of placed posts dead` : '',
        r.flags.templates.length > 0 ? `${plural(r.flags.templates.length, 'template post')}` : '',
        r.flags.smallSample ? 'Too few placeable posts for a split of its own.' : '',
      ].filter(Boolean);
      return { label: say`${creatorName(r.creator)} (${words(`${placedCount(r)} placed`)})`, value: words(lines.join('\n')) };
    }),
  };
}

function nextSteps(report: CompareReport): Block[] {
  const items: ListItem[] = report.creators.flatMap((c) => (c.report.headline ? [{ text: say`${creatorName(c.report.creator)}: ${words(c.report.headline.text)}` }] : []));
  return items.length > 0 ? [{ kind: 'list', title: say`${strong('Next step for each')}, against their own medians:`, items }] : [];
}

export interface CompareCardOptions {
  charts?: CardChart[];
  breakdown: Surface | null;
}

export function compareCard(report: CompareReport, options: CompareCardOptions): Card {
  const names = join(report.creators.map((c) => creatorName(c.report.creator)), ' vs ');
  const posts = report.creators[0]?.report.window.requested ?? 0;
  const m = report.pooledMedians;
  const split = say`Split at the shared medians of all their posts: share rate ${strong(formatRate(m.shareRate))}, save rate ${strong(formatRate(m.saveRate))}.`;
  const summaryParts: Inline[] = report.creators.map((c) => say`${creatorName(c.report.creator)} (${words(countsWords(c.pooledCounts))})`);
  const footer = [dataLine(report)];
  const threadNote = options.breakdown ? words(`Each creator's per-post breakdown is ${SURFACES[options.breakdown].under}.`) : null;
  return {
    title: say`Compare ${names} · ${words(`last ${posts} posts each`)}`,
    summary: say`Comparison on shared axes, shared median share rate ${words(formatRate(m.shareRate))}, save rate ${words(formatRate(m.saveRate))}: ${join(summaryParts, '; ')}.`,
    blocks: [{ kind: 'text', text: split }, creatorFields(report), ...nextSteps(report)],
    footer,
    ...(threadNote ? { threadNote } : {}),
    tone: 'normal',
    ...(options.charts?.length ? { charts: options.charts } : {}),
    at: report.fetchedAt,
  };
}

