/**
 * A fake QuickChart: a real node:http server on 127.0.0.1 answering GET /chart and POST /chart
 * with a 1x1 PNG. Records every request (method, path, parsed body). No jest globals: the
 * benchmark imports it too.
 *
 *   const qc = await startFakeQuickChart();
 *   const png = await renderChartPng(config, qc.url);
 *   qc.failNext(503);        // the next request answers 503
 *   await qc.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A valid 1x1 PNG (signature, IHDR, IDAT, IEND). */
export const ONE_PIXEL_PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
  0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

export interface FakeQuickChartRequest {
  method: string;
  /** Path and query as requested, e.g. "/chart?c=…". */
  path: string;
  /** POST: the parsed JSON body (or the raw text when it is not JSON); GET: null. */
  body: unknown;
}

export interface FakeQuickChart {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  readonly url: string;
  readonly requests: FakeQuickChartRequest[];
  /** The next request answers `status` with a short text body instead of a PNG. */
  failNext(status: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Starts the fake on an ephemeral port. */
export async function startFakeQuickChart(): Promise<FakeQuickChart> {
  const requests: FakeQuickChartRequest[] = [];
  const failures: number[] = [];
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const text = method === 'POST' ? await readBody(req) : '';
    requests.push({ method, path, body: method === 'POST' ? parse(text) : null });
    const status = failures.shift();
    if (status !== undefined) {
      res.writeHead(status, { 'content-type': 'text/plain', 'x-quickchart-error': 'fake failure' });
      res.end('fake failure');
      return;
    }
    const pathname = path.split('?')[0] ?? '';
    if (!pathname.endsWith('/chart') || (method !== 'GET' && method !== 'POST')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(ONE_PIXEL_PNG.length) });
    res.end(ONE_PIXEL_PNG);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status) => {
      failures.push(status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
