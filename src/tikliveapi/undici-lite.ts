/**
 * undici's Agent and `request()` without its index. `require('undici')` also loads fetch, the
 * caches, cookies, WebSocket, EventSource and the mocks: about 100 ms on a quiet machine that a
 * cold `quadrants report` would pay before its first TikLiveAPI request, for nothing it uses.
 * These two files are the ones the index itself re-exports; undici is pinned in package.json,
 * and the TikLiveAPI client tests run every request through this module.
 */
import type { Dispatcher } from 'undici';

type AgentClass = typeof import('undici').Agent;
type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'>;
type ApiRequest = (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;

/** undici's keep-alive Agent class (the same class `require('undici').Agent` gives). */
export const Agent = require('undici/lib/dispatcher/agent.js') as AgentClass;

const apiRequest = require('undici/lib/api/api-request.js') as ApiRequest;

/** `request(url, options)` as undici exports it, through `options.dispatcher` (required here: no global dispatcher is loaded). */
export function request(url: string, options: RequestOptions & { dispatcher: Dispatcher }): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const u = new URL(url);
  return apiRequest.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}` });
}
