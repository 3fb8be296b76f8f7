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
import type { Card } from '../../src/chat/card';
import type { RawInput } from '../../src/chat/commands';
import { formInput, FORMS, openForm, type FormKind } from '../../src/chat/forms';
import { runListTurn, type ListTurn } from '../../src/chat/list-turn';
import { errorCard, type Outcome, type PipelineDeps } from '../../src/chat/pipeline';
import type { Conversation } from '../../src/chat/types';
import { asQuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import type { AckGate } from '../../src/chat/ack-gate';
import { NO_MENTIONS } from './channels';
import { renderModal } from './modal';
import { renderListRedraw } from './render';

type ListInteraction = ButtonInteraction | ModalMessageModalSubmitInteraction;

/**
 * Runs the turn (src/chat/list-turn.ts) and redraws the list message with what it says: the
 * turn's answer on top, then the page as it is now, with its buttons.
 */
async function redraw(interaction: ListInteraction, turn: ListTurn, base: Conversation, deps: PipelineDeps, log: Logger): Promise<Outcome> {
  const result = await runListTurn(base, turn, deps);
  try {
    await interaction.editReply({ ...renderListRedraw(result.cards, result.list), allowedMentions: NO_MENTIONS });
  } catch (err) {
    log.warn('discord.list.redraw_failed', { error: err });
  }
  return result.outcome;
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
      return await redraw(interaction, { raw: read.raw, page: pageOf(read.click) }, base, deps, log);
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
  return redraw(interaction, { note, page: pageFrom(actionId, value) }, base, deps, log);
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
    await redraw(interaction, { note: errorCard(e), page }, base, deps, log);
    return 'invalid';
  }
  return redraw(interaction, { raw, page }, base, deps, log);
}
