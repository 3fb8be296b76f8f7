/**
 * Retry policy for digest runs. An "attempt" is one claim of a (subscription, period) run that
 * ended in a real failure or success: taking over a dead runner's claim and a pause for a broken
 * token do not count, so a crash loop or an outage of the app's token never uses them up. Inside
 * an attempt a transient failure is retried a couple of times after a short pause, then the run is
 * parked with an exponential backoff and picked up by a later tick, until `maxAttempts` is used up.
 */
import { QuadrantsError } from '../errors';
import { DeliveryError } from './types';

export interface RetryPolicy {
  /** Claims per (subscription, period) before the run is abandoned for that period. */
  maxAttempts: number;
  /** Quick retries inside one attempt, for blips. */
  inlineRetries: number;
  /** Pause before the first quick retry; doubles each time. */
  inlineDelayMs: number;
  /** Backoff after the first failed attempt; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 8 attempts at 5, 10, 20, 40, 80, 120, 120 minutes: a few hours of outage still gets the digest out. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  inlineRetries: 2,
  inlineDelayMs: 2_000,
  baseDelayMs: 5 * 60_000,
  maxDelayMs: 2 * 60 * 60_000,
};

/** Delay before the next attempt after `attempts` failed ones; honours a server's Retry-After. */
export function backoffMs(policy: RetryPolicy, attempts: number, hintMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(exp, Math.min(hintMs ?? 0, policy.maxDelayMs));
}

/** Pause before quick retry number `i` (0-based) inside an attempt. */
export function inlineDelayMs(policy: RetryPolicy, i: number, hintMs?: number): number {
  return Math.max(policy.inlineDelayMs * 2 ** i, hintMs ?? 0);
}

export interface FailureInfo {
  /** Short text for the run record and `digest list`; never a secret. */
  message: string;
  /** Retrying within this period cannot help (creator gone, bad input). */
  giveUp: boolean;
  /** The channel is gone for good: disable the subscription with this reason. */
  disable: string | null;
  /** The app's credentials failed: pause this scope (no disabling, no attempt counted) with this reason. */
  pause: { scope: 'workspace' | 'platform'; reason: string } | null;
  retryAfterMs?: number;
}

/** Paused runs are retried this often until the token works again (a fixed beat, not a backoff). */
export const PAUSE_RETRY_MS = 5 * 60_000;

/** The run error of a paused delivery starts with this, so `digest list` can say it is paused. */
export const PAUSED_PREFIX = 'paused: ';

const GIVE_UP_CODES = new Set(['CREATOR_NOT_FOUND', 'BAD_INPUT', 'POST_NOT_FOUND']);

/** How the runner treats an error thrown by the upstream service or a delivery port. */
export function classifyFailure(err: unknown): FailureInfo {
  if (err instanceof DeliveryError) {
    if (err.pause) {
      return { message: `${PAUSED_PREFIX}${err.reason}`, giveUp: false, disable: null, pause: { scope: err.pause, reason: err.reason } };
    }
    return {
      message: `delivery: ${err.reason}`,
      giveUp: err.permanent,
      disable: err.permanent ? err.reason : null,
      pause: null,
      ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
    };
  }
  if (err instanceof QuadrantsError) {
    return {
      message: `${err.code}: ${err.userMessage}`,
      giveUp: GIVE_UP_CODES.has(err.code),
      disable: null,
      pause: null,
      ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
    };
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
  return { message, giveUp: false, disable: null, pause: null };
}
