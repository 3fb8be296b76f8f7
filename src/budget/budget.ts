/**
 * Per-workspace monthly credit budgets (CREDITS_PER_WORKSPACE_PER_MONTH): each Slack workspace and
 * Discord server may spend so many TikLiveAPI credits per calendar month (UTC), commands and
 * digests together. Spending is kept in the Store, so every replica sees the same total.
 *
 * A command is refused when the budget has nothing left: its cost is only known once the API has
 * answered, so a command started with credits left may take the total slightly past the budget
 * (by at most one report's worth); the next one is then refused.
 */
import type { Store, WorkspaceRef } from '../store/types';

export interface BudgetStatus {
  /** null: no monthly limit. */
  limit: number | null;
  spent: number;
  /** null when unlimited; never below 0. */
  remaining: number | null;
  /** '2026-12' (UTC). */
  month: string;
  /** The first moment of the next month (UTC), when the budget resets. */
  resetsAt: Date;
}

/** '2026-12' for any time in December 2026, UTC. */
export function budgetMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Midnight UTC on the first day of the month after `at`. */
export function nextReset(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

export interface WorkspaceBudgetOptions {
  store: Store;
  /** Credits per workspace per month; null = unlimited (spending is still counted, for `usage`). */
  limit: number | null;
  now?: () => Date;
}

export class WorkspaceBudget {
  readonly limit: number | null;
  private readonly now: () => Date;

  constructor(private readonly options: WorkspaceBudgetOptions) {
    this.limit = options.limit;
    this.now = options.now ?? (() => new Date());
  }

  /** This month's spending and what is left. */
  async status(workspace: WorkspaceRef): Promise<BudgetStatus> {
    const at = this.now();
    const month = budgetMonth(at);
    const spent = await this.options.store.workspaceCredits(workspace, month);
    return this.describe(spent, month, at);
  }

  /** True when the workspace has nothing left this month. */
  async exhausted(workspace: WorkspaceRef): Promise<BudgetStatus | null> {
    if (this.limit === null) return null;
    const s = await this.status(workspace);
    return s.remaining !== null && s.remaining <= 0 ? s : null;
  }

  /** Adds credits spent (no-op for 0); returns the new status. */
  async record(workspace: WorkspaceRef, credits: number): Promise<BudgetStatus> {
    const at = this.now();
    const month = budgetMonth(at);
    if (credits <= 0) return this.status(workspace);
    const spent = await this.options.store.addWorkspaceCredits(workspace, month, credits, at);
    return this.describe(spent, month, at);
  }

  private describe(spent: number, month: string, at: Date): BudgetStatus {
    return {
      limit: this.limit,
      spent,
      remaining: this.limit === null ? null : Math.max(0, this.limit - spent),
      month,
      resetsAt: nextReset(at),
    };
  }
}
