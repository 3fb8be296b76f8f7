/**
 * One GET to TikLiveAPI with pacing, a timeout, bounded retries and error classification.
 *
 * We run the retry loop ourselves instead of undici's RetryAgent because each attempt must
 * (1) take a pacer token, (2) be counted as a spent credit, and (3) be retried on failures
 * RetryAgent cannot see: an HTML page or in-band throttle message served with HTTP 200, and a
 * per-attempt timeout covering headers and body. Sleeping is injected so tests never wait.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { QuadrantsError } from '../errors';
import type { Logger } from '../log';
import { errorForKind, messageOf, safeSnippet, unwrapEnvelope, type ApiErrorKind, type EndpointKind, type NotFoundCode } from './envelope';
import { parseJsonBody } from './json';
import type { Pacer } from './pacer';

export type Endpoint = 'userid' | 'userinfo-by-username' | 'user-posts' | 'post-detail';

/** Counts credits for one unit of work (a command); every attempt that reached the API adds one. */
export class CreditMeter {
  spent = 0;
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
  pacer: Pacer;
  logger: Logger;
  /** Default: an own keep-alive Agent, closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Total attempts per call, including the first. Default 3. */
  maxAttempts?: number;
  /** First backoff step; doubles each retry, with jitter. Default 500 ms. */
  retryBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails with RATE_LIMITED. Default 20 s. */
  maxRetryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Bodies beyond this are refused. Default 8 MiB. */
  maxBodyBytes?: number;
}

type Attempt =
  | { ok: true; payload: unknown; reached: true; status: number }
  | { ok: false; kind: ApiErrorKind; retryable: boolean; reached: boolean; detail: string; status?: number; retryAfterMs?: number };

/** Errors raised before a connection existed: the request never reached the API. */
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
   * GETs one endpoint and returns the unwrapped payload. Every attempt that reached the API
   * is added to `meter`. Throws QuadrantsError (BAD_API_KEY, OUT_OF_CREDITS, *_NOT_FOUND,
   * RATE_LIMITED, UPSTREAM_UNAVAILABLE, MALFORMED_DATA).
   */
  async get(call: ApiCall, meter: CreditMeter): Promise<unknown> {
    const o = this.options;
    const maxAttempts = Math.max(1, o.maxAttempts ?? 3);
    const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const random = o.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      await o.pacer.take();
      const started = performance.now();
      const a = await this.attempt(call);
      if (a.reached) {
        meter.spent += 1;
        this.total += 1;
      }
      const ms = Math.round(performance.now() - started);
      if (a.ok) {
        o.logger.debug('tikliveapi.request', { endpoint: call.endpoint, status: a.status, attempt, ms });
        return a.payload;
      }
      const fields = { endpoint: call.endpoint, attempt, ms, kind: a.kind, ...(a.status === undefined ? {} : { status: a.status }), detail: a.detail };
      const tooLong = a.retryAfterMs !== undefined && a.retryAfterMs > (o.maxRetryDelayMs ?? 20_000);
      if (!a.retryable || attempt >= maxAttempts || tooLong) {
        o.logger.warn('tikliveapi.failed', fields);
        throw errorForKind(a.kind, `${call.endpoint}: ${a.detail}`, call.notFound, a.kind === 'rate_limited' ? (a.retryAfterMs ?? 60_000) : undefined);
      }
      const backoff = (o.retryBaseMs ?? 500) * 2 ** (attempt - 1) * (0.5 + random() / 2);
      const delay = Math.round(Math.max(backoff, a.retryAfterMs ?? 0));
      o.logger.warn('tikliveapi.retry', { ...fields, delayMs: delay });
      await sleep(delay);
    }
  }

  private async attempt(call: ApiCall): Promise<Attempt> {
    const o = this.options;
    const query = new URLSearchParams(Object.entries(call.query).map(([k, v]): [string, string] => [k, String(v)]));
    const url = `${this.base}/${call.endpoint}/?${query.toString()}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, call.timeoutMs);
    let status: number | undefined;
    try {
      const res = await request(url, {
        method: 'GET',
        dispatcher: this.dispatcher,
        signal: controller.signal,
        headers: { 'x-api-key': o.apiKey, accept: 'application/json', 'user-agent': 'quadrants' },
      });
      status = res.statusCode;
      const text = await readCapped(res.body, o.maxBodyBytes ?? 8 * 1024 * 1024);
      return this.interpret(call, status, res.headers['retry-after'], text);
    } catch (err) {
      if (timedOut) return { ok: false, kind: 'upstream', retryable: true, reached: true, detail: `timed out after ${call.timeoutMs} ms`, ...(status === undefined ? {} : { status }) };
      if (err instanceof QuadrantsError) return { ok: false, kind: 'upstream', retryable: false, reached: true, detail: err.message };
      const code = typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : 'unknown';
      // Only a failure to connect is known not to have reached the API (and not to have cost a credit).
      const reached = status !== undefined || !CONNECT_ERRORS.has(code);
      return { ok: false, kind: 'upstream', retryable: true, reached, detail: `network error ${code}` };
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
      return { ok: false, kind, retryable: byStatus.retryable, reached: true, status, detail: `HTTP ${status}${said ? `: ${said}` : json ? '' : `: ${safeSnippet(text, 120)}`}`, ...extra };
    }
    if (!json) {
      return { ok: false, kind: 'upstream', retryable: true, reached: true, status, detail: `HTTP ${status} with a non-JSON body: ${safeSnippet(text, 120)}` };
    }
    const u = unwrapEnvelope(body, call.kind);
    if (u.ok) return { ok: true, payload: u.payload, reached: true, status };
    return { ok: false, kind: u.kind, retryable: u.kind === 'rate_limited', reached: true, status, detail: `in-band error: ${u.message || 'no message'}`, ...extra };
  }

  /** Closes the connection pool if this client created it. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}
