/**
 * TikLiveAPI answers most failures in-band with HTTP 200 and usually sends the payload flat,
 * but a tikwm-style `{code, msg, data}` envelope must work too. This module turns a decoded
 * body into either the payload or a classified error.
 */
import { QuadrantsError, type ErrorCode } from '../errors';
import { redact } from '../log';

/** What went wrong upstream, independent of how it was signalled. */
export type ApiErrorKind = 'auth' | 'out_of_credits' | 'rate_limited' | 'not_found' | 'upstream';

/** Which endpoint a body came from: decides the payload signature keys. */
export type EndpointKind = 'list' | 'detail' | 'userid' | 'userinfo';

export type Unwrapped = { ok: true; payload: unknown } | { ok: false; kind: ApiErrorKind; message: string };

/** Keys whose presence at top level means "this body is the payload itself". */
const SIGNATURE_KEYS: Record<EndpointKind, readonly string[]> = {
  list: ['videos', 'itemList', 'aweme_list', 'hasMore', 'has_more'],
  detail: ['aweme_id', 'video_id', 'id', 'play_count'],
  userid: ['user_id', 'userid', 'uid', 'id', 'userId', 'user'],
  userinfo: ['user', 'userInfo', 'stats'],
};

const MESSAGE_KEYS = new Set(['message', 'msg', 'error', 'detail']);

const RULES: ReadonlyArray<[RegExp, ApiErrorKind]> = [
  [/api.?key|sign ?up|unauthori[sz]ed|forbidden|invalid key/i, 'auth'],
  [/balance|credit|quota|exhausted|purchase|top.?up/i, 'out_of_credits'],
  [/rate|too many|limit|1 request/i, 'rate_limited'],
  [/not found|private|deleted|unavailable|does ?n.?t exist|url parsing/i, 'not_found'],
];

/** Classifies an upstream error text (case-insensitive, first matching rule wins). */
export function classifyMessage(text: string): ApiErrorKind {
  for (const [re, kind] of RULES) if (re.test(text)) return kind;
  return 'upstream';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first human-readable text among message/msg/error/detail, cleaned and capped. */
export function messageOf(body: Record<string, unknown>): string {
  for (const key of ['message', 'msg', 'error', 'detail']) {
    const v = body[key];
    if (typeof v === 'string' && v.trim() !== '') return safeSnippet(v, 200);
    if (isPlainObject(v) && typeof v.message === 'string') return safeSnippet(v.message, 200);
  }
  return '';
}

/** Upstream text for logs and error details: no control characters, no secrets, capped. */
export function safeSnippet(text: string, max = 200): string {
  return redact(text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()).slice(0, max);
}

function fail(body: Record<string, unknown>): Unwrapped {
  const message = messageOf(body);
  return { ok: false, kind: classifyMessage(message), message };
}

function hasSignature(body: Record<string, unknown>, endpoint: EndpointKind): boolean {
  return SIGNATURE_KEYS[endpoint].some((k) => k in body);
}

/**
 * Applies the envelope rules in order: non-object → error; `status: "error"` or
 * `success: false` → error; non-zero `code` → error; a body of only message-like keys →
 * error; `code: 0` + `data` → data; no code, `data` object and no signature keys → data;
 * otherwise the body itself. Scalars are accepted only for /userid/ (a bare id).
 */
export function unwrapEnvelope(body: unknown, endpoint: EndpointKind): Unwrapped {
  if (!isPlainObject(body)) {
    if (endpoint === 'userid' && (typeof body === 'string' || typeof body === 'number')) return { ok: true, payload: body };
    return { ok: false, kind: 'upstream', message: `expected a JSON object, got ${Array.isArray(body) ? 'an array' : typeof body}` };
  }
  if (body.status === 'error' || body.success === false) return fail(body);
  const code = body.code;
  const hasCode = typeof code === 'number' || (typeof code === 'string' && /^-?\d+$/.test(code.trim()));
  if (hasCode && Number(code) !== 0) {
    const r = fail(body);
    return r.ok || r.message !== '' ? r : { ok: false, kind: 'upstream', message: `code ${String(code)}` };
  }
  const keys = Object.keys(body);
  if (keys.every((k) => MESSAGE_KEYS.has(k)) && !hasSignature(body, endpoint)) return fail(body);
  if (hasCode && 'data' in body && body.data !== undefined) return { ok: true, payload: body.data };
  if (!hasCode && isPlainObject(body.data) && !hasSignature(body, endpoint)) return { ok: true, payload: body.data };
  return { ok: true, payload: body };
}

/** Which not-found code applies to the endpoint that answered. */
export type NotFoundCode = Extract<ErrorCode, 'CREATOR_NOT_FOUND' | 'POST_NOT_FOUND'>;

const KIND_CODES: Record<Exclude<ApiErrorKind, 'not_found'>, ErrorCode> = {
  auth: 'BAD_API_KEY',
  out_of_credits: 'OUT_OF_CREDITS',
  rate_limited: 'RATE_LIMITED',
  upstream: 'UPSTREAM_UNAVAILABLE',
};

/** The QuadrantsError for an error kind; `detail` is for logs and never holds the key. */
export function errorForKind(kind: ApiErrorKind, detail: string, notFound: NotFoundCode, retryAfterMs?: number): QuadrantsError {
  const code = kind === 'not_found' ? notFound : KIND_CODES[kind];
  return new QuadrantsError(code, redact(detail), retryAfterMs === undefined ? {} : { retryAfterMs });
}
