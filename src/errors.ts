/**
 * Typed errors shared by the core and every front end.
 *
 * Each error carries a stable `code` (adapters, the CLI and logs switch on it) and a
 * `userMessage`: one sentence a chat user can act on. Messages never contain secrets.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'BAD_API_KEY'
  | 'OUT_OF_CREDITS'
  | 'CREATOR_NOT_FOUND'
  | 'POST_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'MALFORMED_DATA'
  | 'CONFIG'
  | 'CHART_UNAVAILABLE'
  | 'INTERNAL';

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  BAD_INPUT: 'That command did not look right; try `/quadrants help` for the usage.',
  BAD_API_KEY: 'TikLiveAPI rejected the API key; ask whoever runs this bot to check TIKLIVEAPI_KEY.',
  OUT_OF_CREDITS: 'The TikLiveAPI account is out of credits; top it up and run the command again.',
  CREATOR_NOT_FOUND: 'That creator was not found or their account is private; check the handle and try again.',
  POST_NOT_FOUND: 'That post was not found (deleted, private or a bad link); check the URL and try again.',
  RATE_LIMITED: 'TikLiveAPI is rate limiting us right now; wait a minute and run the command again.',
  UPSTREAM_UNAVAILABLE: 'TikLiveAPI is not answering right now; try again in a few minutes.',
  MALFORMED_DATA: 'TikLiveAPI sent data we could not read; try again later, and tell the bot owner if it keeps happening.',
  CONFIG: 'The bot is not configured correctly; ask whoever runs it to check its settings.',
  CHART_UNAVAILABLE: 'The chart could not be rendered right now; the numbers below are still correct.',
  INTERNAL: 'Something went wrong on our side; try again, and tell the bot owner if it keeps happening.',
};

export interface QuadrantsErrorOptions {
  /** Override the default user sentence. Must not contain secrets. */
  userMessage?: string;
  /** For RATE_LIMITED: how long the caller should wait. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class QuadrantsError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, detail: string, options: QuadrantsErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QuadrantsError';
    this.code = code;
    this.userMessage = options.userMessage ?? DEFAULT_MESSAGES[code];
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** Wraps anything thrown into a QuadrantsError so every handler deals with one shape. */
export function asQuadrantsError(err: unknown): QuadrantsError {
  if (err instanceof QuadrantsError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new QuadrantsError('INTERNAL', detail, { cause: err });
}
