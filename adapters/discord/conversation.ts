/**
 * One /quadrants interaction as a Conversation. Discord fails an interaction not acknowledged
 * within 3 s, so refusals are answered at once (ephemeral) and real work is deferred first:
 * publicly for results, privately for private answers. A failure after a public defer deletes
 * the "thinking…" reply and tells only the requester, so the channel is left with nothing
 * half-done (Discord turns the first follow-up after a bare defer into the deferred message
 * itself, keeping its public visibility, so the reply is deleted first).
 */
import {
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type Message,
} from 'discord.js';
import type { Card, Reply, Visibility } from '../../src/chat/card';
import type { Conversation } from '../../src/chat/types';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import type { AckGate } from '../../src/chat/ack-gate';
import { NO_MENTIONS, answerPrivately, postCard, privateBody, targetChannel } from './channels';
import { cardMessage } from './pictures';
import { renderContent, threadName } from './render';
import { DISCORD } from '../../src/platforms';

export { NO_MENTIONS } from './channels';

/** The bot may start a public thread in a channel of this type and post in it. */
export function mayThread(interaction: BaseInteraction, channelType: ChannelType | undefined): boolean {
  const perms = interaction.appPermissions;
  if (!interaction.inGuild() || !perms) return false;
  if (!perms.has([PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads, PermissionFlagsBits.ViewChannel])) return false;
  return channelType === ChannelType.GuildText || channelType === ChannelType.GuildAnnouncement;
}

/** Who is acting, for any interaction: a slash command, a click or a form. */
export function discordActor(interaction: BaseInteraction): Conversation['actor'] {
  return {
    surface: DISCORD,
    workspaceId: interaction.guildId ?? `dm:${interaction.user.id}`,
    channelId: interaction.channelId ?? '',
    userId: interaction.user.id,
    canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) === true,
  };
}

export function discordConversation(interaction: ChatInputCommandInteraction, gate: AckGate, log: Logger): Conversation {
  let deferredAs: Visibility | null = null;

  /** The breakdown in a thread started from the reply where allowed, otherwise as follow-ups. */
  async function postThread(reply: Reply, message: Message): Promise<void> {
    const contents = reply.thread.flatMap((c) => renderContent(c));
    if (contents.length === 0) return;
    if (mayThread(interaction, message.channel?.type)) {
      try {
        const thread = await message.startThread({ name: threadName(reply.threadName ?? 'Per-post breakdown'), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
        for (const content of contents) await thread.send({ content, allowedMentions: NO_MENTIONS });
        return;
      } catch (err) {
        // Channel overwrites can deny what app_permissions allowed; fall back rather than lose the breakdown.
        log.warn('discord.thread.failed', { error: err });
      }
    }
    for (const content of contents) await interaction.followUp({ content, allowedMentions: NO_MENTIONS });
  }

  return {
    actor: discordActor(interaction),
    answer: (reply) => answerPrivately(interaction, gate, reply),
    async acknowledge(visibility) {
      await gate.ack(() => interaction.deferReply(visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {}));
      deferredAs = visibility;
      // Report work waits for other interactions' acknowledgements in flight, so a burst is acknowledged first.
      await gate.idle();
    },
    async deliver(reply) {
      if (reply.visibility === 'private') {
        await interaction.editReply(privateBody(reply));
        return;
      }
      const body = await cardMessage(reply.card, log);
      let message: Message;
      try {
        message = await interaction.editReply({ ...body, allowedMentions: NO_MENTIONS });
      } catch (err) {
        throw new QuadrantsError('INTERNAL', `editReply failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      try {
        await postThread(reply, message);
      } catch (err) {
        log.warn('discord.breakdown.failed', { error: err });
      }
    },
    async fail(card: Card) {
      const body = privateBody(card);
      try {
        if (deferredAs === 'private') {
          await interaction.editReply(body);
          return;
        }
        if (deferredAs === 'public') {
          await interaction.deleteReply().catch((err: unknown) => log.warn('discord.reply.delete_failed', { error: err }));
          await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
          return;
        }
        await gate.ack(() => interaction.reply({ ...body, flags: MessageFlags.Ephemeral }));
      } catch (err) {
        log.warn('discord.fail.unsent', { error: err });
      }
    },
    async resolve(ref) {
      return (await targetChannel(interaction, ref)).id;
    },
    post: (channelId, card) => postCard(interaction, channelId, card, log),
  };
}
