/**
 * The container HEALTHCHECK: `node dist/src/ops/probe.js` asks this process's /healthz on PORT.
 * Slim images have no curl, and node is already there.
 */
import { request } from 'node:http';

/** Resolves true when GET /healthz on 127.0.0.1:port answers 200 within `timeoutMs`. */
export function probe(port: number, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  probe(Number.isInteger(port) ? port : 3000).then((ok) => process.exit(ok ? 0 : 1));
}
