/**
 * One post placed against its creator's recent medians.
 */
import type { PostPlacement } from '../../../src/quadrants/types';
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
  QUADRANT_HINT,
  QUADRANT_LABEL,
  section,
  type Block,
  type RenderOptions,
  type SlackMessage,
} from './common';

const TITLE_MAX = 300;

function quadrantText(p: PostPlacement): string {
  const q = p.post.quadrant;
  return q === null ? 'not placed (not enough data yet)' : `${QUADRANT_LABEL[q]} (${QUADRANT_HINT[q]})`;
}

/** Block Kit for a single post's placement. */
export function renderPlacementBlocks(placement: PostPlacement, options: RenderOptions = {}): SlackMessage {
  const thread = options.thread ?? true;
  const { post, baseline } = placement;
  const who = creatorHandle(baseline.creator);
  const title = safeMrkdwn(post.title, TITLE_MAX) || '_(no caption)_';
  const delivery = chartDelivery(placement);
  const blocks: Block[] = [header(`Post check · ${safePlain(who, 100)} · against the last ${baseline.window.posts} posts`)];
  if (delivery === 'image') {
    const alt = `Scatter chart of ${safePlain(who, 100)}'s last ${baseline.window.posts} posts with one highlighted post: share rate ${pct(post.shareRate)}, save rate ${pct(post.saveRate)}, ${quadrantText(placement)}.`;
    blocks.push(image(placement.chartUrl as string, alt, 'This post against the recent medians'));
  }
  blocks.push(section(`*Post:* ${title}`));
  blocks.push(
    fields([
      `*Share rate*\n${pct(post.shareRate)} (median ${pct(baseline.medians.shareRate)})`,
      `*Save rate*\n${pct(post.saveRate)} (median ${pct(baseline.medians.saveRate)})`,
      `*Quadrant*\n${quadrantText(placement)}`,
      `*Views*\n${post.views === null ? 'n/a' : post.views.toLocaleString('en-US')}`,
    ]),
  );
  if (post.template) blocks.push(section(':repeat: *Template alert:* this post is download-heavy; other creators are likely reusing it.'));
  const advice = baseline.recommendations.find((r) => r.quadrant !== null && r.quadrant === post.quadrant);
  if (advice) blocks.push(section(`*Next step:* ${safeMrkdwn(advice.text, 2900)}`));
  const notes = [dataLine(placement.fetchedAt, placement.credits, placement.demo)];
  if (thread && delivery === 'upload') notes.push('The chart is attached in the thread.');
  blocks.push(context(notes));
  return {
    text: fallbackText(
      `Post check for ${safeMrkdwn(who, 100)}: "${title}" is ${quadrantText(placement)}, share rate ${pct(post.shareRate)} (median ${pct(baseline.medians.shareRate)}), save rate ${pct(post.saveRate)} (median ${pct(baseline.medians.saveRate)}).`,
    ),
    blocks: capBlocks(blocks),
  };
}
