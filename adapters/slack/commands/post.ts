/**
 * `/quadrants post <video url>`: one post against its creator's recent medians.
 */
import type { Command } from '../../../src/commands/types';
import { deliverReport } from '../deliver';
import { chartDelivery, renderPlacementBlocks } from '../render';
import type { CommandContext } from './context';

type PostCommand = Extract<Command, { kind: 'post' }>;

export function postWorkingLine(_cmd: PostCommand): string {
  return "Placing that post against its creator's recent posts; the result will appear in this channel in a moment.";
}

export async function runPost(cmd: PostCommand, ctx: CommandContext): Promise<void> {
  const { service } = ctx.deps;
  const placement = await service.placePost({ url: cmd.url });
  const outcome = await deliverReport(ctx, {
    render: (o) => renderPlacementBlocks(placement, o),
    chart: chartDelivery(placement),
    png: () => service.chartPng(placement),
    chartTitle: 'This post against the recent medians',
    chartAlt: 'Scatter chart of the creator\'s recent posts with this post highlighted.',
  });
  ctx.log.info('slack.post_delivered', { outcome, credits: placement.credits });
}
