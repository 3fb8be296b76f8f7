/**
 * Button clicks on Discord (component interactions). A click is read back from its custom id
 * (`quadrants:<kind>|<value>`), acknowledged within Discord's 3 s without a new message
 * (deferUpdate), and run through the same pipeline as a typed command, as the member who clicked.
 * Results go in the thread under the clicked message; stale or foreign clicks get one ephemeral
 * sentence and change nothing. Buttons on the list of subscriptions redraw the list instead
 * (./list-clicks.ts).
 */
import {
  AttachmentBuilder,
  MessageFlags,
  ThreadAutoArchiveDuration,
  type ButtonInteraction,
  type Message,
  type ModalMessageModalSubmitInteraction,
  type SendableChannels,
} from 'discord.js';
import { BUTTON_KINDS, BUTTON_PREFIX, clickResult, misplaced, onList, opensForm, readClick, type ButtonKind, type Click } from '../../src/chat/buttons';
import { FORMS, formInput, openForm, type FormKind } from '../../src/chat/forms';
import { validate } from '../../src/chat/parse';
import { privateReply, type Card, type Reply } from '../../src/chat/card';
import { errorCard, runCommand, type Outcome, type PipelineDeps } from '../../src/chat/pipeline';
import type { Conversation } from '../../src/chat/types';
import { asQuadrantsError, QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import type { AckGate } from '../../src/chat/ack-gate';
import { CHANNEL_ID, NO_MENTIONS, postCard, targetChannel } from './channels';
import { discordActor, mayThread } from './conversation';
import { handleListClick, handleListForm } from './list-clicks';
import { renderModal } from './modal';

export { renderModal } from './modal';
import { embedsWithPictures } from './pictures';
import { renderActions, renderContent, renderPrivate, threadName } from './render';

/** Splits a custom id into the action id and the value. */
export function splitCustomId(customId: string): { actionId: string; value: string } {
  const bar = customId.indexOf('|');
  return bar < 0 ? { actionId: customId, value: '' } : { actionId: customId.slice(0, bar), value: customId.slice(bar + 1) };
}

/** A click, or a form submitted from a button: both answer under the message the button sits on. */
export type ClickInteraction = ButtonInteraction | ModalMessageModalSubmitInteraction;

/** The conversation of one click: ephemeral answers, public results in the clicked message's thread. */
export function discordClickConversation(interaction: ClickInteraction, kind: ButtonKind | null, gate: AckGate, log: Logger): Conversation {
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

  async function send(target: SendableChannels | null, body: object): Promise<void> {
    if (target) await target.send({ ...(body as object), allowedMentions: NO_MENTIONS } as never);
    // Without a thread the result follows up in the channel, still tied to the click.
    else await interaction.followUp({ ...(body as object), allowedMentions: NO_MENTIONS } as never);
  }

  async function deliverPublic(reply: Reply): Promise<void> {
    const target = await thread(interaction.message);
    const result = clickResult(kind ?? 'window', reply);
    if (result.mode === 'file') {
      await send(target, { files: [new AttachmentBuilder(Buffer.from(result.file.text, 'utf8'), { name: result.file.name })] });
      return;
    }
    const { embeds, pictures } = await embedsWithPictures(result.reply.card, log);
    const files = pictures.map((p) => new AttachmentBuilder(p.data, { name: p.name, description: p.description }));
    await send(target, { embeds, files, components: renderActions(result.reply.card) });
    for (const card of result.reply.thread) for (const content of renderContent(card)) await send(target, { content });
  }

  return {
    actor: discordActor(interaction),
    async answer(reply) {
      await gate.ack(() => interaction.reply({ ...renderPrivate(reply), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
    },
    async acknowledge(visibility) {
      await gate.ack(() => (visibility === 'private' ? interaction.deferReply({ flags: MessageFlags.Ephemeral }) : interaction.deferUpdate()));
      deferred = true;
      await gate.idle();
    },
    async deliver(reply) {
      try {
        if (reply.visibility === 'private') await interaction.editReply({ ...renderPrivate(reply), allowedMentions: NO_MENTIONS });
        else await deliverPublic(reply);
      } catch (err) {
        throw err instanceof QuadrantsError ? err : new QuadrantsError('INTERNAL', `click delivery failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    },
    async fail(card: Card) {
      const body = { ...renderPrivate({ visibility: 'private', card, thread: [] }), allowedMentions: NO_MENTIONS };
      try {
        if (deferred) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
        else await gate.ack(() => interaction.reply({ ...body, flags: MessageFlags.Ephemeral }));
      } catch (err) {
        log.warn('discord.fail.unsent', { error: err });
      }
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

/** The kind a custom id names, or null for ids this bot did not write. */
function kindOf(actionId: string): ButtonKind | null {
  const kind = actionId.startsWith(BUTTON_PREFIX) ? actionId.slice(BUTTON_PREFIX.length) : '';
  return (BUTTON_KINDS as readonly string[]).includes(kind) ? (kind as ButtonKind) : null;
}

/**
 * True when a button of `kind` may act on the message it came with. The list of subscriptions is
 * the only ephemeral message with buttons and results are public: a list button on a public
 * report would redraw the report as a list, so each kind acts only on its own kind of message.
 */
function fitsMessage(kind: ButtonKind | null, interaction: ClickInteraction): boolean {
  if (kind === null) return true;
  return onList(kind) === interaction.message.flags.has(MessageFlags.Ephemeral);
}

/** Answers a click that does not fit its message with one private sentence; nothing else changes. */
async function refuseMisplaced(kind: ButtonKind, conversation: Conversation, log: Logger): Promise<Outcome> {
  const e = misplaced(kind);
  log.info('button.refused', { detail: e.message });
  await conversation.answer(privateReply(errorCard(e))).catch((error: unknown) => log.warn('discord.reply.failed', { error }));
  return 'refused';
}

/** Handles one click; resolves with how it ended (a stale or foreign click is 'refused'). */
export async function handleClick(interaction: ButtonInteraction, deps: PipelineDeps, gate: AckGate, log: Logger): Promise<Outcome> {
  const { actionId, value } = splitCustomId(interaction.customId);
  const kind = kindOf(actionId);
  const conversation = discordClickConversation(interaction, kind, gate, log);
  if (kind !== null && !fitsMessage(kind, interaction)) return refuseMisplaced(kind, conversation, log);
  // Buttons on the list of subscriptions redraw the list in place.
  if (onList(kind)) return handleListClick(interaction, conversation, actionId, value, deps, gate, log);
  let raw;
  try {
    const read = readClick(actionId, value, conversation.actor);
    if (opensForm(read.click.kind)) {
      const opened = await openForm(read.click as Click & { kind: FormKind }, conversation.actor, deps);
      if ('refusal' in opened) {
        await conversation.answer(privateReply(opened.refusal));
        return 'refused';
      }
      await gate.ack(() => interaction.showModal(renderModal(opened.form, value)));
      return 'answered';
    }
    raw = read.raw;
  } catch (err) {
    const e = asQuadrantsError(err);
    log.info('button.refused', { detail: e.message });
    await conversation.answer(privateReply(errorCard(e))).catch((error: unknown) => log.warn('discord.reply.failed', { error }));
    return 'refused';
  }
  const input = raw;
  return runCommand(() => input, conversation, deps);
}

/** Handles a submitted form: bad answers get one ephemeral sentence; good ones run as a command. */
export async function handleForm(interaction: ModalMessageModalSubmitInteraction, deps: PipelineDeps, gate: AckGate, log: Logger): Promise<Outcome> {
  const { actionId, value } = splitCustomId(interaction.customId);
  const kind = actionId.slice(BUTTON_PREFIX.length) as FormKind;
  const conversation = discordClickConversation(interaction, null, gate, log);
  const formKind = kindOf(actionId);
  if (formKind !== null && !fitsMessage(formKind, interaction)) return refuseMisplaced(formKind, conversation, log);
  // Forms opened from the list of subscriptions (Edit) redraw the list in place.
  if (onList(kindOf(actionId))) return handleListForm(interaction, conversation, kind, value, deps, gate, log);
  let raw;
  try {
    if (!(kind in FORMS)) throw new QuadrantsError('BAD_INPUT', 'unknown form', { userMessage: 'That form is from an older version; click the button again.' });
    const fields: Record<string, string> = {};
    for (const f of FORMS[kind].fields) fields[f.id] = interaction.fields.fields.has(f.id) ? interaction.fields.getTextInputValue(f.id) : '';
    raw = formInput(kind, value, fields, conversation.actor);
    validate(raw);
  } catch (err) {
    const e = asQuadrantsError(err);
    log.info('form.refused', { detail: e.message });
    await conversation.answer(privateReply(errorCard(e))).catch((error: unknown) => log.warn('discord.reply.failed', { error }));
    return 'invalid';
  }
  const input = raw;
  return runCommand(() => input, conversation, deps);
}
