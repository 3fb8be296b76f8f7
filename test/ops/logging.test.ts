/**
 * No log line contains a configured secret: a report, a failing report, a digest pass (real SQLite
 * store, runner and scheduler) and a chat error go through the process's own logger with fake
 * secrets, and every line is searched.
 */
import { runDueDigests, startDigestScheduler, type DigestScheduler } from '../../src/digest';
import { DeliveryError, type DigestDelivery } from '../../src/digest/types';
import { QuadrantsError } from '../../src/errors';
import { openStore } from '../../src/store';
import { main } from '../../src/ops/run';
import type { SchedulerContext } from '../../src/ops/app';
import { subInput } from '../digest/helpers';
import { fakeIo, fakeWorld } from './helpers';

const SECRETS = {
  TIKLIVEAPI_KEY: 'tla-log-secret-key-7f3a',
  SLACK_BOT_TOKEN: 'xoxb-log-secret-bot-7f3a',
  SLACK_APP_TOKEN: 'xapp-log-secret-app-7f3a',
  DISCORD_TOKEN: 'log-secret-discord-token-7f3a',
};

describe('structured logs', () => {
  it('never contain a configured secret, whatever field it hides in', async () => {
    const world = fakeWorld();
    // The real SQLite store, digest runner and scheduler, with one subscription due now.
    const store = openStore(':memory:');
    const now = new Date('2026-11-01T10:00:00.000Z');
    await store.saveSubscription(
      subInput({ creatorUsername: 'digested', creatorUserid: '6900000000000000002' }),
      new Date('2026-10-15T00:00:00.000Z'),
    );
    let storeOpen = true;
    world.deps.openStore = () => ({ isOpen: () => storeOpen, close: async () => { storeOpen = false; await store.close(); } });
    // The chat API echoes the token in its error, as some HTTP clients do.
    world.slack.digestDelivery = {
      platform: 'slack',
      findPosted: async () => null,
      post: async () => {
        throw new DeliveryError('the Slack API is not answering', { cause: new Error(`POST with Bearer ${SECRETS.SLACK_BOT_TOKEN} failed`) });
      },
    };
    let catchUp: Promise<unknown> | undefined;
    world.deps.createScheduler = (ctx: SchedulerContext) => {
      let scheduler: DigestScheduler | undefined;
      return {
        start: () => {
          scheduler = startDigestScheduler({
            run: () =>
              ctx.inflight.run(() =>
                runDueDigests({ store, service: ctx.service, deliveries: [world.slack.digestDelivery as DigestDelivery], logger: ctx.logger, now: () => now, sleep: async () => undefined }),
              ),
            logger: ctx.logger,
            // No real cron in tests: the start-up catch-up pass is the digest run under test.
            schedule: () => ({ destroy: () => undefined }),
          });
          catchUp = scheduler.catchUp;
        },
        stop: () => scheduler?.stop(),
      };
    };
    const io = fakeIo();
    const env = { ...SECRETS, DISCORD_APPLICATION_ID: '123456789012345678', PORT: '0', LOG_LEVEL: 'debug' };
    const result = await main([], env, io, () => world.deps);
    if (result.code !== null) throw new Error(`did not start: ${io.err.join('\n')}`);
    const ctx = world.slack.ctx;
    if (!ctx || !catchUp) throw new Error('not wired');

    ctx.logger.info('command.received', { platform: 'slack', command: 'report', team: 'T1', user: 'U1' });
    await ctx.service.report({ creator: '@creator', posts: 10 });
    world.service.failNext(
      new QuadrantsError('BAD_API_KEY', `401 for https://api.tikliveapi.com/user/posts?key=${SECRETS.TIKLIVEAPI_KEY}`),
    );
    await expect(ctx.service.report({ creator: '@creator', posts: 10 })).rejects.toMatchObject({ code: 'BAD_API_KEY' });
    await catchUp;
    ctx.logger.error('chat.error', {
      platform: 'discord',
      error: new Error(`gateway refused token ${SECRETS.DISCORD_TOKEN} (app ${SECRETS.SLACK_APP_TOKEN})`),
      settings: { token: SECRETS.SLACK_BOT_TOKEN, url: `https://api.example.test/?key=${SECRETS.TIKLIVEAPI_KEY}` },
    });
    await result.app.shutdown('test');

    const lines = io.logs;
    const events = lines.map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events).toEqual(
      expect.arrayContaining(['app.started', 'command.received', 'upstream.error', 'digest.retry-later', 'digest.run', 'chat.error', 'shutdown.done']),
    );
    for (const line of lines) {
      for (const secret of Object.values(SECRETS)) expect(line).not.toContain(secret);
    }
    const upstream = lines.map((l) => JSON.parse(l)).find((l) => l.event === 'upstream.error');
    expect(upstream).toMatchObject({ level: 'warn', op: 'report', code: 'BAD_API_KEY' });
    expect(upstream.error.message).toContain('[redacted]');
    expect(result.app.readiness.snapshot().lastUpstreamError).toMatchObject({ code: 'BAD_API_KEY' });
    expect(JSON.stringify(result.app.readiness.snapshot())).not.toContain(SECRETS.TIKLIVEAPI_KEY);
    expect(storeOpen).toBe(false);
  });

  it('respects LOG_LEVEL', async () => {
    const world = fakeWorld();
    const io = fakeIo();
    const env = { DISCORD_TOKEN: 'log-level-token-0001', DISCORD_APPLICATION_ID: '1', PORT: '0', LOG_LEVEL: 'warn' };
    const result = await main([], env, io, () => world.deps);
    if (result.code !== null) throw new Error('did not start');
    await result.app.shutdown('test');
    const levels = new Set(io.logs.map((l) => (JSON.parse(l) as { level: string }).level));
    expect([...levels]).toEqual(['warn']); // the demo-data warning, nothing at info
  });
});
