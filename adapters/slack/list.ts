/**
 * The list of subscriptions redrawn where it lives (the App Home tab, an ephemeral
 * `/quadrants subscriptions`). A list click runs its command as the clicker through the pipeline;
 * then the list is run again for the same page, as the same person, and drawn with the turn's
 * answer (the change sentence, a refusal, an error) on top. Nothing else is said anywhere, except
 * the announcement the command itself posts in the digest's channel.
 */
import type { Card } from '../../src/chat/card';
import { runListTurn, type ListTurn } from '../../src/chat/list-turn';
import type { Outcome, PipelineDeps } from '../../src/chat/pipeline';
import type { Actor, Channels } from '../../src/chat/types';
import type { Logger } from '../../src/log';

export type { ListTurn } from '../../src/chat/list-turn';

export interface ListPlace {
  actor: Actor;
  /** Resolves the plain channel ids our values carry; posts the change announcement. */
  channels: Channels;
  /** Draws the cards (note first, then the list) where the list lives. Throws when the platform refused. */
  show(cards: Card[]): Promise<void>;
  log: Logger;
}

/**
 * Runs the turn (src/chat/list-turn.ts) and shows what it says where the list lives. Returns how
 * the turn's command ended and whether it changed a subscription. Never throws.
 */
export async function redrawList(place: ListPlace, turn: ListTurn, deps: PipelineDeps): Promise<{ outcome: Outcome; changed: boolean }> {
  const result = await runListTurn({ actor: place.actor, ...place.channels }, turn, deps);
  try {
    await place.show(result.cards);
  } catch (err) {
    // What the command did stands; only the redraw is lost.
    place.log.warn('slack.list_redraw_failed', { error: err });
  }
  return { outcome: result.outcome, changed: result.changed };
}
