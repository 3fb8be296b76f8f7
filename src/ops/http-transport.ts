/**
 * A fetch-shaped HTTP transport on the project's undici with its own keep-alive Agent. Any body a
 * client builds (string, bytes, FormData, Blob, URLSearchParams) is encoded by Node's own Response
 * first, so the result never depends on which undici was loaded first or installed globally. The
 * Discord adapter hands it to discord.js REST (adapters/discord/http.ts says why).
 */
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';

/** What a client passes with a request: the part of fetch's RequestInit read here. */
export interface TransportInit {
  method?: string | undefined;
  headers?: unknown;
  body?: unknown;
  signal?: AbortSignal | null | undefined;
}

export interface HttpTransport {
  makeRequest(url: string, init: TransportInit): Promise<TransportResponse>;
  close(): Promise<void>;
}

/** Turns any body a client builds into bytes or a string, with its content type when it sets one. */
async function resolveBody(body: unknown): Promise<{ data: string | Uint8Array | null; contentType: string | null }> {
  if (body === null || body === undefined) return { data: null, contentType: null };
  if (typeof body === 'string' || body instanceof Uint8Array) return { data: body, contentType: null };
  // FormData, Blob, URLSearchParams…: Node's own Response encodes them (multipart boundary included).
  const encoded = new Response(body as ConstructorParameters<typeof Response>[0]);
  return { data: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') };
}

/** A header object literal (what discord.js REST passes), as opposed to a Headers, an array of pairs… */
function isPlainRecord(headers: unknown): headers is Record<string, unknown> {
  return typeof headers === 'object' && headers !== null && Object.getPrototypeOf(headers) === Object.prototype;
}

/**
 * The headers as undici takes them: names in lower case, as fetch's Headers gives them. An object
 * literal is read directly (a Headers per request was a measurable part of each Discord
 * acknowledgement in a burst); undici still refuses an invalid name or value.
 */
function headerRecord(headers: unknown, contentType: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (isPlainRecord(headers)) {
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined) continue;
      const key = name.toLowerCase();
      const value = String(raw).trim();
      out[key] = key in out ? `${out[key]}, ${value}` : value;
    }
  } else {
    new Headers(headers as ConstructorParameters<typeof Headers>[0]).forEach((value, key) => {
      out[key] = value;
    });
  }
  if (contentType) out['content-type'] = contentType;
  return out;
}

/** undici's answer with the fields of fetch's Response that a REST client reads. */
function responseOf(res: Dispatcher.ResponseData) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return {
    body: res.body as Readable,
    arrayBuffer: () => res.body.arrayBuffer(),
    json: () => res.body.json(),
    text: () => res.body.text(),
    get bodyUsed() {
      return res.body.bodyUsed;
    },
    headers,
    status: res.statusCode,
    statusText: STATUS_CODES[res.statusCode] ?? '',
    ok: res.statusCode >= 200 && res.statusCode < 300,
  };
}

export type TransportResponse = ReturnType<typeof responseOf>;

/** A transport with its own connection pool; close() when the client is destroyed. */
export function createHttpTransport(): HttpTransport {
  // Long keep-alive: interaction bursts reuse warm connections instead of opening one per request.
  const agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 30_000 } });
  return {
    async makeRequest(url, init) {
      const { data, contentType } = await resolveBody(init.body);
      const res = await request(url, {
        method: (init.method ?? 'GET') as 'GET',
        headers: headerRecord(init.headers, contentType),
        body: data,
        signal: init.signal ?? undefined,
        dispatcher: agent,
      });
      return responseOf(res);
    },
    close: () => agent.close(),
  };
}
