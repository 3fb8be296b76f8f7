/**
 * Clicks on the list of subscriptions (`/quadrants subscriptions`, an ephemeral message) and the
 * Edit form they open. A click is acknowledged without a new message (deferUpdate), runs its
 * command through the pipeline as the member who clicked, and the list is then redrawn in place
 * (editReply on the list message): what the click did on top (the change, a refusal, an error),
 * then the list as the `subscriptions` command reads it now, for the page the button sat on.
 * Nothing is posted in the channel but the announcement the command itself posts.
 */
import type { ButtonInteraction, ModalMessageModalSubmitInteraction } from 'discord.js';
import { BUTTON_PREFIX, decodeClick, opensForm, pageOf, readClick, type Click } from '../../src/chat/buttons';
import type { Card, Reply } from '../../src/chat/card';
import type { RawInput } from '../../src/chat/commands';
import { formInput, FORMS, openForm, type FormKind } from '../../src/chat/forms';
import { errorCard, runCommand, type Outcome, type PipelineDeps } from '../../src/chat/pipeline';
import type { Conversation } from '../../src/chat/types';
import { asQuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import type { AckGate } from './ack-gate';
import { NO_MENTIONS } from './channels';
import { renderModal } from './modal';
import { renderListRedraw } from './render';

type ListInteraction = ButtonInteraction | ModalMessageModalSubmitInteraction;

/** What one turn said: the reply it delivered, or the card it answered or failed with. */
interface Captured {
  conversation: Conversation;
  delivered(): Reply | null;
  card(): Card | null;
}

/**
 * A conversation that keeps what the pipeline says instead of sending it: the click is already
 * acknowledged, and what the turn said is drawn on the list. Channels are the click's own.
 */
function capture(base: Conversation): Captured {
  let delivered: Reply | null = null;
  let card: Card | null = null;
  return {
    conversation: {
      actor: base.actor,
      resolve: (ref) => base.resolve(ref),
      post: (channelId, c) => base.post(channelId, c),
      async answer(reply) {
        card = reply.card;
      },
      async acknowledge() {},
      async deliver(reply) {
        delivered = reply;
        card = reply.card;
      },
      async fail(c) {
        card = c;
      },
    },
    delivered: () => delivered,
    card: () => card,
  };
}

/** Runs one command as the clicker and keeps what it said. */
async function run(raw: RawInput, base: Conversation, deps: PipelineDeps): Promise<{ outcome: Outcome; said: Captured }> {
  const said = capture(base);
  const outcome = await runCommand(() => raw, said.conversation, deps);
  return { outcome, said };
}

/** The list page as the `subscriptions` command reads it for the same member: the list card, or the card saying why not. */
async function readList(page: number, base: Conversation, deps: PipelineDeps): Promise<{ list: Card | null; problem: Card | null }> {
  const { said } = await run({ command: 'subscriptions', page: String(page) }, base, deps);
  const list = said.delivered()?.card ?? null;
  return { list, problem: list ? null : said.card() };
}

/** Redraws the list message: `note` on top, then the page as it is now (`list` when the turn already read it). */
async function redraw(interaction: ListInteraction, note: Card | null, page: number, base: Conversation, deps: PipelineDeps, log: Logger, list: Card | null = null): Promise<void> {
  const now = list ? { list, problem: null } : await readList(page, base, deps);
  const top = now.problem && note ? note : (note ?? now.problem);
  const body = now.problem && note ? renderListRedraw(note, now.problem) : renderListRedraw(top, now.list);
  try {
    await interaction.editReply({ ...body, allowedMentions: NO_MENTIONS });
  } catch (err) {
    log.warn('discord.list.redraw_failed', { error: err });
  }
}

/** The page a list button or form came from; the first page when its value cannot be read. */
function pageFrom(actionId: string, value: string): number {
  try {
    return pageOf(decodeClick(actionId, value));
  } catch {
    return 0;
  }
}

async function deferUpdate(interaction: ListInteraction, gate: AckGate, log: Logger): Promise<boolean> {
  try {
    await gate.ack(() => interaction.deferUpdate());
    return true;
  } catch (err) {
    log.error('discord.list.ack_failed', { error: err });
    return false;
  }
}

/** Runs a list click's command and redraws the list with what it said on top. */
async function runAndRedraw(interaction: ListInteraction, raw: RawInput, page: number, base: Conversation, deps: PipelineDeps, log: Logger): Promise<Outcome> {
  const { outcome, said } = await run(raw, base, deps);
  // A page click's answer is the list itself: nothing to put on top of it.
  const list = raw.command === 'subscriptions' ? (said.delivered()?.card ?? null) : null;
  await redraw(interaction, list ? null : said.card(), page, base, deps, log, list);
  return outcome;
}

/**
 * A click on the list: Pause, Resume, Unsubscribe and paging run at once; Edit opens its form
 * filled with the stored schedule. Stale, foreign and refused clicks redraw the list with their
 * one sentence on top and change nothing.
 */
export async function handleListClick(interaction: ButtonInteraction, base: Conversation, actionId: string, value: string, deps: PipelineDeps, gate: AckGate, log: Logger): Promise<Outcome> {
  let read: { click: Click; raw: RawInput };
  let note: Card;
  try {
    read = readClick(actionId, value, base.actor);
    if (!opensForm(read.click.kind)) {
      if (!(await deferUpdate(interaction, gate, log))) return 'failed';
      return await runAndRedraw(interaction, read.raw, pageOf(read.click), base, deps, log);
    }
    // Edit (and New, which Discord does not offer): the form, or why not.
    const opened = await openForm(read.click as Click & { kind: FormKind }, base.actor, deps);
    if ('form' in opened) {
      await gate.ack(() => interaction.showModal(renderModal(opened.form, value)));
      return 'answered';
    }
    note = opened.refusal;
  } catch (err) {
    const e = asQuadrantsError(err);
    log.info('button.refused', { detail: e.message });
    note = errorCard(e);
  }
  if (!(await deferUpdate(interaction, gate, log))) return 'failed';
  await redraw(interaction, note, pageFrom(actionId, value), base, deps, log);
  return 'refused';
}

/** A submitted Edit form: the subscription changed as `subscribe` would, and the list redrawn with the answer on top. */
export async function handleListForm(interaction: ModalMessageModalSubmitInteraction, base: Conversation, kind: FormKind, value: string, deps: PipelineDeps, gate: AckGate, log: Logger): Promise<Outcome> {
  if (!(await deferUpdate(interaction, gate, log))) return 'failed';
  const page = pageFrom(`${BUTTON_PREFIX}${kind}`, value);
  let raw: RawInput;
  try {
    const fields: Record<string, string> = {};
    for (const f of FORMS[kind].fields) fields[f.id] = interaction.fields.fields.has(f.id) ? interaction.fields.getTextInputValue(f.id) : '';
    raw = formInput(kind, value, fields, base.actor);
  } catch (err) {
    const e = asQuadrantsError(err);
    log.info('form.refused', { detail: e.message });
    await redraw(interaction, errorCard(e), page, base, deps, log);
    return 'invalid';
  }
  return runAndRedraw(interaction, raw, page, base, deps, log);
}
