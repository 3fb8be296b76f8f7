/**
 * What every /quadrants handler receives: the slash command, Bolt's client and respond, and
 * the shared dependencies. Handlers never see Socket Mode or HTTP: Bolt's receivers hide it.
 */
import type { AllMiddlewareArgs, RespondFn, SlashCommand } from '@slack/bolt';
import type { Command } from '../../../src/commands/types';
import type { Logger } from '../../../src/log';
import type { CommandRateLimiter } from '../../../src/ratelimit';
import type { QuadrantsService } from '../../../src/service';

/** Tracks work that shutdown must wait for (src/ops/inflight.ts `InFlight` fits). */
export interface WorkGate {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export type SubscriptionCommand = Extract<Command, { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' | 'digest' }>;

/**
 * Handles subscribe / unsubscribe / subscriptions / digest after the command has been
 * acknowledged; replies through `ctx.respond` or posts with `ctx.client`. Supplied by the digest wiring.
 */
export type SubscriptionCommandHandler = (command: SubscriptionCommand, ctx: CommandContext) => Promise<void>;

export interface SlackDeps {
  service: QuadrantsService;
  limiter: CommandRateLimiter;
  logger: Logger;
  inflight?: WorkGate;
  subscriptions?: SubscriptionCommandHandler;
}

export interface CommandContext {
  body: SlashCommand;
  client: AllMiddlewareArgs['client'];
  respond: RespondFn;
  deps: SlackDeps;
  /** Logger with team, channel and user ids attached. */
  log: Logger;
}
