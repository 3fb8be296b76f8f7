/**
 * The chart pool's worker thread: draws one chart at a time with the in-process renderer and
 * posts the PNG back (the buffer is transferred, not copied). Runs only inside a worker started by
 * ./pool.ts; Chart.js, the canvas and the font are loaded here, never in the main thread.
 *
 * `workerData.renderModule` (tests only) names another module exporting `renderPng`, so a test can
 * make a render throw, hang or kill the thread and watch the pool recover.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ChartConfig } from './types';

/** main -> worker. */
export interface RenderRequest {
  id: number;
  config: ChartConfig;
}

/** worker -> main. */
export type RenderReply = { id: number; ok: true; png: Uint8Array } | { id: number; ok: false; message: string };

type RenderFn = (config: ChartConfig) => Buffer | Promise<Buffer>;

function loadRenderer(): RenderFn {
  const custom = (workerData as { renderModule?: unknown } | null)?.renderModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof custom === 'string') return (require(custom) as { renderPng: RenderFn }).renderPng;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./local') as typeof import('./local')).encodeLocalPng;
}

const port = parentPort;
if (port) {
  const render = loadRenderer();
  port.on('message', (request: RenderRequest) => {
    void (async () => {
      let reply: RenderReply;
      try {
        const png = await render(request.config);
        // A fresh ArrayBuffer of exactly the PNG's bytes: Node's small Buffers share a pool, which cannot be transferred.
        const bytes = new Uint8Array(png.byteLength);
        bytes.set(png);
        reply = { id: request.id, ok: true, png: bytes };
        port.postMessage(reply, [bytes.buffer]);
      } catch (err) {
        reply = { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) };
        port.postMessage(reply);
      }
    })();
  });
}
