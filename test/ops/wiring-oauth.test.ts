/**
 * The composition root in Slack distribution mode: from a validated OAuth configuration, the real
 * wiring opens the store, builds the Slack adapter on it, and an install through the fake Slack
 * lands in that store (where another process, such as `quadrants digest run`, reads it back).
 */
import { createRealDeps } from '../../app/wiring';
import type { SlackAdapter } from '../../adapters/slack/app';
import { loadConfig } from '../../src/config/env';
import { createLogger } from '../../src/log';
import { InFlight } from '../../src/ops/inflight';
import { CommandRateLimiter } from '../../src/ratelimit';
import { openStore } from '../../src/store';
import { removeDir, tempDir } from '../digest/helpers';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';

let slack: FakeSlack;
let dir: string;
beforeEach(async () => {
  slack = await startFakeSlack();
  dir = tempDir('quadrants-wiring-oauth-');
});
afterEach(async () => {
  await slack.close();
  removeDir(dir);
});

it('builds the OAuth Slack adapter on the opened store', async () => {
  const config = loadConfig({
    SLACK_CLIENT_ID: slack.oauth.clientId,
    SLACK_CLIENT_SECRET: slack.oauth.clientSecret,
    SLACK_STATE_SECRET: 'wiring-state-secret-0001',
    SLACK_SIGNING_SECRET: 'wiring-signing-0001',
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: `${dir}/q.db`,
  });
  if (config.slack?.mode !== 'oauth') throw new Error('expected OAuth mode');
  const logger = createLogger({ level: 'silent' });
  const deps = createRealDeps();
  const storeHandle = await deps.openStore(config, logger);
  const service = deps.createService(config, logger);
  const work = { service, limiter: new CommandRateLimiter(config.limits), logger, inflight: new InFlight() };
  const adapter = deps.createSlack(config.slack, { ...work, port: 0 }) as SlackAdapter;
  await adapter.start();
  try {
    const base = `http://127.0.0.1:${adapter.port()}`;
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location') as string).searchParams.get('state') as string;
    const cookie = (start.headers.get('set-cookie') as string).split(';')[0] as string;
    const code = slack.oauth.consent('TW');
    const done = await fetch(`${base}/slack/oauth_redirect?${new URLSearchParams({ code, state })}`, { headers: { cookie } });
    expect(done.status).toBe(200);
    const other = openStore(config.database.url);
    expect((await other.getSlackInstallation({ enterpriseId: null, teamId: 'TW' }))?.botToken).toBe(slack.oauth.workspace('TW')?.botToken);
    await other.close();
  } finally {
    await adapter.stop();
    await storeHandle.close();
  }
});
