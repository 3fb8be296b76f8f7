/**
 * Per-key fixed-window limiter for chat commands (per user, per workspace or guild).
 * Protects the team's API credits from a runaway channel, so only commands that call the API count:
 * one answered from the cache gives its slot back (see src/chat/spend-gate.ts).
 * The windows live in this process: N replicas allow up to N times the limits (the README says so);
 * the monthly budget, kept in the shared store, is what bounds spending across replicas.
 * Time is injected for tests.
 */
export interface CommandLimits {
  perUserPerMinute: number;
  perTeamPerMinute: number;
}

export interface LimitDecision {
  allowed: boolean;
  /** Which limit said no, when it said no. */
  scope?: 'user' | 'team';
  /** Milliseconds until the caller may try again. */
  retryAfterMs: number;
}

export class CommandRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limits: CommandLimits,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one command for `user` in `team`, unless either limit is already reached. */
  take(team: string, user: string): LimitDecision {
    const t = this.now();
    const teamKey = `team:${team}`;
    const userKey = `user:${team}:${user}`;
    const teamWin = this.window(teamKey, t);
    const userWin = this.window(userKey, t);
    if (userWin.count >= this.limits.perUserPerMinute) {
      return { allowed: false, scope: 'user', retryAfterMs: userWin.start + this.windowMs - t };
    }
    if (teamWin.count >= this.limits.perTeamPerMinute) {
      return { allowed: false, scope: 'team', retryAfterMs: teamWin.start + this.windowMs - t };
    }
    teamWin.count += 1;
    userWin.count += 1;
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Gives back one command taken for `user` in `team` (it turned out to spend nothing), if its window is still open. */
  refund(team: string, user: string): void {
    const t = this.now();
    for (const key of [`team:${team}`, `user:${team}:${user}`]) {
      const w = this.windows.get(key);
      if (w && t - w.start < this.windowMs && w.count > 0) w.count -= 1;
    }
  }

  private window(key: string, t: number): { start: number; count: number } {
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.prune(t);
    }
    return w;
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}
