/**
 * Per-workspace monthly credit budgets (CREDITS_PER_WORKSPACE_PER_MONTH): each Slack workspace and
 * Discord server may spend so many TikLiveAPI credits per calendar month (UTC), commands and
 * digests together. Spending is kept in the Store, so every replica sees the same total.
 *
 * A command is refused when the budget has nothing left. Its cost is only known once the API has
 * answered, so before its first request a command holds its worst-case cost in the store (`hold`),
 * atomically with the check: while it runs, others see the held credits as spent. Once it is done
 * the hold settles to what the API charged. A hold is taken while spending plus holds is below the
 * limit, so the month goes over by at most one command's cost, however many arrive at once.
 * A process that dies mid-command never settles: its hold expires after `holdMs`.
 *
 * That check runs before the interaction is acknowledged, so it must not cost a store round trip per
 * command: on PostgreSQL a burst of 200 clicks in one server queued 200 reads on the pool and added
 * ~40 ms to the last acknowledgement. A workspace's spending, once read, answers its checks for
 * `freshMs`; concurrent checks share one read; spending charged by this process counts at once,
 * spending by other replicas within `freshMs`.
 */
import { randomUUID } from 'node:crypto';
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
  /** How long a read of a workspace's spending answers the check before each command, in ms. Default 1000. */
  freshMs?: number;
  /** How long a hold lasts when its command never settles it (a crash), in ms. Default 15 minutes. */
  holdMs?: number;
}

/** Credits held for one running command; settle it exactly once, with what the API charged. */
export interface CreditHold {
  settle(charged: number): Promise<BudgetStatus>;
}

export type HoldResult = { held: true; hold: CreditHold } | { held: false; status: BudgetStatus };

/** A workspace's spending this month as last read or written here; the promise is shared while the read is in flight. */
interface Reading {
  month: string;
  at: number;
  spent: Promise<number>;
}

const keyOf = (w: WorkspaceRef) => `${w.platform}:${w.workspaceId}`;

export class WorkspaceBudget {
  readonly limit: number | null;
  private readonly now: () => Date;
  private readonly freshMs: number;
  private readonly readings = new Map<string, Reading>();

  constructor(private readonly options: WorkspaceBudgetOptions) {
    this.limit = options.limit;
    this.now = options.now ?? (() => new Date());
    this.freshMs = options.freshMs ?? 1000;
  }

  /** The month's spending and what is left, at `at` (default now: a digest run passes its own clock). */
  async status(workspace: WorkspaceRef, at: Date = this.now()): Promise<BudgetStatus> {
    const month = budgetMonth(at);
    const spent = await this.options.store.workspaceCredits(workspace, month);
    return this.describe(spent, month, at);
  }

  /**
   * The status when the workspace has nothing left in the month of `at` (default now; `digest list`
   * passes its own time), else null. Answered from a recent reading (see the top).
   */
  async exhausted(workspace: WorkspaceRef, at: Date = this.now()): Promise<BudgetStatus | null> {
    if (this.limit === null) return null;
    const month = budgetMonth(at);
    const s = this.describe(await this.recentSpent(workspace, month, at), month, at);
    return s.remaining !== null && s.remaining <= 0 ? s : null;
  }

  /**
   * Holds `credits` (the command's worst case) for `workspace` in the month of `at` (default now)
   * unless spending plus other holds already reaches the limit; then returns the status to refuse
   * with (remaining 0).
   */
  async hold(workspace: WorkspaceRef, credits: number, at: Date = this.now()): Promise<HoldResult> {
    const month = budgetMonth(at);
    const id = randomUUID();
    const expiresAt = new Date(at.getTime() + (this.options.holdMs ?? 15 * 60_000));
    const r = await this.options.store.holdWorkspaceCredits({ id, workspace, month, credits: Math.max(0, credits), limit: this.limit, at, expiresAt });
    if (!r.held) {
      const s = this.describe(r.spent, month, at);
      // Held credits count as spent for the refusal: nothing is left for this command.
      return { held: false, status: { ...s, remaining: 0 } };
    }
    let settled = false;
    return {
      held: true,
      hold: {
        settle: async (charged: number) => {
          if (settled) throw new Error('a credit hold was settled twice');
          settled = true;
          const when = this.now();
          const spent = await this.options.store.settleWorkspaceCredits(id, workspace, month, charged, when);
          this.readings.set(keyOf(workspace), { month, at: when.getTime(), spent: Promise.resolve(spent) });
          return this.describe(spent, month, when);
        },
      },
    };
  }

  /** Adds credits spent (no-op for 0) to the month of `at` (default now); returns the new status. */
  async record(workspace: WorkspaceRef, credits: number, at: Date = this.now()): Promise<BudgetStatus> {
    const month = budgetMonth(at);
    if (credits <= 0) return this.status(workspace, at);
    const spent = await this.options.store.addWorkspaceCredits(workspace, month, credits, at);
    // The store's total after this charge, other replicas' included: the freshest reading there is.
    this.readings.set(keyOf(workspace), { month, at: at.getTime(), spent: Promise.resolve(spent) });
    return this.describe(spent, month, at);
  }

  /** The month's spending from a reading younger than freshMs, else from one store read shared by every check waiting for it. */
  private recentSpent(workspace: WorkspaceRef, month: string, at: Date): Promise<number> {
    const key = keyOf(workspace);
    const last = this.readings.get(key);
    if (last && last.month === month && at.getTime() - last.at < this.freshMs) return last.spent;
    if (this.readings.size > 10_000) this.forgetStale(at.getTime());
    const reading: Reading = { month, at: at.getTime(), spent: this.options.store.workspaceCredits(workspace, month) };
    this.readings.set(key, reading);
    // A failed read is not kept: the next check asks the store again.
    reading.spent.catch(() => {
      if (this.readings.get(key) === reading) this.readings.delete(key);
    });
    return reading.spent;
  }

  private forgetStale(now: number): void {
    for (const [key, r] of this.readings) if (now - r.at >= this.freshMs) this.readings.delete(key);
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
