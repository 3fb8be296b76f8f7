/**
 * Which command (or digest) a TikLiveAPI credit belongs to. The HTTP client charges every charged
 * answer to the ledger of the work it runs for (AsyncLocalStorage follows the call across awaits),
 * so a workspace is charged exactly what the API charged: a cached answer or one another caller
 * (or replica) paid for costs it nothing, and credits spent before a command failed still count.
 *
 * A ledger may carry a gate: the check that must pass before the work's first request goes out
 * (the rate limit, the budget hold). It runs at most once per ledger, and only when the work really
 * calls the API, so a command answered from the cache is never limited or held.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { QuadrantsError, type ErrorCode } from '../errors';

/**
 * What a gate throws to stop its own work before a request (a spent budget, a rate limit). It is
 * about that work alone: a caller that joined the same request in flight (single-flight) does not
 * inherit it, and runs the request itself under its own gate instead.
 */
export class GateClosed extends QuadrantsError {
  constructor(detail: string, code: ErrorCode = 'RATE_LIMITED') {
    super(code, detail);
  }
}

/** Credits charged while one unit of work ran. */
export class CreditLedger {
  spent = 0;
  private opened: Promise<void> | undefined;

  /** `gate` runs before the first request of this work; it throws (a QuadrantsError) to stop it. */
  constructor(private readonly gate?: () => Promise<void>) {}

  /** Whether the work got as far as the API (its gate was asked). */
  get calledApi(): boolean {
    return this.opened !== undefined;
  }

  /** Resolves once the gate (if it was asked) has answered, either way. */
  async gateAnswered(): Promise<void> {
    await this.opened?.catch(() => undefined);
  }

  /** Runs the gate once; every request of the work waits for it and shares its answer. */
  open(): Promise<void> {
    this.opened ??= this.gate ? this.gate() : Promise.resolve();
    return this.opened;
  }
}

const current = new AsyncLocalStorage<CreditLedger>();
/** Ledger runs not yet settled; at 0 the storage is disabled (see withLedger). */
let running = 0;

/**
 * Runs `work` with `ledger` collecting every credit charged on its behalf.
 * An enabled AsyncLocalStorage makes Node run a hook for every promise and async resource the
 * process creates (Node 20), a cost every Discord acknowledgement in a burst paid. So the storage
 * is disabled again once no ledger run is left; no context is lost, as none is open then, and the
 * next run() enables it again.
 */
export async function withLedger<T>(ledger: CreditLedger, work: () => Promise<T>): Promise<T> {
  running += 1;
  try {
    return await current.run(ledger, work);
  } finally {
    running -= 1;
    if (running === 0) current.disable();
  }
}

/** Charges `credits` to the ledger of the work running now (none outside a ledger). */
export function chargeCredits(credits: number): void {
  const ledger = current.getStore();
  if (ledger) ledger.spent += credits;
}

/** Waits for the gate of the work running now before a request goes out (nothing outside a ledger). */
export function beforeRequest(): Promise<void> {
  return current.getStore()?.open() ?? Promise.resolve();
}
