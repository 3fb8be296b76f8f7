/**
 * `/quadrants compare @a @b [...]`: creators on shared axes.
 */
import type { Command } from '../../../src/commands/types';
import { deliverReport } from '../deliver';
import { safeMrkdwn } from '../escape';
import { chartDelivery, compareAltText, renderCompareBlocks } from '../render';
import type { CommandContext } from './context';

type CompareCommand = Extract<Command, { kind: 'compare' }>;

export function compareWorkingLine(cmd: CompareCommand): string {
  const names = cmd.creators.map((c) => safeMrkdwn(c, 60)).join(', ');
  return `Comparing ${names} over their last ${cmd.posts} posts each; the chart will appear in this channel in a moment.`;
}

export async function runCompare(cmd: CompareCommand, ctx: CommandContext): Promise<void> {
  const { service } = ctx.deps;
  const report = await service.compare({ creators: cmd.creators, posts: cmd.posts });
  const outcome = await deliverReport(ctx, {
    render: (o) => renderCompareBlocks(report, o),
    chart: chartDelivery(report),
    png: () => service.chartPng(report),
    chartTitle: 'Share rate vs save rate, shared axes',
    chartAlt: compareAltText(report),
  });
  ctx.log.info('slack.compare_delivered', { outcome, creators: report.creators.length, credits: report.credits });
}
