/**
 * The report message posted in the channel: header, chart, medians and counts, flags, the
 * content mix, one recommendation and a context line. Untrusted text (the handle) is escaped;
 * the advice comes from the core and is escaped too, so nothing in it can ping or link.
 */
import { QUADRANT_IDS, type QuadrantReport } from '../../../src/quadrants/types';
import { creatorHandle, escapeMrkdwn, safeMrkdwn, safePlain } from '../escape';
import { SLACK_LIMITS } from '../limits';
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
  plural,
  QUADRANT_HINT,
  QUADRANT_LABEL,
  section,
  wholePct,
  type Block,
  type RenderOptions,
  type SlackMessage,
} from './common';

const HANDLE_MAX = 100;

function handleOf(report: QuadrantReport): string {
  return safeMrkdwn(creatorHandle(report.creator), HANDLE_MAX);
}

/** "3 viral evergreen, 2 niche reference, …" */
function countsSentence(report: QuadrantReport): string {
  return QUADRANT_IDS.map((q) => `${report.counts[q]} ${QUADRANT_LABEL[q].toLowerCase()}`).join(', ');
}

/** The image block's alt text: the whole chart in words, for screen readers and broken images. */
export function reportAltText(report: QuadrantReport): string {
  const who = safePlain(creatorHandle(report.creator), HANDLE_MAX);
  return (
    `Scatter chart of ${plural(placedCount(report.counts), 'post')} by ${who}: share rate across, save rate up, ` +
    `split at the medians (share ${pct(report.medians.shareRate)}, save ${pct(report.medians.saveRate)}). ` +
    `${countsSentence(report)}.`
  );
}

function postNumbers(report: QuadrantReport, ids: readonly string[]): string {
  const numbers = report.posts.filter((p) => ids.includes(p.id)).map((p) => `#${p.index}`);
  return numbers.length > 0 ? numbers.join(', ') : plural(ids.length, 'post');
}

/** One line per flag that is up, in our own words. */
export function flagLines(report: QuadrantReport): string[] {
  const f = report.flags;
  const placed = placedCount(report.counts);
  const lines: string[] = [];
  if (f.noPosts) lines.push(':information_source: This creator has no public posts in the window.');
  if (f.smallSample && !f.noPosts) lines.push(`:information_source: Only ${plural(placed, 'post')} could be placed, too few for the quadrants to mean much yet.`);
  if (f.deadShare) {
    lines.push(`:warning: *Dead share:* ${report.counts.dead} of ${placed} placed posts (${wholePct(f.deadFraction)}) were neither shared nor saved above the medians.`);
  }
  if (f.templates.length > 0) {
    lines.push(
      `:repeat: *Template alert:* ${postNumbers(report, f.templates)} ${f.templates.length === 1 ? 'is' : 'are'} download-heavy (${escapeMrkdwn(f.templateRule)}); other creators are likely reusing ${f.templates.length === 1 ? 'it' : 'them'}.`,
    );
  }
  if (f.savesUnavailable) lines.push(':information_source: Most posts have no save counter, so the save axis is unreliable.');
  if (f.allEqual) lines.push(':information_source: Every placed post has the same rates, so the split says little.');
  if (f.lowViews > 0) lines.push(`:hourglass: ${plural(f.lowViews, 'post')} with fewer than ${f.minViews} views ${f.lowViews === 1 ? 'is' : 'are'} left out until ${f.lowViews === 1 ? 'it gathers' : 'they gather'} views.`);
  if (f.missingData > 0) lines.push(`:grey_question: ${plural(f.missingData, 'post')} ${f.missingData === 1 ? 'is' : 'are'} missing a share or save counter and left out.`);
  if (report.partial) lines.push(':information_source: TikLiveAPI stopped paging early, so the window may be shorter than asked.');
  return lines;
}

/** The content mix against the weekly plan, one line per quadrant. */
export function mixText(report: QuadrantReport): string | null {
  if (report.mix.largestGap === null) return null;
  const plan = QUADRANT_IDS.filter((q) => report.mix.plan[q] > 0)
    .map((q) => `${report.mix.plan[q]} ${QUADRANT_LABEL[q].toLowerCase()}`)
    .join(' : ');
  const lines = report.mix.entries.map((e) => {
    const gap = Math.round(e.gap * 100);
    const sign = gap > 0 ? '+' : gap < 0 ? '−' : '±';
    return `• ${QUADRANT_LABEL[e.quadrant]}: ${wholePct(e.actual)} (plan ${wholePct(e.target)}, ${sign}${Math.abs(gap)} pts)`;
  });
  return [`*Content mix* against the weekly plan (${plan}):`, ...lines].join('\n');
}

function windowText(report: QuadrantReport): string {
  const n = report.window.posts;
  const asked = report.window.requested;
  return n === asked ? `last ${plural(n, 'post')}` : `last ${plural(n, 'post')} (asked for ${asked})`;
}

/** The plain-text summary that stands in for the blocks in notifications, search and broken layouts. */
export function reportFallback(report: QuadrantReport): string {
  const base = `Quadrants for ${handleOf(report)}, ${windowText(report)}: ${countsSentence(report)}; median share rate ${pct(report.medians.shareRate)}, median save rate ${pct(report.medians.saveRate)}.`;
  const next = report.headline ? ` Next step: ${safeMrkdwn(report.headline.text, 1000)}` : '';
  return fallbackText(base + next);
}

/** Block Kit for one creator's report. `thread: false` when it goes out without a thread (response_url). */
export function renderReportBlocks(report: QuadrantReport, options: RenderOptions = {}): SlackMessage {
  const thread = options.thread ?? true;
  const handle = safePlain(creatorHandle(report.creator), HANDLE_MAX);
  const delivery = chartDelivery(report);
  const blocks: Block[] = [header(`Quadrants for ${handle} · ${windowText(report)}`)];
  if (delivery === 'image') blocks.push(image(report.chartUrl as string, reportAltText(report), `${handle}: share rate vs save rate`));
  blocks.push(
    fields([
      `*Median share rate*\n${pct(report.medians.shareRate)}`,
      `*Median save rate*\n${pct(report.medians.saveRate)}`,
      ...QUADRANT_IDS.map((q) => `*${QUADRANT_LABEL[q]}* (${QUADRANT_HINT[q]})\n${plural(report.counts[q], 'post')}`),
    ]),
  );
  const flags = flagLines(report);
  if (flags.length > 0) blocks.push(section(flags.join('\n')));
  const mix = mixText(report);
  if (mix) blocks.push(section(mix));
  if (report.headline) blocks.push(section(`*Next step:* ${safeMrkdwn(report.headline.text, SLACK_LIMITS.sectionText - 20)}`));
  const notes = [dataLine(report.fetchedAt, report.credits, report.demo)];
  if (thread && delivery === 'upload') notes.push('The chart is attached in the thread.');
  if (thread && report.posts.length > 0) notes.push('Per-post breakdown in the thread.');
  blocks.push(context(notes));
  return { text: reportFallback(report), blocks: capBlocks(blocks) };
}
