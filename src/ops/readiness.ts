/**
 * What /readyz reports: each configured component (chat adapters, store, database) and the last
 * upstream error. Components register a synchronous check, computed on every request, or an async
 * probe (the database's ping), whose latest answer is reported and refreshed on every request.
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

/** An asynchronous check (e.g. the store's `ping()`): its last settled answer is what snapshots report. */
interface Probe {
  run: () => Promise<unknown>;
  timeoutMs: number;
  ok: boolean;
  inFlight: Promise<void> | null;
}

const DEFAULT_PROBE_TIMEOUT_MS = 2000;

export class Readiness {
  private readonly checks = new Map<string, () => boolean>();
  private readonly probes = new Map<string, Probe>();
  private lastError: UpstreamErrorRecord | null = null;
  private stopping = false;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Adds a component; `check` returns true while it can serve. */
  add(name: string, check: () => boolean): void {
    this.checks.set(name, check);
  }

  /**
   * Adds a component checked by an async probe that resolves while it can serve and rejects (or
   * takes longer than `timeoutMs`) when it cannot: the database, through `store.ping()`.
   * `snapshot()` stays synchronous: it reports the last settled answer (not ready until the first
   * one) and starts the next probe in the background; `refresh()` waits for fresh answers.
   */
  addProbe(name: string, run: () => Promise<unknown>, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): void {
    const probe: Probe = { run, timeoutMs, ok: false, inFlight: null };
    this.probes.set(name, probe);
    void this.probe(probe);
  }

  /** Runs every probe now (at most one in flight each) and returns the snapshot with their answers. */
  async refresh(): Promise<ReadinessSnapshot> {
    await Promise.all([...this.probes.values()].map((p) => this.probe(p)));
    return this.build(false);
  }

  private probe(p: Probe): Promise<void> {
    p.inFlight ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('probe timed out')), p.timeoutMs);
        timer.unref();
      });
      try {
        await Promise.race([p.run(), timeout]);
        p.ok = true;
      } catch {
        p.ok = false;
      } finally {
        clearTimeout(timer);
        p.inFlight = null;
      }
    })();
    return p.inFlight;
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

  /** The current answer; starts the next round of probes in the background. */
  snapshot(): ReadinessSnapshot {
    return this.build(true);
  }

  private build(startProbes: boolean): ReadinessSnapshot {
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
    for (const [name, probe] of this.probes) {
      components[name] = { ready: probe.ok };
      all &&= probe.ok;
      if (startProbes) void this.probe(probe);
    }
    return { ready: all && !this.stopping, shuttingDown: this.stopping, components, lastUpstreamError: this.lastError };
  }
}
