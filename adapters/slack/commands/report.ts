/**
 * `/quadrants @creator [posts]`: one creator's report in the channel, breakdown in the thread.
 */
import type { Command } from '../../../src/commands/types';
import { deliverReport } from '../deliver';
import { creatorHandle, safeMrkdwn, safePlain } from '../escape';
import { chartDelivery, renderBreakdownBlocks, renderReportBlocks, reportAltText } from '../render';
import type { CommandContext } from './context';

type ReportCommand = Extract<Command, { kind: 'report' }>;

/** The ephemeral acknowledgement: names the creator and the window. */
export function reportWorkingLine(cmd: ReportCommand): string {
  return `Working on ${safeMrkdwn(cmd.creator, 100)}'s last ${cmd.posts} posts; the chart will appear in this channel in a moment.`;
}

export async function runReport(cmd: ReportCommand, ctx: CommandContext): Promise<void> {
  const { service } = ctx.deps;
  const report = await service.report({ creator: cmd.creator, posts: cmd.posts });
  const outcome = await deliverReport(ctx, {
    render: (o) => renderReportBlocks(report, o),
    ...(report.posts.length > 0 ? { thread: renderBreakdownBlocks(report) } : {}),
    chart: chartDelivery(report),
    png: () => service.chartPng(report),
    chartTitle: `${safePlain(creatorHandle(report.creator), 100)}: share rate vs save rate`,
    chartAlt: reportAltText(report),
  });
  ctx.log.info('slack.report_delivered', { outcome, posts: report.posts.length, credits: report.credits });
}
