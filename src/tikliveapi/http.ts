/**
 * One GET to TikLiveAPI with pacing, a timeout, bounded retries and error classification.
 *
 * We run the retry loop ourselves instead of undici's RetryAgent because each attempt must
 * (1) take a pacer token, (2) be counted as a credit when the API answered it, (3) be retried on
 * failures RetryAgent cannot see: an HTML page or in-band throttle message served with HTTP 200,
 * and a per-attempt timeout covering headers and body, and (4) stop when the command's overall
 * deadline passes, mid-request or mid-backoff. Sleeping is injected so tests never wait.
 */
import type { Dispatcher } from 'undici';
import { beforeRequest, chargeCredits } from '../budget/ledger';
import { QuadrantsError } from '../errors';
import type { Logger } from '../log';
import { errorForKind, messageOf, safeSnippet, unwrapEnvelope, type ApiErrorKind, type EndpointKind, type NotFoundCode } from './envelope';
import { parseJsonBody } from './json';
import type { RequestPacer } from './pacer';
import { rateLimitedSentence, UNREACHABLE_SENTENCE } from './sentences';
import { EarlyBodyTooLarge, requestHeaders, requestUrl, takeEarly, untilAborted } from './early';
import { Agent, request } from './undici-lite';

export type Endpoint = 'userid' | 'userinfo-by-username' | 'user-posts' | 'post-detail';

/**
 * One unit of work (a command): the credits it spent and the deadline it runs under.
 * A credit is counted for every attempt the API charges: an HTTP 2xx answer with a JSON body,
 * the data asked for or an in-band "not found" (TikLiveAPI bills a successful request; whether a
 * "not found" counts is not documented, so it is counted to keep budgets on the safe side).
 * Nothing is counted for what the API does not bill: 4xx and 5xx statuses (429 included), an
 * HTML or other non-JSON page, an in-band throttle, auth or out-of-credits message, and an attempt
 * that got no answer (refused, dropped, timed out or cut by the deadline).
 */
export class CreditMeter {
  spent = 0;

  /** Aborted when the command's deadline passes; its reason (a QuadrantsError) is what callers see. */
  constructor(readonly signal?: AbortSignal) {}
}

/** The error for a passed deadline: the signal's reason when the command gave one. */
export function deadlineError(signal: AbortSignal, endpoint: string): QuadrantsError {
  const reason: unknown = signal.reason;
  if (reason instanceof QuadrantsError) return reason;
  return new QuadrantsError('UPSTREAM_UNAVAILABLE', `${endpoint}: the command deadline passed`);
}

/** Waits `ms`, or less when `signal` aborts first. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface ApiCall {
  endpoint: Endpoint;
  query: Record<string, string | number>;
  timeoutMs: number;
  /** Payload signature used to unwrap the envelope. */
  kind: EndpointKind;
  /** The code a not-found answer becomes. */
  notFound: NotFoundCode;
}

export interface HttpClientOptions {
  apiKey: string;
  baseUrl: string;
  pacer: RequestPacer;
  logger: Logger;
  /** Default: an own keep-alive Agent, closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Total attempts per call, including the first. Default 3. */
  maxAttempts?: number;
  /** First backoff step; doubles each retry, with jitter. Default 500 ms. */
  retryBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails with RATE_LIMITED. Default 20 s. */
  maxRetryDelayMs?: number;
  /** Injected wait between attempts (tests record it instead of waiting); may ignore the signal. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Bodies beyond this are refused. Default 8 MiB. */
  maxBodyBytes?: number;
}

type Attempt =
  | { ok: true; payload: unknown; answered: true; charged: true; status: number }
  | {
      ok: false;
      kind: ApiErrorKind;
      retryable: boolean;
      /** An HTTP response arrived. */
      answered: boolean;
      /** The API bills this answer (see CreditMeter). */
      charged: boolean;
      detail: string;
      status?: number;
      retryAfterMs?: number;
      /** The request could not get to the API at all (DNS, refused, no route). */
      unreachable?: boolean;
      /** The command's deadline cut this attempt. */
      deadline?: boolean;
    };

/** In-band (HTTP 200) answers that refuse the request rather than serve it: not billed. */
const UNBILLED_IN_BAND: ReadonlySet<ApiErrorKind> = new Set(['rate_limited', 'auth', 'out_of_credits']);

/** Errors raised before a connection existed: the bot could not get to the API from its host. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Retry-After as milliseconds (delta seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function statusKind(status: number): { kind: ApiErrorKind; retryable: boolean } | null {
  if (status === 401 || status === 403) return { kind: 'auth', retryable: false };
  if (status === 402) return { kind: 'out_of_credits', retryable: false };
  if (status === 404) return { kind: 'not_found', retryable: false };
  if (status === 429) return { kind: 'rate_limited', retryable: true };
  if (status >= 500) return { kind: 'upstream', retryable: true };
  if (status >= 400) return { kind: 'upstream', retryable: false };
  return null;
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > max) {
      body.destroy();
      throw new QuadrantsError('UPSTREAM_UNAVAILABLE', `response larger than ${max} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The TikLiveAPI transport. One instance per source; it owns its connection pool. */
export class TikLiveApiHttp {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly base: string;
  private total = 0;

  constructor(private readonly options: HttpClientOptions) {
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000, connections: 16 });
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  /** Credits spent by this client since it was created. */
  get creditsSpent(): number {
    return this.total;
  }

  /**
   * GETs one endpoint and returns the unwrapped payload. Every attempt the API answered is
   * added to `meter`; `meter.signal` ends the call when the command's deadline passes. Throws
   * QuadrantsError (BAD_API_KEY, OUT_OF_CREDITS, *_NOT_FOUND, RATE_LIMITED,
   * UPSTREAM_UNAVAILABLE, MALFORMED_DATA); a passed deadline throws the signal's reason.
   */
  async get(call: ApiCall, meter: CreditMeter): Promise<unknown> {
    const o = this.options;
    const { signal } = meter;
    const maxAttempts = Math.max(1, o.maxAttempts ?? 3);
    const sleep = o.sleep ?? abortableSleep;
    const random = o.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw deadlineError(signal, call.endpoint);
      // The work's rate limit and budget hold, asked once before its first request (see ledger.ts).
      await beforeRequest();
      if (signal?.aborted) throw deadlineError(signal, call.endpoint);
      await o.pacer.take();
      if (signal?.aborted) throw deadlineError(signal, call.endpoint);
      const started = performance.now();
      const a = await this.attempt(call, signal);
      if (a.charged) {
        meter.spent += 1;
        this.total += 1;
        chargeCredits(1);
      }
      const ms = Math.round(performance.now() - started);
      if (a.ok) {
        o.logger.debug('tikliveapi.request', { endpoint: call.endpoint, status: a.status, attempt, ms });
        return a.payload;
      }
      const fields = { endpoint: call.endpoint, attempt, ms, kind: a.kind, ...(a.status === undefined ? {} : { status: a.status }), detail: a.detail };
      if (a.deadline && signal) {
        o.logger.warn('tikliveapi.deadline', fields);
        throw deadlineError(signal, call.endpoint);
      }
      const tooLong = a.retryAfterMs !== undefined && a.retryAfterMs > (o.maxRetryDelayMs ?? 20_000);
      if (!a.retryable || attempt >= maxAttempts || tooLong) {
        o.logger.warn('tikliveapi.failed', fields);
        throw this.failure(call, a);
      }
      const backoff = (o.retryBaseMs ?? 500) * 2 ** (attempt - 1) * (0.5 + random() / 2);
      const delay = Math.round(Math.max(backoff, a.retryAfterMs ?? 0));
      o.logger.warn('tikliveapi.retry', { ...fields, delayMs: delay });
      await sleep(delay, signal);
    }
  }

  /** The error for a final failed attempt, with the sentence that is true for it. */
  private failure(call: ApiCall, a: Extract<Attempt, { ok: false }>): QuadrantsError {
    const detail = `${call.endpoint}: ${a.detail}`;
    if (a.unreachable) return new QuadrantsError('UPSTREAM_UNAVAILABLE', detail, { userMessage: UNREACHABLE_SENTENCE });
    if (a.kind !== 'rate_limited') return errorForKind(a.kind, detail, call.notFound);
    const err = errorForKind(a.kind, detail, call.notFound, a.retryAfterMs ?? 60_000);
    // Only a wait the API stated is worth repeating; without one the default sentence stands.
    if (a.retryAfterMs === undefined) return err;
    return new QuadrantsError('RATE_LIMITED', err.message, { retryAfterMs: a.retryAfterMs, userMessage: rateLimitedSentence(a.retryAfterMs) });
  }

  private async attempt(call: ApiCall, deadline?: AbortSignal): Promise<Attempt> {
    const o = this.options;
    const url = requestUrl(this.base, call.endpoint, call.query);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, call.timeoutMs);
    let status: number | undefined;
    const signal = deadline ? AbortSignal.any([controller.signal, deadline]) : controller.signal;
    try {
      // A one-shot command may have sent this very request before its modules loaded (./early.ts).
      const early = takeEarly(url, o.apiKey);
      if (early) {
        const answer = await untilAborted(early, signal);
        status = answer.statusCode;
        return this.interpret(call, status, answer.headers['retry-after'], answer.body);
      }
      const res = await request(url, { method: 'GET', dispatcher: this.dispatcher, signal, headers: requestHeaders(o.apiKey) });
      status = res.statusCode;
      const text = await readCapped(res.body, o.maxBodyBytes ?? 8 * 1024 * 1024);
      return this.interpret(call, status, res.headers['retry-after'], text);
    } catch (err) {
      // A hang or a cut connection is never billed; a body cut short is billed only if it was a 2xx.
      const answered = status !== undefined;
      const charged = status !== undefined && status >= 200 && status < 300;
      const at = status === undefined ? {} : { status };
      if (deadline?.aborted && !timedOut) return { ok: false, kind: 'upstream', retryable: false, answered, charged, deadline: true, detail: 'cut by the command deadline', ...at };
      if (timedOut) return { ok: false, kind: 'upstream', retryable: true, answered, charged, detail: `timed out after ${call.timeoutMs} ms`, ...at };
      if (err instanceof QuadrantsError || err instanceof EarlyBodyTooLarge) return { ok: false, kind: 'upstream', retryable: false, answered: true, charged, detail: err.message, ...at };
      const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'unknown';
      const unreachable = !answered && CONNECT_ERRORS.has(code);
      return { ok: false, kind: 'upstream', retryable: true, answered, charged, ...(unreachable ? { unreachable } : {}), detail: `network error ${code}`, ...at };
    } finally {
      clearTimeout(timer);
    }
  }

  private interpret(call: ApiCall, status: number, retryAfterHeader: string | string[] | undefined, text: string): Attempt {
    const retryAfterMs = parseRetryAfter(retryAfterHeader);
    const extra = retryAfterMs === undefined ? {} : { retryAfterMs };
    let body: unknown;
    let json = true;
    try {
      body = parseJsonBody(text);
    } catch {
      json = false;
    }
    const byStatus = statusKind(status);
    if (byStatus) {
      // A JSON error body can say more than the status (e.g. a 400 that means "not found").
      const said = json && typeof body === 'object' && body !== null ? messageOf(body as Record<string, unknown>) : '';
      let kind = byStatus.kind;
      if (status === 404 && !json) kind = 'upstream';
      else if (kind === 'upstream' && !byStatus.retryable && said) {
        const u = unwrapEnvelope(body, call.kind);
        if (!u.ok) kind = u.kind;
      }
      return { ok: false, kind, retryable: byStatus.retryable, answered: true, charged: false, status, detail: `HTTP ${status}${said ? `: ${said}` : json ? '' : `: ${safeSnippet(text, 120)}`}`, ...extra };
    }
    if (!json) {
      return { ok: false, kind: 'upstream', retryable: true, answered: true, charged: false, status, detail: `HTTP ${status} with a non-JSON body: ${safeSnippet(text, 120)}` };
    }
    const u = unwrapEnvelope(body, call.kind);
    if (u.ok) return { ok: true, payload: u.payload, answered: true, charged: true, status };
    const charged = !UNBILLED_IN_BAND.has(u.kind);
    return { ok: false, kind: u.kind, retryable: u.kind === 'rate_limited', answered: true, charged, status, detail: `in-band error: ${u.message || 'no message'}`, ...extra };
  }

  /** Closes the connection pool if this client created it. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}
