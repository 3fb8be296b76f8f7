/**
 * Delivery of a finished result: the chart (embed image URL, or the PNG attached when the URL is
 * too long) and the per-post breakdown (a thread from the reply, or follow-up messages).
 */
import {
  AttachmentBuilder,
  ChannelType,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
  type ChatInputCommandInteraction,
  type Message,
} from 'discord.js';
import type { Logger } from '../../../src/log';
import type { QuadrantsService } from '../../../src/service';
import type { CompareReport, PostPlacement, QuadrantReport } from '../../../src/quadrants/types';
import { renderBreakdown, threadName } from '../breakdown';
import { usableChartUrl } from '../format';
import { CHART_FILENAME } from '../limits';

/** Set on every message the bot sends (the client-wide default says the same). */
export const NO_MENTIONS = { parse: [] as [] };

type AnyResult = QuadrantReport | CompareReport | PostPlacement;

export interface ChartDelivery {
  /** What the embed's image points at (URL or attachment://…), or null for no image. */
  image: string | null;
  files: AttachmentBuilder[];
  /** How the chart went out, for logs and tests. */
  via: 'url' | 'attachment' | 'none';
}

/** True when there is something to draw (at least one post placed in a quadrant). */
function hasChart(result: AnyResult): boolean {
  switch (result.kind) {
    case 'report':
      return result.posts.some((p) => p.quadrant !== null);
    case 'compare':
      return result.creators.some((c) => c.report.posts.some((p) => p.quadrant !== null));
    case 'post':
      return result.baseline.posts.some((p) => p.quadrant !== null);
  }
}

/**
 * The chart URL when it fits; otherwise the PNG from the core's second delivery path, attached.
 * A failed render costs only the picture: the embed carries every number as text.
 */
export async function prepareChart(result: AnyResult, service: QuadrantsService, log: Logger): Promise<ChartDelivery> {
  const url = usableChartUrl(result.chartUrl);
  if (url) return { image: url, files: [], via: 'url' };
  if (!hasChart(result)) return { image: null, files: [], via: 'none' };
  try {
    const png = await service.chartPng(result);
    return { image: `attachment://${CHART_FILENAME}`, files: [new AttachmentBuilder(png, { name: CHART_FILENAME, description: 'Shares vs saves quadrant chart' })], via: 'attachment' };
  } catch (err) {
    log.warn('discord.chart.png_failed', { error: err });
    return { image: null, files: [], via: 'none' };
  }
}

/** The bot may start a public thread from the reply and post in it. */
function mayThread(interaction: ChatInputCommandInteraction, message: Message): boolean {
  const perms = interaction.appPermissions;
  if (!interaction.inGuild() || !perms) return false;
  if (!perms.has([PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads, PermissionFlagsBits.ViewChannel])) return false;
  const type = message.channel?.type;
  return type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
}

/**
 * Posts the breakdown in a thread started from the reply, where allowed; otherwise (no permission,
 * not a text channel, or Discord refuses) as follow-up messages under the reply.
 */
export async function postBreakdown(
  interaction: ChatInputCommandInteraction,
  reply: Message,
  report: QuadrantReport,
  log: Logger,
): Promise<'thread' | 'follow-up'> {
  const messages = renderBreakdown(report);
  if (mayThread(interaction, reply)) {
    try {
      const thread = await reply.startThread({ name: threadName(report), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
      for (const content of messages) await thread.send({ content, allowedMentions: NO_MENTIONS });
      return 'thread';
    } catch (err) {
      // Channel overwrites can deny what app_permissions allowed; fall back rather than lose the breakdown.
      log.warn('discord.thread.failed', { error: err, channel: interaction.channelId });
    }
  }
  for (const content of messages) await interaction.followUp({ content, allowedMentions: NO_MENTIONS });
  return 'follow-up';
}
