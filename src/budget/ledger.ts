/**
 * Which command (or digest) a TikLiveAPI credit belongs to. The HTTP client charges every answered
 * request to the ledger of the work it runs for (AsyncLocalStorage follows the call across awaits),
 * so a workspace is charged exactly what the API charged: a cached answer or one another caller
 * (or replica) paid for costs it nothing, and credits spent before a command failed still count.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Credits charged while one unit of work ran. */
export class CreditLedger {
  spent = 0;
}

const current = new AsyncLocalStorage<CreditLedger>();

/** Runs `work` with `ledger` collecting every credit charged on its behalf. */
export function withLedger<T>(ledger: CreditLedger, work: () => Promise<T>): Promise<T> {
  return current.run(ledger, work);
}

/** Charges `credits` to the ledger of the work running now (none outside a ledger). */
export function chargeCredits(credits: number): void {
  const ledger = current.getStore();
  if (ledger) ledger.spent += credits;
}
