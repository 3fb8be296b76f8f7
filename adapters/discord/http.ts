/**
 * The HTTP transport discord.js REST uses here: the project's undici with the adapter's own Agent.
 *
 * Why not @discordjs/rest's default: it calls its bundled undici 6 `request` with no dispatcher, so
 * requests go through whichever undici Agent was installed globally first. When the project's
 * undici 7 (TikLiveAPI client, QuickChart) loads first, multipart uploads (the chart PNG) fail with
 * "action is not a function", because undici 7 cannot read Node's built-in FormData. Here the
 * multipart body is serialised by Node's own Response first, and the Agent is ours, so the result
 * does not depend on import order.
 */
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import { REST, type RESTOptions } from 'discord.js';
import { Agent, request } from 'undici';

export interface DiscordHttp {
  makeRequest: RESTOptions['makeRequest'];
  close(): Promise<void>;
}

type Init = Parameters<RESTOptions['makeRequest']>[1];

/** Turns any body @discordjs/rest builds into bytes or a string, with its content type when it sets one. */
async function resolveBody(body: unknown): Promise<{ data: string | Uint8Array | null; contentType: string | null }> {
  if (body === null || body === undefined) return { data: null, contentType: null };
  if (typeof body === 'string' || body instanceof Uint8Array) return { data: body, contentType: null };
  // FormData, Blob, URLSearchParams…: Node's own Response encodes them (multipart boundary included).
  const encoded = new Response(body as ConstructorParameters<typeof Response>[0]);
  return { data: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') };
}

function headerRecord(headers: unknown, contentType: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers as ConstructorParameters<typeof Headers>[0]).forEach((value, key) => {
    out[key] = value;
  });
  if (contentType) out['content-type'] = contentType;
  return out;
}

/** A transport with its own connection pool; close() when the client is destroyed. */
export function createDiscordHttp(): DiscordHttp {
  // Long keep-alive: interaction bursts reuse warm connections instead of opening one per request.
  const agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 30_000 } });
  const makeRequest = async (url: string, init: Init) => {
    const { data, contentType } = await resolveBody(init.body);
    const res = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers: headerRecord(init.headers, contentType),
      body: data,
      signal: init.signal ?? undefined,
      dispatcher: agent,
    });
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
  };
  return { makeRequest: makeRequest as RESTOptions['makeRequest'], close: () => agent.close() };
}

/**
 * REST options of every client that posts digests: no retries of its own. @discordjs/rest sends a
 * request again by itself after a 5xx or a network error, and a digest POST that landed but was
 * answered 500 then lands twice (Discord keeps `enforce_nonce` only for a few minutes, and not every
 * proxy honours it). With 0, the 5xx reaches the digest runner, which looks the digest up before it
 * posts again. A 429 is unaffected: @discordjs/rest waits out `Retry-After` and sends it again
 * whatever `retries` says, which is safe because a rate-limited request did not take effect.
 */
export const DIGEST_REST_OPTIONS = { retries: 0 } as const satisfies Partial<RESTOptions>;

/**
 * `rest` itself when it already never retries, otherwise a copy with the same options (transport,
 * API base, timeouts) and `retries: 0`, holding `token`. The copy's sweep timers are unref'd.
 */
export function digestRestFrom(rest: REST, token: string | undefined): REST {
  if (rest.options.retries === DIGEST_REST_OPTIONS.retries) return rest;
  if (!token) throw new Error('a Discord REST client that retries by itself needs the bot token to be copied for digests');
  return new REST({ ...rest.options, ...DIGEST_REST_OPTIONS }).setToken(token);
}
