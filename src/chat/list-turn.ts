/**
 * A turn on the list of subscriptions (Slack's App Home, `/quadrants subscriptions` on either
 * platform): the click's or form's command runs through the pipeline as the person who acted,
 * then the list is read again for the same page, as the same person. What comes back is what to
 * draw where the list lives: what the turn said on top (the change, a refusal, an error), then
 * the list as it is now. Surfaces only draw the cards; nothing here is said anywhere else,
 * except the announcement the command itself posts in the digest's channel.
 */
import type { Card, Reply } from './card';
import type { RawInput } from './commands';
import { runCommand, type Outcome, type PipelineDeps } from './pipeline';
import type { Channels, Conversation } from './types';

export interface ListTurn {
  /** The command the click or form runs; absent when there is only a note to show. */
  raw?: RawInput;
  /** A sentence to show on top without running anything (a stale click, a refused form). */
  note?: Card;
  page: number;
}

export interface ListTurnResult {
  /** The note cards first, then the list (or the card saying why it could not be read). */
  cards: Card[];
  /** The list card, when it could be read (its buttons are the ones to draw). */
  list: Card | null;
  /** How the turn's own command ended (the list's, for a page turn). */
  outcome: Outcome;
}

/** A conversation that keeps what a turn says instead of saying it: the list is drawn afterwards. */
function capture(who: Pick<Conversation, 'actor'> & Channels) {
  let said: Card[] = [];
  let delivered: Reply | null = null;
  const conversation: Conversation = {
    actor: who.actor,
    resolve: (ref) => who.resolve(ref),
    post: (channelId, card) => who.post(channelId, card),
    async answer(reply) {
      said = [reply.card, ...reply.thread];
    },
    async acknowledge() {},
    async deliver(reply) {
      delivered = reply;
      said = [reply.card, ...reply.thread];
    },
    async fail(card) {
      said = [card];
    },
  };
  return { conversation, said: () => said, delivered: () => delivered as Reply | null };
}

/** Runs the turn's command (if any), then the list for `turn.page`. Never throws. */
export async function runListTurn(who: Pick<Conversation, 'actor'> & Channels, turn: ListTurn, deps: PipelineDeps): Promise<ListTurnResult> {
  let notes: Card[] = turn.note ? [turn.note] : [];
  let outcome: Outcome = turn.note ? 'refused' : 'answered';
  const command = turn.raw?.command ?? null;
  if (turn.raw && command !== 'subscriptions') {
    const raw = turn.raw;
    const first = capture(who);
    outcome = await runCommand(() => raw, first.conversation, deps);
    notes = first.said();
  }
  const listed = capture(who);
  const listOutcome = await runCommand(() => ({ command: 'subscriptions', page: String(turn.page) }), listed.conversation, deps);
  if (command === 'subscriptions') outcome = listOutcome;
  const list = listed.delivered()?.card ?? null;
  return {
    cards: [...notes, ...listed.said()],
    list,
    outcome,
  };
}
