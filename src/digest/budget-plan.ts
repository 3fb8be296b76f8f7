/**
 * A digest pass against the monthly credit budgets. Before anything is fetched, each creator fetch
 * (a group of subscriptions sharing one window) holds its planned cost in the store for the
 * workspace that pays for it, the same atomic hold commands take (src/budget/budget.ts), so a pass
 * on one replica, a pass on another and a burst of commands together go over by at most one
 * fetch. The hold settles to what the fetch was charged once the group is done. Subscriptions of a
 * workspace with nothing left are recorded 'over-budget', announced once in their channel and left
 * unclaimed, so they are due again once the budget resets.
 */
import type { BudgetStatus, CreditHold } from '../budget/budget';
import { heldBackCard } from '../chat/cards/budget';
import { SURFACES } from '../chat/surfaces';
import type { Subscription, WorkspaceRef } from '../store/types';
import type { DigestRunContext } from './context';

export interface DueItem {
  sub: Subscription;
  period: string;
}

/** A group cleared to fetch, with the hold of the workspace paying for the fetch (none without a limit). */
export interface PlannedGroup {
  items: DueItem[];
  payer?: { workspace: WorkspaceRef; hold: CreditHold };
}

/** Credits one digest fetch is planned at: one /user-posts/ page (a digest's creator id is known). */
const PLANNED_CREDITS_PER_FETCH = 1;

const workspaceOf = (sub: WorkspaceRef): WorkspaceRef => ({ platform: sub.platform, workspaceId: sub.workspaceId });

/**
 * Plans the pass by the run's clock (`digest run --at` plans the month it runs in): a group goes
 * ahead when one of its subscriptions' workspaces can hold the fetch; that one pays, and the
 * others share the fetch if their own workspace has credits left.
 */
export async function planBudget(ctx: DigestRunContext, groups: DueItem[][]): Promise<PlannedGroup[]> {
  const budget = ctx.budget;
  if (!budget || budget.limit === null) return groups.map((items) => ({ items }));
  const at = ctx.clock.now();
  const planned: PlannedGroup[] = [];
  for (const group of groups) {
    const kept: DueItem[] = [];
    let payer: PlannedGroup['payer'];
    for (const item of group) {
      const workspace = workspaceOf(item.sub);
      let refusal: BudgetStatus | null;
      if (!payer) {
        const r = await budget.hold(workspace, PLANNED_CREDITS_PER_FETCH, at);
        if (r.held) payer = { workspace, hold: r.hold };
        refusal = r.held ? null : r.status;
      } else {
        // The fetch is paid for: sharing it costs nothing, but a spent workspace still gets nothing.
        refusal = await budget.exhausted(workspace, at);
      }
      if (!refusal) {
        kept.push(item);
        continue;
      }
      const error = `workspace ${item.sub.workspaceId} has no credits left of its ${budget.limit} for ${refusal.month}; due again after ${refusal.resetsAt.toISOString()}`;
      ctx.record({ subscriptionId: item.sub.id, period: item.period, platform: item.sub.platform, outcome: 'over-budget', error });
      await announceHeldBack(ctx, item, error, refusal);
    }
    if (kept.length > 0) planned.push({ items: kept, ...(payer ? { payer } : {}) });
  }
  return planned;
}

/** Charges what a group's fetch cost: into the payer's hold when it is the payer's, else straight to the workspace. */
export class GroupCharges {
  private held = 0;

  constructor(
    private readonly ctx: Pick<DigestRunContext, 'budget' | 'clock' | 'logger'>,
    private readonly payer: PlannedGroup['payer'],
  ) {}

  /** Charges `credits` spent for `sub`. Never throws. */
  async charge(sub: WorkspaceRef, credits: number): Promise<void> {
    if (credits <= 0) return;
    if (this.payer && this.payer.workspace.platform === sub.platform && this.payer.workspace.workspaceId === sub.workspaceId) {
      this.held += credits;
      return;
    }
    if (!this.ctx.budget) return;
    await this.ctx.budget.record(workspaceOf(sub), credits, this.ctx.clock.now()).catch((err: unknown) => this.failed(sub.workspaceId, credits, err));
  }

  /** Settles the payer's hold to what was charged into it (0 when nothing was fetched). Never throws. */
  async settle(): Promise<void> {
    if (!this.payer) return;
    await this.payer.hold.settle(this.held).catch((err: unknown) => this.failed(this.payer?.workspace.workspaceId ?? '', this.held, err));
  }

  private failed(workspace: string, credits: number, err: unknown): void {
    this.ctx.logger.error('digest.credits_not_recorded', { workspace, credits, error: err });
  }
}

/**
 * Says once in the channel that this period's digest is held back for the budget: the first pass
 * that finds it over budget records the run as pending (atomically, so one replica wins) and posts
 * the line; later passes find the row and stay quiet. The run stays due, so it goes out once the
 * budget resets if the period is still the current one. Never throws.
 */
async function announceHeldBack(ctx: DigestRunContext, { sub, period }: DueItem, reason: string, status: BudgetStatus): Promise<void> {
  try {
    const first = await ctx.store.notePending(sub.id, period, reason, ctx.clock.now());
    const delivery = ctx.delivery(sub.platform);
    if (!first || !delivery?.notice) return;
    await delivery.notice(sub, heldBackCard(sub, status, SURFACES[sub.platform].place));
  } catch (err) {
    ctx.logger.warn('digest.held-back-notice-failed', { subscriptionId: sub.id, period, error: err });
  }
}
