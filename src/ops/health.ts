/**
 * /healthz and /readyz as plain request handlers, served either by our own small HTTP server
 * or, when Slack runs in HTTP mode, as Bolt custom routes on Slack's server (one port for both).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readiness } from './readiness';

/** Shape-compatible with Bolt's `CustomRoute`, so the same list can be passed as `customRoutes`. */
export interface HttpRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** 200 `{ ok: true }` while the process is alive and its event loop answers. */
export function healthzHandler(_req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, { ok: true });
}

/** 200 when every component is ready, else 503; the body lists each component. */
export function readyzHandler(readiness: Readiness): HttpRoute['handler'] {
  return (_req, res) => {
    const snap = readiness.snapshot();
    sendJson(res, snap.ready ? 200 : 503, { ok: snap.ready, ...snap });
  };
}

/** The two health routes, for our server or for Bolt's `customRoutes`. */
export function healthRoutes(readiness: Readiness): HttpRoute[] {
  return [
    { path: '/healthz', method: ['GET', 'HEAD'], handler: healthzHandler },
    { path: '/readyz', method: ['GET', 'HEAD'], handler: readyzHandler(readiness) },
  ];
}

/** Routes a request by path (query string ignored) and method. */
export function dispatch(routes: readonly HttpRoute[]): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path);
    if (!route) return sendJson(res, 404, { ok: false, error: 'not found' });
    if (!route.method.includes(req.method ?? 'GET')) {
      res.setHeader('allow', route.method.join(', '));
      return sendJson(res, 405, { ok: false, error: 'method not allowed' });
    }
    route.handler(req, res);
  };
}

export interface HealthServer {
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** A standalone HTTP server for the health routes (used unless Slack's HTTP mode owns the port). */
export function createHealthServer(routes: readonly HttpRoute[]): HealthServer {
  const server: Server = createServer(dispatch(routes));
  // Probes are short; idle keep-alive sockets must not hold up shutdown.
  server.keepAliveTimeout = 1000;
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
