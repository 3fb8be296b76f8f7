/**
 * Limits on spending, asked only for work that really calls TikLiveAPI (see src/budget/ledger.ts):
 * a command answered from the cache (a CSV or Refresh click on a fresh report) costs nothing, so it
 * neither uses up a rate-limit slot nor holds credits against the budget.
 *
 * - Rate limit: the pipeline takes the command's slot before acknowledging it; a command that never
 *   called the API gives it back. Someone already over the limit may still have an answer that
 *   costs nothing: `answerIfFree` runs report, compare and post with a gate that stops them at their
 *   first request, so only what would spend is refused (with the same private sentence as before).
 * - Budget: before the first request the command's worst-case cost is held in the store (atomically
 *   with the check, shared by every replica), and settled to what the API charged when it ends.
 */
import type { Logger } from '../log';
import type { CreditHold, WorkspaceBudget } from '../budget/budget';
import { CreditLedger, GateClosed, withLedger } from '../budget/ledger';
import type { CommandRateLimiter, LimitDecision } from '../ratelimit';
import { budgetSpentCard } from './cards/budget';
import type { Card, Reply } from './card';
import type { CommandName } from './commands';
import type { WorkspaceRef } from '../store/types';

/** A command stopped at its first request because the budget is spent: the card says so. */
export class SpendRefused extends GateClosed {
  readonly outcome = 'over-budget' as const;

  constructor(readonly card: Card) {
    super('monthly credit budget spent');
  }
}

/** Thrown by the dry run's gate: the command would call the API. */
class WouldSpend extends GateClosed {}

/** Commands whose run has no side effect before its first request, so they may be tried from the cache. */
const CACHE_ANSWERABLE: ReadonlySet<CommandName> = new Set(['report', 'compare', 'post']);

/**
 * The command's reply when it can be answered without calling the API (all its data is cached)
 * within `withinMs`, else null. Used for someone over the rate limit: what is free stays free.
 */
export async function answerIfFree(name: CommandName, run: () => Promise<Reply>, withinMs = 1000): Promise<Reply | null> {
  if (!CACHE_ANSWERABLE.has(name)) return null;
  const ledger = new CreditLedger(async () => {
    throw new WouldSpend('would call TikLiveAPI');
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), withinMs);
  });
  const tried = withLedger(ledger, run).then(
    (reply) => (ledger.calledApi || ledger.spent > 0 ? null : reply),
    () => null,
  );
  try {
    return await Promise.race([tried, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface SpendGateInput {
  /** The rate-limit slot taken before acknowledging; undefined when the command is not limited. */
  decision: LimitDecision | undefined;
  limiter: CommandRateLimiter | null;
  team: string;
  user: string;
  budget: WorkspaceBudget | null | undefined;
  workspace: WorkspaceRef | null;
  /** The command's worst-case cost in credits. */
  worstCase: number;
  place: string;
  log: Logger;
}

/** A ledger whose gate holds the budget, and `finish` to settle once the command is done. `finish` never throws. */
export function spendGate(input: SpendGateInput): { ledger: CreditLedger; finish: () => Promise<void> } {
  let hold: CreditHold | undefined;
  let refused = false;
  const gate = async (): Promise<void> => {
    if (!input.budget || !input.workspace) return;
    const r = await input.budget.hold(input.workspace, input.worstCase);
    if (!r.held) {
      refused = true;
      input.log.info('command.over_budget', { spent: r.status.spent, limit: r.status.limit, resetsAt: r.status.resetsAt.toISOString() });
      throw new SpendRefused(budgetSpentCard(r.status, input.place));
    }
    hold = r.hold;
  };
  const ledger = new CreditLedger(gate);
  const finish = async (): Promise<void> => {
    // A hold still being taken when the command failed elsewhere must be settled too.
    await ledger.gateAnswered();
    // A command that never reached the API (or was stopped at its gate) gives its rate-limit slot back: it spent nothing.
    if ((!ledger.calledApi || refused) && input.decision?.allowed) input.limiter?.refund(input.team, input.user);
    const failed = (err: unknown) => input.log.error('command.credits_not_recorded', { credits: ledger.spent, error: err });
    if (hold) await hold.settle(ledger.spent).catch(failed);
    else if (ledger.spent > 0 && input.budget && input.workspace) await input.budget.record(input.workspace, ledger.spent).catch(failed);
  };
  return { ledger, finish };
}
