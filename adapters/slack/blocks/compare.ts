/**
 * Two to five creators on shared axes: one field per creator, the pooled medians, and each
 * creator's next step.
 */
import { QUADRANT_IDS, type CompareReport } from '../../../src/quadrants/types';
import { creatorHandle, safeMrkdwn, safePlain } from '../escape';
import {
  capBlocks,
  chartDelivery,
  context,
  dataLine,
  fallbackText,
  fields,
  header,
  image,
  pct,
  placedCount,
  QUADRANT_LABEL,
  section,
  type Block,
  type RenderOptions,
  type SlackMessage,
} from './common';

const HANDLE_MAX = 60;

function countsShort(counts: Record<string, number>): string {
  return QUADRANT_IDS.map((q) => `${counts[q] ?? 0} ${QUADRANT_LABEL[q].toLowerCase()}`).join(' · ');
}

/** Alt text: who is compared and how each splits on the shared axes. */
export function compareAltText(report: CompareReport): string {
  const parts = report.creators.map((c) => `${safePlain(creatorHandle(c.report.creator), HANDLE_MAX)}: ${countsShort(c.pooledCounts)}`);
  return `Scatter chart comparing ${report.creators.length} creators on shared axes (pooled median share ${pct(report.pooledMedians.shareRate)}, save ${pct(report.pooledMedians.saveRate)}). ${parts.join('; ')}.`;
}

/** Block Kit for a comparison. */
export function renderCompareBlocks(report: CompareReport, options: RenderOptions = {}): SlackMessage {
  const thread = options.thread ?? true;
  const plainNames = report.creators.map((c) => safePlain(creatorHandle(c.report.creator), HANDLE_MAX));
  const names = report.creators.map((c) => safeMrkdwn(creatorHandle(c.report.creator), HANDLE_MAX));
  const posts = report.creators[0]?.report.window.requested ?? 0;
  const delivery = chartDelivery(report);
  const blocks: Block[] = [header(`Compare ${plainNames.join(' vs ')} · last ${posts} posts each`)];
  if (delivery === 'image') blocks.push(image(report.chartUrl as string, compareAltText(report), 'Share rate vs save rate, shared axes'));
  blocks.push(
    section(
      `Split at the pooled medians: share rate *${pct(report.pooledMedians.shareRate)}*, save rate *${pct(report.pooledMedians.saveRate)}*.`,
    ),
  );
  blocks.push(
    fields(
      report.creators.map((c, i) => {
        const own = c.report.medians;
        return `*${names[i]}* (${placedCount(c.report.counts)} placed)\nmedian share ${pct(own.shareRate)} · save ${pct(own.saveRate)}\n${countsShort(c.pooledCounts)}`;
      }),
    ),
  );
  const steps = report.creators.flatMap((c, i) => (c.report.headline ? [`• ${names[i]}: ${safeMrkdwn(c.report.headline.text, 500)}`] : []));
  if (steps.length > 0) blocks.push(section(['*Next steps*', ...steps].join('\n')));
  const notes = [dataLine(report.fetchedAt, report.credits, report.demo)];
  if (thread && delivery === 'upload') notes.push('The chart is attached in the thread.');
  blocks.push(context(notes));
  const summary = report.creators.map((c, i) => `${names[i]} (${countsShort(c.pooledCounts)})`).join('; ');
  return {
    text: fallbackText(`Comparison on shared axes, pooled median share rate ${pct(report.pooledMedians.shareRate)}, save rate ${pct(report.pooledMedians.saveRate)}: ${summary}.`),
    blocks: capBlocks(blocks),
  };
}
