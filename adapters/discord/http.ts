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
import type { RESTOptions } from 'discord.js';
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
