/**
 * The contracts between the pipeline, the command table and the surfaces.
 */
import type { WorkspaceBudget } from '../budget/budget';
import type { SubscriptionService } from '../digest/subscriptions';
import type { SnapshotBook } from '../trend/trend';
import type { QuadrantsService } from '../service';
import type { Card, Reply, Visibility } from './card';
import type { Inline } from './inline';
import { isPlatform, type Platform } from '../platforms';
import type { Surface } from './surfaces';

/** The Store workspace of an actor: its Slack team or Discord server; null on the command line. */
export function workspaceOf(actor: Actor): { platform: Platform; workspaceId: string } | null {
  return isPlatform(actor.surface) ? { platform: actor.surface, workspaceId: actor.workspaceId } : null;
}

/** Who is asking, and where. */
export interface Actor {
  surface: Surface;
  /** Slack team id, Discord guild id; the machine for the CLI. */
  workspaceId: string;
  /** Where the command was typed (the reply goes there). */
  channelId: string;
  userId: string;
  /** May change subscriptions here: Discord's Manage Channels, Slack's configured managers. */
  canManage: boolean;
}

/** What a command may ask of the surface besides answering. */
export interface Channels {
  /** A channel argument as the surface delivered it → a channel id of this workspace. Throws BAD_INPUT. */
  resolve(ref: string | null): Promise<string>;
  /** Posts a card in another channel of the same workspace, and says how that went. */
  post(channelId: string, card: Card): Promise<Announcement>;
}

/**
 * How posting in a channel went. `noAccess` when the platform said the bot may not post there (not
 * a member; no permission to see it or send in it), as the short reason a digest failure there
 * would record; null for any other failure (the platform down, a rate limit), which a later
 * digest may well get past.
 */
export type Announcement = { posted: true } | { posted: false; noAccess: string | null };

/** What commands run against. */
export interface ChatDeps {
  service: QuadrantsService;
  /** Null when digests are not set up on this bot. */
  subscriptions: SubscriptionService | null;
  /** Monthly credits per workspace (needs the store); absent or null: not counted, never refused. */
  budget?: WorkspaceBudget | null;
  /** Creator snapshots for `trend` (the store); absent or null: reports keep none and trend finds none. */
  snapshots?: SnapshotBook | null;
  /** The clock snapshots are filed under; default the real time. */
  now?: () => Date;
}

export interface RunContext extends ChatDeps {
  actor: Actor;
  channels: Channels;
}

/**
 * One conversation turn on one surface. The pipeline calls `answer` alone (refusals, help), or
 * `acknowledge` then `deliver` or `fail`. Surfaces never decide policy or wording.
 */
export interface Conversation extends Channels {
  actor: Actor;
  /** Answers at once, privately, and ends the turn (nothing else follows). */
  answer(reply: Reply): Promise<void>;
  /** Acknowledges within the platform's deadline; `working` is shown only to the requester. */
  acknowledge(visibility: Visibility, working: Inline | null): Promise<void>;
  /** Delivers the reply after `acknowledge`. Throws a QuadrantsError when the platform refused it. */
  deliver(reply: Reply): Promise<void>;
  /** Tells only the requester that the turn failed, after `acknowledge`. Never throws. */
  fail(card: Card): Promise<void>;
}
