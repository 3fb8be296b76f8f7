/**
 * The one pipeline every surface runs a command through:
 * parse → check policy (permission, rate limit, spent budget) → acknowledge → run (a budget hold is
 * taken at the first API request, see ./spend-gate.ts) → reply.
 * One error path: whatever fails becomes one QuadrantsError, is logged once here with its cause
 * and stack, and reaches only the person who asked.
 */
import { SHUTTING_DOWN_MESSAGE, type OnAbandon } from './shutdown';
import { asQuadrantsError, QuadrantsError } from '../errors';
import type { Logger } from '../log';
import type { CommandRateLimiter } from '../ratelimit';
import { validate } from './parse';
import { privateReply, sentenceCard, type Card, type Reply } from './card';
import { COMMANDS, helpFor, offers, type RawInput } from './commands';
import { say, words } from './inline';
import { SURFACES } from './surfaces';
import { workspaceOf, type ChatDeps, type Conversation } from './types';
import { withLedger } from '../budget/ledger';
import { budgetSpentCard } from './cards/budget';
import { answerIfFree, SpendRefused, spendGate } from './spend-gate';

/** What a surface needs from the process's work tracker (src/ops/inflight.ts InFlight fits). */
export interface WorkTracker {
  run<T>(work: () => Promise<T>): Promise<T>;
  onAbandon: OnAbandon;
}

/** Pipeline dependencies from a surface's options: the tracker's two halves, when there is one. */
export function trackedBy(tracker: WorkTracker | undefined): Pick<PipelineDeps, 'track' | 'onAbandon'> {
  return tracker ? { track: (work) => tracker.run(work), onAbandon: tracker.onAbandon } : {};
}

export interface PipelineDeps extends ChatDeps {
  /** Per-user and per-workspace limits for commands that spend credits; null on surfaces without limits. */
  limiter: CommandRateLimiter | null;
  logger: Logger;
  /** Lets shutdown wait for commands being answered. */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Lets shutdown tell a command it must abandon that the bot is restarting (see InFlight). */
  onAbandon?: OnAbandon;
}

/** How one turn ended (logs, tests, benches). */
export type Outcome = 'answered' | 'invalid' | 'refused' | 'rate-limited' | 'over-budget' | 'delivered' | 'failed';

/** The card for a failure: its one sentence. Bad input is followed by how to get help. */
export function errorCard(err: QuadrantsError): Card {
  return sentenceCard(words(err.userMessage), 'warning');
}

function rateLimitCard(scope: 'user' | 'team' | undefined, retryAfterMs: number, place: string): Card {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const who = scope === 'team' ? `This ${place} has` : 'You have';
  return sentenceCard(words(`${who} run a lot of reports in the last minute; try again in ${seconds} s so the team's API credits last.`), 'warning');
}

export function permissionCard(rule: Card['summary']): Card {
  return sentenceCard(say`Changing digest subscriptions needs ${rule}.`, 'warning');
}

/** Runs one command from any surface. Never throws. */
export async function runCommand(parse: () => RawInput, conversation: Conversation, deps: PipelineDeps): Promise<Outcome> {
  const { actor } = conversation;
  const surface = SURFACES[actor.surface];
  const log = deps.logger.child({ surface: actor.surface, workspace: actor.workspaceId, channel: actor.channelId, user: actor.userId });
  let raw: RawInput;
  let input: unknown;
  try {
    raw = parse();
    if (!offers(actor.surface, raw.command)) {
      throw new QuadrantsError('BAD_INPUT', `${raw.command} not offered on ${actor.surface}`, { userMessage: `${raw.command} needs a chat channel; run it in Slack or Discord.` });
    }
    input = validate(raw);
  } catch (err) {
    const e = asQuadrantsError(err);
    if (e.code !== 'BAD_INPUT') log.error('command.parse_crashed', { error: err });
    return answer(conversation, { visibility: 'private', card: errorCard(e), thread: [help(actor.surface)] }, 'invalid', log);
  }
  const spec = COMMANDS[raw.command];
  const logged = log.child({ command: raw.command });

  if (spec.permission === 'manage' && !actor.canManage) return answer(conversation, privateReply(permissionCard(surface.managerRule)), 'refused', logged);
  // A slot is given back by a command that never calls the API; over the limit, only an answer
  // that costs nothing (all cached) is still given: see ./spend-gate.ts.
  const decision = spec.cost === 'credits' && surface.rateLimited && deps.limiter ? deps.limiter.take(actor.workspaceId, actor.userId) : undefined;
  let ready: Reply | null = null;
  if (decision && !decision.allowed) {
    ready = await answerIfFree(raw.command, () => spec.run(input as never, { ...deps, actor, channels: conversation }));
    if (!ready) {
      logged.info('command.rate_limited', { scope: decision.scope, retryAfterMs: decision.retryAfterMs });
      return answer(conversation, privateReply(rateLimitCard(decision.scope, decision.retryAfterMs, surface.place)), 'rate-limited', logged);
    }
  }
  const workspace = workspaceOf(actor);
  if (spec.cost === 'credits' && !ready && deps.budget && workspace) {
    try {
      const spent = await deps.budget.exhausted(workspace);
      if (spent) {
        // Nothing left to spend, and nothing spent here: the slot goes back; an answer the cache can give is still given.
        if (decision?.allowed) deps.limiter?.refund(actor.workspaceId, actor.userId);
        ready = await answerIfFree(raw.command, () => spec.run(input as never, { ...deps, actor, channels: conversation }));
        if (!ready) {
          logged.info('command.over_budget', { spent: spent.spent, limit: spent.limit, resetsAt: spent.resetsAt.toISOString() });
          return answer(conversation, privateReply(budgetSpentCard(spent, surface.place)), 'over-budget', logged);
        }
      }
    } catch (err) {
      const e = asQuadrantsError(err);
      logged.error('command.budget_failed', { code: e.code, error: err });
      return answer(conversation, privateReply(errorCard(e)), 'failed', logged);
    }
  }
  if (spec.immediate) {
    const reply = await spec.run(input as never, { ...deps, actor, channels: conversation }).catch((err: unknown) => {
      logged.error('command.failed', { error: err });
      return privateReply(errorCard(asQuadrantsError(err)));
    });
    return answer(conversation, reply, 'answered', logged);
  }

  const work = async (): Promise<Outcome> => {
    try {
      await conversation.acknowledge(spec.visibility, spec.working(input as never));
    } catch (err) {
      // Nobody can be told: the platform did not take the acknowledgement.
      logged.error('command.ack_failed', { error: err });
      return 'failed';
    }
    const started = performance.now();
    // Shutdown may cut this turn off: then the requester hears that once, and nothing after it.
    let abandoned = false;
    const forget = deps.onAbandon?.(async () => {
      abandoned = true;
      logged.warn('command.abandoned', { ms: Math.round(performance.now() - started) });
      await conversation.fail(sentenceCard(words(SHUTTING_DOWN_MESSAGE), 'warning'));
    });
    const { ledger, finish } = spendGate({
      decision,
      limiter: deps.limiter,
      team: actor.workspaceId,
      user: actor.userId,
      budget: spec.cost === 'credits' ? deps.budget : undefined,
      workspace,
      worstCase: spec.worstCase(input as never),
      place: surface.place,
      log: logged,
    });
    try {
      const reply = ready ?? (await withLedger(ledger, () => spec.run(input as never, { ...deps, actor, channels: conversation })).finally(finish));
      if (abandoned) return 'failed';
      await conversation.deliver(reply);
      logged.info('command.delivered', { ms: Math.round(performance.now() - started) });
      return 'delivered';
    } catch (err) {
      if (abandoned) return 'failed';
      if (err instanceof SpendRefused) {
        await conversation.fail(err.card);
        return err.outcome;
      }
      const e = asQuadrantsError(err);
      const level = e.code === 'INTERNAL' || e.code === 'CONFIG' ? 'error' : 'warn';
      logged[level]('command.failed', { code: e.code, detail: e.message, error: err, ms: Math.round(performance.now() - started) });
      await conversation.fail(errorCard(e));
      // Bad input found while running (a channel of another server, say) is a refusal, not a failure.
      return e.code === 'BAD_INPUT' ? 'refused' : 'failed';
    } finally {
      forget?.();
    }
  };
  return deps.track ? deps.track(work) : work();
}

/** The help card as a follow-up to a refused input. */
function help(surface: Conversation['actor']['surface']): Card {
  return helpFor(surface);
}

async function answer(conversation: Conversation, reply: Parameters<Conversation['answer']>[0], outcome: Outcome, log: Logger): Promise<Outcome> {
  try {
    await conversation.answer(reply);
    return outcome;
  } catch (err) {
    log.error('command.answer_failed', { error: err });
    return 'failed';
  }
}
