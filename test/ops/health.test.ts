import { loadConfig } from '../../src/config/env';
import { QuadrantsError } from '../../src/errors';
import { registerSecret, silentLogger } from '../../src/log';
import { startApp } from '../../src/ops/app';
import { createHealthServer, dispatch, healthRoutes, type HealthServer } from '../../src/ops/health';
import { probe } from '../../src/ops/probe';
import { Readiness } from '../../src/ops/readiness';
import { fakeWorld, getJson } from './helpers';

describe('health endpoints on their own server', () => {
  let server: HealthServer;
  let base: string;
  let connected = false;
  const readiness = new Readiness(() => new Date('2026-11-02T10:00:00.000Z'));
  readiness.add('slack', () => connected);
  readiness.add('store', () => true);

  beforeAll(async () => {
    server = createHealthServer(healthRoutes(readiness));
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  it('/healthz answers 200 { ok: true } while the process is alive', async () => {
    expect(await getJson(`${base}/healthz`)).toEqual({ status: 200, body: { ok: true } });
    expect((await getJson(`${base}/healthz?probe=1`)).status).toBe(200);
  });

  it('/readyz is 503 until the adapter connects, then 200, listing each component', async () => {
    const before = await getJson(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({ ok: false, components: { slack: { ready: false }, store: { ready: true } }, lastUpstreamError: null });
    connected = true;
    const after = await getJson(`${base}/readyz`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ ok: true, components: { slack: { ready: true }, store: { ready: true } } });
  });

  it('/readyz shows the last upstream error, shortened and without secrets', async () => {
    readiness.recordUpstreamError(new QuadrantsError('OUT_OF_CREDITS', 'HTTP 402 from upstream'));
    const { body } = await getJson(`${base}/readyz`);
    expect(body.lastUpstreamError).toEqual({ code: 'OUT_OF_CREDITS', message: 'HTTP 402 from upstream', at: '2026-11-02T10:00:00.000Z' });
  });

  it('never serves a registered secret in the last upstream error', async () => {
    registerSecret('tla-health-secret-0002');
    readiness.recordUpstreamError(new QuadrantsError('BAD_API_KEY', 'GET /user/posts?key=tla-health-secret-0002 returned 401'));
    const res = await fetch(`${base}/readyz`);
    const text = await res.text();
    expect(text).not.toContain('tla-health-secret-0002');
    expect(text).toContain('[redacted]');
  });

  it('the container HEALTHCHECK probe passes against /healthz and fails on a closed port', async () => {
    const port = Number(new URL(base).port);
    await expect(probe(port)).resolves.toBe(true);
    const closed = createHealthServer([]);
    const closedPort = await closed.listen(0, '127.0.0.1');
    await closed.close();
    await expect(probe(closedPort)).resolves.toBe(false);
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    expect((await getJson(`${base}/nope`)).status).toBe(404);
    const res = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    await res.arrayBuffer();
  });
});

describe('health endpoints shared with Slack HTTP mode', () => {
  it('hands /healthz and /readyz to the Slack adapter as routes and opens no port of its own', async () => {
    // Slack's server owns PORT; a blocker holds it so a second listener would fail with EADDRINUSE.
    const blocker = createHealthServer([]);
    const port = await blocker.listen(0);
    const world = fakeWorld();
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-health-0001', SLACK_SIGNING_SECRET: 'health-signing-0001', PORT: String(port) });
    const app = await startApp(config, world.deps, { logger: silentLogger }).finally(() => blocker.close());
    const ctx = world.slack.ctx as { extraRoutes?: ReturnType<typeof healthRoutes>; port: number };
    expect(app.port).toBe(port);
    expect(ctx.port).toBe(port);
    expect(ctx.extraRoutes?.map((r) => r.path)).toEqual(['/healthz', '/readyz']);

    // Serve the handed-over routes the way Bolt's HTTPReceiver would (its customRoutes).
    const slackServer = createHealthServer(ctx.extraRoutes ?? []);
    const base = `http://127.0.0.1:${await slackServer.listen(0, '127.0.0.1')}`;
    try {
      expect((await getJson(`${base}/readyz`)).status).toBe(503);
      world.slack.isConnected = true;
      const ready = await getJson(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body.components).toEqual({ store: { ready: true }, slack: { ready: true } });
    } finally {
      await slackServer.close();
      await app.shutdown('test');
    }
  });

  it('dispatch routes by path and ignores the query string', () => {
    const calls: string[] = [];
    const handle = dispatch([{ path: '/a', method: ['GET'], handler: () => void calls.push('a') }]);
    handle({ url: '/a?x=1', method: 'GET' } as never, {} as never);
    expect(calls).toEqual(['a']);
  });
});
