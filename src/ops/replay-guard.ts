/**
 * Signed webhooks (Slack HTTP mode), before the SDK's signature check: a request stamped more than
 * five minutes in the future is refused (SDKs only refuse old ones), and a request whose signature
 * was already seen inside the five-minute window is a replay and is refused too. Both get 401 and
 * do no work. The platform names its headers and the log event.
 *
 * The seen signatures live in this process; behind a load balancer with several replicas, a
 * replay sent to another replica is caught only by the platform's own five-minute window.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../log';

/** The window of a signed request (Slack's), in seconds. */
export const WINDOW_SECONDS = 5 * 60;
/** Signatures remembered at most (each expires after the window); enough for any real workspace. */
const MAX_REMEMBERED = 100_000;

export interface ReplayGuardOptions {
  /** Only requests to these paths are checked (the events path). */
  paths: readonly string[];
  /** The request's timestamp (seconds) and signature headers, lower case. */
  headers: { timestamp: string; signature: string };
  /** The log event of a refusal. */
  event: string;
  logger: Logger;
  /** Injectable clock, milliseconds. */
  now?: () => number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function refuse(res: ServerResponse): void {
  res.writeHead(401).end();
}

/** Wraps the SDK's request listener. */
export function replayGuard(next: RequestListener, options: ReplayGuardOptions): RequestListener {
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  const prune = (t: number): void => {
    for (const [sig, until] of seen) if (until <= t) seen.delete(sig);
  };
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !options.paths.includes(path)) return next(req, res);
    const t = now();
    const stamp = Number(header(req, options.headers.timestamp));
    const signature = header(req, options.headers.signature);
    if (Number.isFinite(stamp) && stamp * 1000 > t + WINDOW_SECONDS * 1000) {
      options.logger.warn(options.event, { reason: 'timestamp in the future' });
      return refuse(res);
    }
    if (signature) {
      const until = seen.get(signature);
      if (until !== undefined && until > t) {
        options.logger.warn(options.event, { reason: 'replayed signature' });
        return refuse(res);
      }
      if (seen.size >= MAX_REMEMBERED) prune(t);
      // Remembered until the request could no longer pass the timestamp check anyway.
      if (seen.size < MAX_REMEMBERED) seen.set(signature, (Number.isFinite(stamp) ? stamp * 1000 : t) + WINDOW_SECONDS * 1000 + 60_000);
    }
    return next(req, res);
  };
}
