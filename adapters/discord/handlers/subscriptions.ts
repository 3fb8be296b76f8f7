/**
 * The digest subcommands on Discord: subscribe, unsubscribe, subscriptions, digest (a preview).
 *
 * - Changing subscriptions needs Manage Channels. The check is here, not in the command's
 *   default_member_permissions, because that would hide the report subcommands too.
 * - The workspace is the guild: a channel option is looked up in the interaction's own guild, so a
 *   channel of another server (or a DM) is refused before the store is touched.
 * - Changes are announced in the target channel with mentions off; the requester gets an ephemeral
 *   one-sentence answer. The preview is public, like a report.
 */
import { ChannelType, MessageFlags, PermissionFlagsBits, type ChatInputCommandInteraction, type GuildTextBasedChannel } from 'discord.js';
import { announceFacts, announceText } from '../../../src/digest/announce';
import { creatorLabel, formatLocal } from '../../../src/digest/format';
import type { SubscriptionService } from '../../../src/digest/subscriptions';
import type { Command } from '../../../src/commands/types';
import { QuadrantsError, asQuadrantsError } from '../../../src/errors';
import type { Logger } from '../../../src/log';
import type { AckGate } from '../ack-gate';
import { renderDigestEmbed } from '../digest';
import { safeInline, truncate } from '../escape';
import { DISCORD_LIMITS } from '../limits';
import { NO_MENTIONS } from './deliver';

export type SubscriptionCommand = Extract<Command, { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' | 'digest' }>;
export type SubscriptionOutcome = 'subscription' | 'refused' | 'reported' | 'failed';

export interface SubscriptionHandlerDeps {
  subscriptions: SubscriptionService;
  logger: Logger;
  gate: AckGate;
}

const NEEDS_MANAGE = 'Changing digest subscriptions needs the Manage Channels permission on this server; ask someone who has it.';
const OTHER_CHANNEL = 'Pick a text channel of this server for the digest; I cannot use that one.';

/** True for the subcommands this handler owns. */
export function isSubscriptionCommand(command: Command): command is SubscriptionCommand {
  return command.kind === 'subscribe' || command.kind === 'unsubscribe' || command.kind === 'subscriptions' || command.kind === 'digest';
}

/** The target channel, looked up in the interaction's own guild; null when it is not a text channel there. */
async function targetChannel(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, id: string | null): Promise<GuildTextBasedChannel | null> {
  const guild = interaction.guild ?? (await interaction.client.guilds.fetch(interaction.guildId).catch(() => null));
  if (!guild) return null;
  // A channel option is fetched from Discord (force): discord.js files resolved option channels
  // under the interaction's guild, so only the API's own guild_id proves where the channel lives.
  const channel = await guild.channels.fetch(id ?? interaction.channelId, { force: id !== null }).catch(() => null);
  if (!channel || channel.guildId !== interaction.guildId) return null;
  return channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement ? channel : null;
}

async function tell(interaction: ChatInputCommandInteraction, content: string, gate: AckGate): Promise<void> {
  const body = { content: truncate(content, DISCORD_LIMITS.messageContent), allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await gate.ack(() => interaction.reply({ ...body, flags: MessageFlags.Ephemeral }));
}

/** Handles one digest subcommand end to end. Throws only when Discord itself fails. */
export async function handleSubscriptionCommand(
  interaction: ChatInputCommandInteraction,
  command: SubscriptionCommand,
  deps: SubscriptionHandlerDeps,
): Promise<SubscriptionOutcome> {
  if (!interaction.inGuild()) {
    await tell(interaction, 'Digests belong to a server channel; run this command in a server.', deps.gate);
    return 'refused';
  }
  const scope = { platform: 'discord' as const, workspaceId: interaction.guildId };
  if (command.kind === 'subscriptions') {
    const listing = await deps.subscriptions.list(scope);
    await tell(interaction, listText(listing), deps.gate);
    return 'subscription';
  }
  if (command.kind === 'digest') return preview(interaction, command.creator, deps);

  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) {
    await tell(interaction, NEEDS_MANAGE, deps.gate);
    return 'refused';
  }
  // Subscribing resolves the creator upstream: acknowledge within Discord's 3 s first.
  await deps.gate.ack(() => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  const channel = await targetChannel(interaction, command.channel);
  if (!channel) {
    await tell(interaction, OTHER_CHANNEL, deps.gate);
    return 'refused';
  }
  const input = { ...scope, channelId: channel.id, creatorInput: command.creator, by: interaction.user.id };
  let change;
  try {
    change = command.kind === 'subscribe' ? await deps.subscriptions.subscribe({ ...input, posts: command.posts }) : await deps.subscriptions.unsubscribe(input);
  } catch (err) {
    const e = asQuadrantsError(err);
    deps.logger.warn('discord.subscription.refused', { code: e.code, detail: e.message });
    await tell(interaction, e.userMessage, deps.gate);
    return 'refused';
  }
  let announced = true;
  try {
    // A user mention is safe to write: allowed_mentions is empty, so nobody is pinged.
    await channel.send({ content: announceText(change, `<@${interaction.user.id}>`), allowedMentions: NO_MENTIONS });
  } catch (err) {
    announced = false;
    deps.logger.warn('discord.subscription.announce_failed', { channel: channel.id, error: err });
  }
  const f = announceFacts(change);
  const done =
    f.action === 'unsubscribed'
      ? `Done: <#${channel.id}> gets no more digests for ${f.creator}.`
      : `Done: <#${channel.id}> gets a digest for ${f.creator}, ${f.schedule}; the next one arrives ${f.nextRunLocal} ${f.timezone}.`;
  await tell(interaction, announced ? done : `${done} I could not announce it there, so check that I can send messages in that channel.`, deps.gate);
  return 'subscription';
}

function listText(listing: Awaited<ReturnType<SubscriptionService['list']>>): string {
  if (listing.length === 0) return 'No channel on this server gets digests yet; start one with `/quadrants subscribe`.';
  const lines = listing.map(({ subscription: s, schedule, nextRunAt }) => {
    const head = `<#${s.channelId}> · ${safeInline(creatorLabel(s), 60)} · last ${s.posts} posts · ${safeInline(schedule, 80)}`;
    if (s.status !== 'active') return `${head} · **disabled**: ${safeInline(s.disabledReason ?? 'no reason recorded', 200)}`;
    return nextRunAt ? `${head} · next ${formatLocal(new Date(nextRunAt), s.timezone)} ${safeInline(s.timezone, 64)}` : head;
  });
  return ['Digest subscriptions on this server:', ...lines].join('\n');
}

async function preview(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, creator: string, deps: SubscriptionHandlerDeps): Promise<SubscriptionOutcome> {
  await deps.gate.ack(() => interaction.deferReply());
  await deps.gate.idle();
  try {
    const p = await deps.subscriptions.preview({ platform: 'discord', workspaceId: interaction.guildId, channelId: interaction.channelId, creatorInput: creator });
    const footer = p.nextRunAt
      ? `Digest preview · times in ${p.timezone} · next digest ${formatLocal(new Date(p.nextRunAt), p.timezone)}`
      : 'Digest preview · this channel has no digest for this creator yet';
    await interaction.editReply({ embeds: [renderDigestEmbed(p.report, p.drift, footer)], allowedMentions: NO_MENTIONS });
    return 'reported';
  } catch (err) {
    const e = err instanceof QuadrantsError ? err : asQuadrantsError(err);
    deps.logger.warn('discord.digest.preview_failed', { code: e.code, detail: e.message });
    // Same as a failed report: remove the public placeholder, tell only the requester.
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ content: e.userMessage, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }).catch(() => undefined);
    return 'failed';
  }
}
