/**
 * Pieces every Slack renderer shares: the message shape, quadrant names, number formats,
 * and the decision of how the chart travels (image block, uploaded PNG, or none).
 */
import type { types } from '@slack/bolt';
import type { CompareReport, PostPlacement, QuadrantCounts, QuadrantReport } from '../../../src/quadrants/types';
import { fitsImageBlock, SLACK_LIMITS, truncate } from '../limits';

export type Block = types.KnownBlock;

/** A message ready for chat.postMessage or response_url: blocks plus a fallback `text` that reads well alone. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface RenderOptions {
  /** False when the message goes out through response_url: no thread, no uploaded chart. Default true. */
  thread?: boolean;
}

export { QUADRANT_NAMES as QUADRANT_LABEL } from '../../../src/quadrants/names';

export { QUADRANT_HINTS as QUADRANT_HINT } from '../../../src/quadrants/names';

/** A rate (fraction) as a percentage with two decimals; "n/a" when missing. */
export function pct(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? 'n/a' : `${(rate * 100).toFixed(2)}%`;
}

/** Whole percent for shares of a total. */
export function wholePct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function placedCount(counts: QuadrantCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/**
 * A data time Slack shows in the reader's own time zone, with the ISO text as the fallback.
 * Built only from a parsed date, never from raw input.
 */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown time';
  const fallback = new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

/** How the chart reaches Slack: in the message, as an uploaded PNG in the thread, or not at all. */
export type ChartDelivery = 'image' | 'upload' | 'none';

export function chartDelivery(report: QuadrantReport | CompareReport | PostPlacement): ChartDelivery {
  if (fitsImageBlock(report.chartUrl)) return 'image';
  const plotted =
    report.kind === 'report'
      ? placedCount(report.counts) > 0
      : report.kind === 'compare'
        ? report.creators.some((c) => placedCount(c.report.counts) > 0)
        : true;
  return plotted ? 'upload' : 'none';
}

export function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.headerText), emoji: false } };
}

export function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, SLACK_LIMITS.sectionText) } };
}

export function fields(items: readonly string[]): Block {
  return {
    type: 'section',
    fields: items.slice(0, SLACK_LIMITS.sectionFields).map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, SLACK_LIMITS.fieldText) })),
  };
}

export function image(url: string, altText: string, title: string): Block {
  return {
    type: 'image',
    image_url: url,
    alt_text: truncate(altText, SLACK_LIMITS.altText),
    title: { type: 'plain_text', text: truncate(title, SLACK_LIMITS.imageTitle), emoji: false },
  };
}

export function context(parts: readonly string[]): Block {
  return {
    type: 'context',
    elements: parts.slice(0, SLACK_LIMITS.contextElements).map((t) => ({ type: 'mrkdwn' as const, text: truncate(t, SLACK_LIMITS.contextText) })),
  };
}

/** The context line: when the data was fetched and what it cost. */
export function dataLine(fetchedAt: string, credits: number, demo: boolean): string {
  const source = demo ? 'Bundled demo data, not live numbers' : `Data from TikLiveAPI, ${slackDate(fetchedAt)}`;
  return `${source} · ${plural(credits, 'API credit')} spent`;
}

/** Caps a block list at Slack's limit, keeping the last block (the context line) in place. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  const last = blocks[blocks.length - 1] as Block;
  return [...blocks.slice(0, SLACK_LIMITS.blocks - 1), last];
}

/** The fallback text, cut to Slack's limit. */
export function fallbackText(text: string): string {
  return truncate(text, SLACK_LIMITS.messageText);
}
