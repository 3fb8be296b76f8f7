/**
 * The claim rules shared by every engine, so SQLite and PostgreSQL decide a claim the same way;
 * each engine only supplies the atomicity (a write lock in SQLite, a row lock in PostgreSQL).
 */
import { redact } from '../log';
import type { ClaimRefusal, DigestRun } from './types';

const MAX_ERROR_CHARS = 500;

/** Why a run cannot be claimed right now (`now` is an ISO string), or null when it can. */
export function refusalFor(run: DigestRun, owner: string, now: string): Exclude<ClaimRefusal, 'exhausted'> | null {
  if (run.state === 'posted') return 'posted';
  if (run.state === 'abandoned') return 'abandoned';
  const leased = run.state === 'claimed' || run.state === 'posting';
  if (leased && run.claimedBy !== owner && run.claimedUntil !== null && run.claimedUntil > now) return 'leased';
  if (run.state === 'failed' && run.nextAttemptAt !== null && run.nextAttemptAt > now) return 'backoff';
  return null;
}

/**
 * True when claiming `run` takes over a dead runner's lease. That is not a new attempt: the runner
 * never failed, it stopped, and counting it would let a crash loop use up the period's attempts.
 */
export function isTakeover(run: DigestRun): boolean {
  return run.state === 'claimed' || run.state === 'posting';
}

/** The note stored when a run is abandoned because its attempts ran out. */
export function exhaustedNote(run: DigestRun): string {
  return cleanError(`gave up after ${run.attempts} attempts${run.lastError ? `: ${run.lastError}` : ''}`);
}

/** Stored error text: secrets removed, bounded length. */
export function cleanError(text: string): string {
  return redact(text).slice(0, MAX_ERROR_CHARS);
}
