/**
 * The list of subscriptions redrawn where it lives (the App Home tab, an ephemeral
 * `/quadrants subscriptions`). A list click runs its command as the clicker through the pipeline;
 * then the list is run again for the same page, as the same person, and drawn with the turn's
 * answer (the change sentence, a refusal, an error) on top. Nothing else is said anywhere, except
 * the announcement the command itself posts in the digest's channel.
 */
import type { Card, Reply } from '../../src/chat/card';
import type { RawInput } from '../../src/chat/commands';
import { runCommand, type Outcome, type PipelineDeps } from '../../src/chat/pipeline';
import type { Actor, Channels, Conversation } from '../../src/chat/types';
import type { Logger } from '../../src/log';

/** Commands that change a subscription: after one succeeds, the person's App Home is redrawn. */
export const CHANGES: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe', 'pause', 'resume']);

export interface ListPlace {
  actor: Actor;
  /** Resolves the plain channel ids our values carry; posts the change announcement. */
  channels: Channels;
  /** Draws the cards (note first, then the list) where the list lives. Throws when the platform refused. */
  show(cards: Card[]): Promise<void>;
  log: Logger;
}

export interface ListTurn {
  /** The command the click or form runs; absent when there is only a note to show. */
  raw?: RawInput;
  /** A sentence to show on top without running anything (a stale click, a refused form). */
  note?: Card;
  page: number;
}

/** A conversation that keeps what the turn says instead of saying it. */
function capture(place: ListPlace): { conversation: Conversation; cards: () => Card[] } {
  let kept: Card[] = [];
  const keep = async (reply: Reply) => {
    kept = [reply.card, ...reply.thread];
  };
  return {
    conversation: {
      actor: place.actor,
      resolve: (ref) => place.channels.resolve(ref),
      post: (channelId, card) => place.channels.post(channelId, card),
      answer: keep,
      async acknowledge() {},
      deliver: keep,
      async fail(card) {
        kept = [card];
      },
    },
    cards: () => kept,
  };
}

/**
 * Runs the turn's command (if any), then the list for `turn.page`, and shows both. Returns the
 * outcome of the turn's own command (the list's when the turn is a page click). Never throws.
 */
export async function redrawList(place: ListPlace, turn: ListTurn, deps: PipelineDeps): Promise<{ outcome: Outcome; command: string | null }> {
  let notes: Card[] = turn.note ? [turn.note] : [];
  let outcome: Outcome = turn.note ? 'refused' : 'answered';
  const command = turn.raw?.command ?? null;
  if (turn.raw && command !== 'subscriptions') {
    const raw = turn.raw;
    const first = capture(place);
    outcome = await runCommand(() => raw, first.conversation, deps);
    notes = first.cards();
  }
  const list = capture(place);
  const listed = await runCommand(() => ({ command: 'subscriptions', page: String(turn.page) }), list.conversation, deps);
  if (command === 'subscriptions') outcome = listed;
  try {
    await place.show([...notes, ...list.cards()]);
  } catch (err) {
    // What the command did stands; only the redraw is lost.
    place.log.warn('slack.list_redraw_failed', { error: err });
  }
  return { outcome, command };
}

/** True when a turn changed a subscription (its command is a change and it delivered). */
export function changed(command: string | null, outcome: Outcome): boolean {
  return command !== null && CHANGES.has(command) && outcome === 'delivered';
}
