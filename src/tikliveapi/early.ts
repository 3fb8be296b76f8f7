/**
 * The first TikLiveAPI request of a one-shot command, sent before the rest of the program loads.
 *
 * A cold `quadrants report <id>` spends about 200 ms loading modules (zod, undici, the chat core)
 * before its one request; the request itself waits most of a second on the API. Sent first, with
 * Node's own HTTP client (already in memory), the two overlap: the client asks `takeEarly` before
 * each request and uses the answer in flight when the URL and key are the same, so the request is
 * sent once and its credit counted once, by the client, as for any other answer.
 * Nothing here validates: the caller starts it only for input the command will certainly send.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Everything an answer needs for the client to judge it: status, headers and the body read in full. */
export interface EarlyAnswer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The answer that could not be read: the request's own error (its `code` says why), or a body over the cap. */
export class EarlyBodyTooLarge extends Error {}

/** Items per /user-posts/ page beyond the count asked for, to absorb up to three pinned posts. */
export const PINNED_SLACK = 3;
/** Most items asked for in one page (the API documents under 35). */
export const MAX_PAGE_SIZE = 30;

/** The query of one /user-posts/ page: the client's and the early request's, so both name the same URL. */
export function postsPageQuery(userid: string, count: number, cursor: string): Record<string, string | number> {
  return { userid, count: Math.min(count + PINNED_SLACK, MAX_PAGE_SIZE), cursor };
}

/** The URL of one GET: `base` without trailing slashes, the endpoint, the query in its given order. */
export function requestUrl(base: string, endpoint: string, query: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return `${base.replace(/\/+$/, '')}/${endpoint}/?${q.toString()}`;
}

/** The headers of every request: the key, JSON, and who is asking. */
export function requestHeaders(apiKey: string): Record<string, string> {
  return { 'x-api-key': apiKey, accept: 'application/json', 'user-agent': 'quadrants' };
}

const started = new Map<string, Promise<EarlyAnswer>>();
const keyOf = (url: string, apiKey: string) => `${apiKey}\n${url}`;

/**
 * Sends one GET; its answer waits for `takeEarly` with the same URL and key. Resolves once the
 * request is on the wire (or failed): Node connects and writes only when the event loop turns, so a
 * caller that goes on to load modules synchronously waits for this first.
 */
export function startEarly(url: string, apiKey: string, maxBodyBytes = 8 * 1024 * 1024): Promise<void> {
  let sent: () => void = () => undefined;
  const onTheWire = new Promise<void>((resolve) => {
    sent = resolve;
  });
  const answer = new Promise<EarlyAnswer>((resolve, reject) => {
    const get = url.startsWith('https:') ? (require('node:https') as typeof import('node:https')).get : (require('node:http') as typeof import('node:http')).get;
    const req = get(url, { headers: requestHeaders(apiKey) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          res.destroy();
          reject(new EarlyBodyTooLarge(`response larger than ${maxBodyBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('finish', sent);
    req.on('error', (err) => {
      sent();
      reject(err);
    });
  });
  // Never an unhandled rejection: the client that takes it sees the error.
  answer.catch(() => undefined);
  started.set(keyOf(url, apiKey), answer);
  return onTheWire;
}

/** The answer of the early request for this URL and key, once (undefined when none was started). */
export function takeEarly(url: string, apiKey: string): Promise<EarlyAnswer> | undefined {
  const key = keyOf(url, apiKey);
  const answer = started.get(key);
  started.delete(key);
  return answer;
}

/** `answer`, or a rejection as soon as `signal` aborts (the timeout or the command's deadline). */
export function untilAborted<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
