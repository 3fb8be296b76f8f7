/**
 * Discord clicks and form submissions as the core's ChatSurface (src/chat/turn.ts). Discord fails
 * an interaction not acknowledged within 3 s: a refusal is an ephemeral reply at once; work is
 * deferred first (deferUpdate, so no new message appears; an ephemeral defer for private answers).
 * Public results go in the thread under the clicked message; the list of subscriptions (an
 * ephemeral message) is redrawn in place (editReply); a form is a modal.
 */
import { AttachmentBuilder, MessageFlags, ThreadAutoArchiveDuration, type ButtonInteraction, type Message, type ModalMessageModalSubmitInteraction, type SendableChannels } from 'discord.js';
import type { Card, Reply } from '../../src/chat/card';
import type { ChatSurface, Origin } from '../../src/chat/turn';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import type { AckGate } from '../../src/chat/ack-gate';
import { CHANNEL_ID, NO_MENTIONS, answerPrivately, postCard, privateBody, targetChannel } from './channels';
import { discordActor, mayThread } from './conversation';
import { renderModal } from './modal';
import { cardMessage } from './pictures';
import { renderContent, renderListRedraw, threadName } from './render';

/** A click, or a form submitted from a button: both answer where the button's message is. */
export type ClickInteraction = ButtonInteraction | ModalMessageModalSubmitInteraction;

function deliveryFailed(err: unknown): QuadrantsError {
  return err instanceof QuadrantsError ? err : new QuadrantsError('INTERNAL', `click delivery failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/** The surface of one click or form: ephemeral answers, public results in the clicked message's thread, the list redrawn in place. */
export function discordClickSurface(interaction: ClickInteraction, origin: Origin, gate: AckGate, log: Logger): ChatSurface {
  let deferred = false;

  /** The thread under the clicked message (Discord gives it the message's id), started when there is none. */
  async function thread(message: Message): Promise<SendableChannels | null> {
    if (!mayThread(interaction, interaction.channel?.type)) return null;
    const existing = await interaction.client.channels.fetch(message.id).catch(() => null);
    if (existing?.isThread()) return existing;
    return message.startThread({ name: threadName('Quadrants'), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay }).catch((err: unknown) => {
      log.warn('discord.thread.failed', { error: err });
      return null;
    });
  }

  /** Sends in the result's thread; without one the result follows up in the channel, still tied to the click. */
  async function send(bodies: object[]): Promise<void> {
    const target = await thread(interaction.message);
    for (const body of bodies) {
      if (target) await target.send({ ...body, allowedMentions: NO_MENTIONS } as never);
      else await interaction.followUp({ ...body, allowedMentions: NO_MENTIONS } as never);
    }
  }

  async function deliverPublic(reply: Reply): Promise<void> {
    await send([await cardMessage(reply.card, log), ...reply.thread.flatMap((card) => renderContent(card).map((content) => ({ content })))]);
  }

  const fail = async (card: Card): Promise<void> => {
    try {
      if (deferred) await interaction.followUp({ ...privateBody(card), flags: MessageFlags.Ephemeral });
      else await gate.ack(() => interaction.reply({ ...privateBody(card), flags: MessageFlags.Ephemeral }));
    } catch (err) {
      log.warn('discord.fail.unsent', { error: err });
    }
  };

  return {
    actor: discordActor(interaction),
    answer: (reply) => answerPrivately(interaction, gate, reply),
    async acknowledge(visibility) {
      // The list is redrawn in its own message; a result goes in the thread, so neither makes a new message now.
      await gate.ack(() => (origin === 'result' && visibility === 'private' ? interaction.deferReply({ flags: MessageFlags.Ephemeral }) : interaction.deferUpdate()));
      deferred = true;
      if (origin === 'result') await gate.idle();
    },
    async deliver(reply) {
      try {
        if (reply.visibility === 'private') await interaction.editReply(privateBody(reply));
        else await deliverPublic(reply);
      } catch (err) {
        throw deliveryFailed(err);
      }
    },
    async attach(file) {
      await send([{ files: [new AttachmentBuilder(Buffer.from(file.text, 'utf8'), { name: file.name })] }]).catch((err: unknown) => {
        throw deliveryFailed(err);
      });
    },
    fail,
    // Discord's modals cannot show an error under a field: the sentence is said privately.
    refuseField: (_field, card) => fail(card),
    async openForm(form, value) {
      if (!interaction.isButton()) throw new QuadrantsError('INTERNAL', 'a form opened from a form');
      await gate.ack(() => interaction.showModal(renderModal(form, value)));
    },
    async showList(cards, list) {
      await interaction.editReply({ ...renderListRedraw(cards, list), allowedMentions: NO_MENTIONS });
    },
    async resolve(ref) {
      if (ref === null) return interaction.channelId;
      // Our own buttons and forms name a subscription's channel by its id; it must be of this server.
      if (CHANNEL_ID.test(ref)) return (await targetChannel(interaction, ref)).id;
      throw new QuadrantsError('BAD_INPUT', 'channel from a button', { userMessage: 'Buttons act on the channel they are in.' });
    },
    post: (channelId, card) => postCard(interaction, channelId, card, log),
  };
}
