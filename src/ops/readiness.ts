/**
 * What /readyz reports: each configured component (chat adapters, store) and the last upstream error.
 * Components register a check function; the snapshot is computed on every request, so it is never stale.
 */
import { QuadrantsError } from '../errors';
import { redact } from '../log';

export interface UpstreamErrorRecord {
  code: string;
  /** Redacted and shortened: safe to serve to anyone who can reach the port. */
  message: string;
  at: string;
}

export interface ReadinessSnapshot {
  ready: boolean;
  shuttingDown: boolean;
  components: Record<string, { ready: boolean }>;
  lastUpstreamError: UpstreamErrorRecord | null;
}

const MAX_MESSAGE = 200;

export class Readiness {
  private readonly checks = new Map<string, () => boolean>();
  private lastError: UpstreamErrorRecord | null = null;
  private stopping = false;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Adds a component; `check` returns true while it can serve. */
  add(name: string, check: () => boolean): void {
    this.checks.set(name, check);
  }

  /** Remembers the most recent upstream failure (TikLiveAPI, QuickChart, chat API). */
  recordUpstreamError(err: unknown): void {
    const code = err instanceof QuadrantsError ? err.code : 'UNKNOWN';
    const text = err instanceof Error ? err.message : String(err);
    this.lastError = { code, message: redact(text).slice(0, MAX_MESSAGE), at: this.now().toISOString() };
  }

  /** From now on /readyz answers 503 so a load balancer stops sending traffic. */
  markShuttingDown(): void {
    this.stopping = true;
  }

  snapshot(): ReadinessSnapshot {
    const components: Record<string, { ready: boolean }> = {};
    let all = true;
    for (const [name, check] of this.checks) {
      let ok = false;
      try {
        ok = check();
      } catch {
        // A failing check means "not ready", never a failed probe.
      }
      components[name] = { ready: ok };
      all &&= ok;
    }
    return { ready: all && !this.stopping, shuttingDown: this.stopping, components, lastUpstreamError: this.lastError };
  }
}
