/**
 * The HTTP transport discord.js REST uses here: the project's undici with the adapter's own Agent
 * (src/ops/http-transport.ts), and the REST options of the clients that post digests.
 *
 * Why not @discordjs/rest's default: it calls its bundled undici 6 `request` with no dispatcher, so
 * requests go through whichever undici Agent was installed globally first. When the project's
 * undici 7 (TikLiveAPI client, QuickChart) loads first, multipart uploads (the chart PNG) fail with
 * "action is not a function", because undici 7 cannot read Node's built-in FormData. Here the
 * multipart body is serialised by Node's own Response first, and the Agent is ours, so the result
 * does not depend on import order.
 */
import { REST, type RESTOptions } from 'discord.js';
import { createHttpTransport } from '../../src/ops/http-transport';

export interface DiscordHttp {
  makeRequest: RESTOptions['makeRequest'];
  close(): Promise<void>;
}

/** A transport with its own connection pool (src/ops/http-transport.ts); close() when the client is destroyed. */
export function createDiscordHttp(): DiscordHttp {
  const http = createHttpTransport();
  return { makeRequest: http.makeRequest as RESTOptions['makeRequest'], close: () => http.close() };
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
