/**
 * Channels a subscription names, for any interaction in a server (a slash command, a click, a
 * form): checked against Discord to be a text channel of the same server, and posted in for the
 * change announcement.
 */
import { ChannelType, type BaseInteraction, type GuildTextBasedChannel } from 'discord.js';
import type { Card } from '../../src/chat/card';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import { renderContent } from './render';

/** Set on every message the bot sends (the client-wide default says the same). */
export const NO_MENTIONS = { parse: [] as [] };

/** A Discord channel id as our own buttons and forms carry it. */
export const CHANNEL_ID = /^\d{5,25}$/;

function notATextChannel(): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', 'not a text channel of this guild', { userMessage: 'Pick a text channel of this server for the digest; I cannot use that one.' });
}

/** The channel `id` (null: the interaction's own), if it is a text channel of the interaction's server. */
export async function targetChannel(interaction: BaseInteraction, id: string | null): Promise<GuildTextBasedChannel> {
  if (!interaction.inGuild()) throw new QuadrantsError('BAD_INPUT', 'not in a guild', { userMessage: 'Digests belong to a server channel; run this command in a server.' });
  const guild = interaction.guild ?? (await interaction.client.guilds.fetch(interaction.guildId).catch(() => null));
  if (!guild) throw notATextChannel();
  // Fetched from Discord (force): only the API's own guild_id proves where the channel lives.
  const wanted = id ?? interaction.channelId;
  if (!wanted) throw notATextChannel();
  const channel = await guild.channels.fetch(wanted, { force: id !== null }).catch(() => null);
  if (!channel || channel.guildId !== interaction.guildId) throw notATextChannel();
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) throw notATextChannel();
  return channel;
}

/** Posts a card as message content in a channel of the interaction's server; false when it could not. */
export async function postCard(interaction: BaseInteraction, channelId: string, card: Card, log: Logger): Promise<boolean> {
  try {
    const channel = await targetChannel(interaction, channelId === interaction.channelId ? null : channelId);
    for (const content of renderContent(card)) await channel.send({ content, allowedMentions: NO_MENTIONS });
    return true;
  } catch (err) {
    log.warn('discord.announce_failed', { channel: channelId, error: err });
    return false;
  }
}
