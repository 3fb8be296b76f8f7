/**
 * Channels a subscription names, for any interaction in a server (a slash command, a click, a
 * form): checked against Discord to be a text channel of the same server, and posted in for the
 * change announcement.
 */
import { ChannelType, DiscordAPIError, MessageFlags, type BaseInteraction, type ChatInputCommandInteraction, type GuildTextBasedChannel } from 'discord.js';
import type { AckGate } from '../../src/chat/ack-gate';
import type { ClickInteraction } from './click-surface';
import type { Card, Reply } from '../../src/chat/card';
import { CANNOT_SEE_CHANNEL } from '../../src/chat/cards/subscriptions';
import type { Announcement } from '../../src/chat/types';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import { CHANNEL_PROBLEMS } from './digest-history';
import { renderContent, renderPrivate } from './render';

/** Missing Access (the bot cannot see the channel) and Missing Permissions (it may not post there). */
const NO_ACCESS_CODES = new Set([50001, 50013]);

function noAccessCode(err: unknown): number | null {
  if (!(err instanceof DiscordAPIError)) return null;
  const code = Number(err.code);
  return NO_ACCESS_CODES.has(code) ? code : null;
}

/** Set on every message the bot sends (the client-wide default says the same). */
export const NO_MENTIONS = { parse: [] as [] };

/** Answers an interaction at once with a private reply, within its acknowledgement window. */
export async function answerPrivately(interaction: ChatInputCommandInteraction | ClickInteraction, gate: AckGate, reply: Reply): Promise<void> {
  await gate.ack(() => interaction.reply({ ...privateBody(reply), flags: MessageFlags.Ephemeral }));
}

/** A private reply (or one card) as the body of a message only the requester sees. */
export function privateBody(reply: Reply | Card) {
  return { ...renderPrivate('card' in reply ? reply : { visibility: 'private', card: reply, thread: [] }), allowedMentions: NO_MENTIONS };
}

/** A Discord channel id as our own buttons and forms carry it. */
export { SNOWFLAKE as CHANNEL_ID } from './limits';

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
  const channel = await guild.channels.fetch(wanted, { force: id !== null }).catch((err: unknown) => {
    // Discord answers Missing Access for a channel the bot may not see: say how to let it in.
    if (noAccessCode(err) !== null) throw new QuadrantsError('BAD_INPUT', 'the bot cannot see the channel', { userMessage: CANNOT_SEE_CHANNEL });
    return null;
  });
  if (!channel || channel.guildId !== interaction.guildId) throw notATextChannel();
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) throw notATextChannel();
  return channel;
}

/**
 * Posts a card as message content in a channel of the interaction's server. Missing Access or
 * Missing Permissions (50001, 50013) is `noAccess`, with the reason a digest failure records.
 */
export async function postCard(interaction: BaseInteraction, channelId: string, card: Card, log: Logger): Promise<Announcement> {
  try {
    const channel = await targetChannel(interaction, channelId === interaction.channelId ? null : channelId);
    for (const content of renderContent(card)) await channel.send({ content, allowedMentions: NO_MENTIONS });
    return { posted: true };
  } catch (err) {
    log.warn('discord.announce_failed', { channel: channelId, error: err });
    const code = noAccessCode(err);
    const cannotSee = err instanceof QuadrantsError && err.userMessage === CANNOT_SEE_CHANNEL;
    return { posted: false, noAccess: code !== null ? (CHANNEL_PROBLEMS[code] ?? null) : cannotSee ? (CHANNEL_PROBLEMS[50001] ?? null) : null };
  }
}
