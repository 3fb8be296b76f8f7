/**
 * Slack distribution end to end: real Bolt in OAuth mode (HTTP, Bolt's installer, our installation
 * store on a real SQLite file) against the fake Slack. Two workspaces install through
 * /slack/install → Slack's consent → /slack/oauth_redirect; each is then answered, and sent its
 * digests, with its own bot token; uninstalling removes the installation and stops that
 * workspace's subscriptions; a forged state installs nothing.
 */
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/app';
import { DIGEST_EVENT_TYPE } from '../../adapters/slack/digest';
import { REVOKED_REASON, UNINSTALLED_REASON } from '../../src/store/slack-workspaces';
import { runDueDigests } from '../../src/digest';
import { createLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import { createQuadrantsService, type QuadrantsService } from '../../src/service';
import type { Store, Subscription } from '../../src/store';
import { createTikLiveApiSource, type TikLiveApiSource } from '../../src/tikliveapi/source';
import { addSub, removeDir, storeIn, tempDir } from '../digest/helpers';
import { startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../fakes/slack';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';

const CREATOR = { username: 'mossy.kitchen', userid: '6912345678901234567' };
const SIGNING_SECRET = 'oauth-signing-secret-0001';
const STATE_SECRET = 'oauth-state-secret-0001-long-enough';
const AUTHORIZE_URL = 'https://slack.invalid/oauth/v2/authorize';

let slack: FakeSlack;
let api: FakeTikLiveApi;
let qc: FakeQuickChart;
let source: TikLiveApiSource;
let service: QuadrantsService;
let store: Store;
let adapter: SlackAdapter;
let dir: string;
let base: string;
const logs: string[] = [];
const logWaiters: Array<() => void> = [];

beforeEach(async () => {
  logs.length = 0;
  slack = await startFakeSlack();
  api = await startFakeTikLiveApi();
  qc = await startFakeQuickChart();
  api.addCreator({ ...CREATOR, videos: rawVideos(30) });
  source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, cacheTtlMs: 0, maxAttempts: 1, retryBaseMs: 1, burst: 10_000, requestsPerMinute: 1_000_000 });
  service = createQuadrantsService({ source, quickchartBaseUrl: qc.url });
  dir = tempDir('quadrants-slack-oauth-');
  store = storeIn(dir);
  adapter = createSlackAdapter({
    signingSecret: SIGNING_SECRET,
    oauth: { clientId: slack.oauth.clientId, clientSecret: slack.oauth.clientSecret, stateSecret: STATE_SECRET, store, authorizationUrl: AUTHORIZE_URL },
    apiUrl: slack.apiUrl,
    port: 0,
    service,
    limiter: new CommandRateLimiter({ perUserPerMinute: 1000, perTeamPerMinute: 1000 }),
    logger: createLogger({
      level: 'debug',
      write: (line) => {
        logs.push(line);
        for (const wake of logWaiters.splice(0)) wake();
      },
    }),
    retryConfig: { retries: 0 },
  });
  await adapter.start();
  base = `http://127.0.0.1:${adapter.port()}`;
});

afterEach(async () => {
  await adapter.stop();
  await source.close();
  await store.close();
  await Promise.all([slack.close(), api.close(), qc.close()]);
  removeDir(dir);
});

/** Resolves once a log line with `event` has been written (re-checked on every new line). */
async function logged(event: string): Promise<Record<string, unknown>> {
  for (;;) {
    const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === event);
    if (line) return line;
    await new Promise<void>((resolve) => logWaiters.push(resolve));
  }
}

/** Starts an install in a browser: the state Slack is sent to carry, and the cookie that binds it to this browser. */
async function startInstall(): Promise<{ state: string; cookie: string; location: URL }> {
  const res = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') as string);
  const cookie = (res.headers.get('set-cookie') as string).split(';')[0] as string;
  return { state: location.searchParams.get('state') as string, cookie, location };
}

/** The browser coming back from Slack's consent page. */
function redirect(code: string, state: string, cookie?: string): Promise<Response> {
  const query = new URLSearchParams({ code, state });
  return fetch(`${base}/slack/oauth_redirect?${query}`, { headers: cookie ? { cookie } : {} });
}

async function install(teamId: string): Promise<string> {
  const { state, cookie } = await startInstall();
  const res = await redirect(slack.oauth.consent(teamId), state, cookie);
  expect(res.status).toBe(200);
  return slack.oauth.workspace(teamId)?.botToken as string;
}

const postsWith = (token: string): SlackCall[] => slack.callsTo('chat.postMessage').filter((c) => c.auth === `Bearer ${token}`);

async function report(teamId: string): Promise<void> {
  const res = await slack.sendSignedCommand(`${base}/slack/events`, SIGNING_SECRET, { team_id: teamId, text: `@${CREATOR.username}` });
  expect(res.status).toBe(200);
}

describe('Slack distribution (OAuth)', () => {
  it('installs two workspaces and answers each with its own bot token', async () => {
    const { location } = await startInstall();
    expect(location.origin + location.pathname).toBe(AUTHORIZE_URL);
    expect(location.searchParams.get('client_id')).toBe(slack.oauth.clientId);
    expect(location.searchParams.get('scope')).toBe('commands,chat:write,files:write,channels:history,groups:history');

    const tokenA = await install('TA');
    const tokenB = await install('TB');
    expect(tokenA).not.toBe(tokenB);
    expect((await store.getSlackInstallation({ enterpriseId: null, teamId: 'TA' }))?.botToken).toBe(tokenA);
    expect((await store.getSlackInstallation({ enterpriseId: null, teamId: 'TB' }))?.botToken).toBe(tokenB);
    // The installer checked each new token with auth.test before storing it.
    expect(slack.callsTo('auth.test').map((c) => c.auth)).toEqual([`Bearer ${tokenA}`, `Bearer ${tokenB}`]);

    await report('TA');
    await slack.waitFor(() => postsWith(tokenA)[0], "workspace A's report");
    await report('TB');
    await slack.waitFor(() => postsWith(tokenB)[0], "workspace B's report");
    // Every post went out with the token of the workspace that asked, never the other one's.
    expect(slack.callsTo('chat.postMessage').every((c) => c.auth === `Bearer ${tokenA}` || c.auth === `Bearer ${tokenB}`)).toBe(true);
    expect(postsWith(tokenA).length).toBeGreaterThan(0);

    const text = logs.join('\n');
    for (const secret of [tokenA, tokenB, slack.oauth.clientSecret, STATE_SECRET, SIGNING_SECRET]) expect(text).not.toContain(secret);
  });

  it('posts each workspace digest with that workspace token', async () => {
    const tokenA = await install('TA');
    const tokenB = await install('TB');
    await addSub(store, '2026-12-10T12:00:00Z', { workspaceId: 'TA', channelId: 'CA', creatorUsername: CREATOR.username, creatorUserid: CREATOR.userid });
    await addSub(store, '2026-12-10T12:00:00Z', { workspaceId: 'TB', channelId: 'CB', creatorUsername: CREATOR.username, creatorUserid: CREATOR.userid });
    const summary = await runDueDigests({ store, service, deliveries: [adapter.digestDelivery], now: () => new Date('2027-01-01T10:00:00Z'), sleep: async () => undefined });
    expect(summary.posted).toBe(2);
    const digests = slack
      .callsTo('chat.postMessage')
      .filter((c) => (c.body.metadata as { event_type?: string } | undefined)?.event_type === DIGEST_EVENT_TYPE)
      .map((c) => [c.body.channel, c.auth]);
    expect(digests.sort()).toEqual([
      ['CA', `Bearer ${tokenA}`],
      ['CB', `Bearer ${tokenB}`],
    ]);
  });

  it('refuses a forged state, and a real state coming back in another browser', async () => {
    const forged = await redirect(slack.oauth.consent('TC'), 'forged-state', 'slack-app-oauth-state=forged-state');
    expect(forged.status).toBeGreaterThanOrEqual(400);
    const { state } = await startInstall();
    const stolen = await redirect(slack.oauth.consent('TC'), state);
    expect(stolen.status).toBeGreaterThanOrEqual(400);
    expect(await store.getSlackInstallation({ enterpriseId: null, teamId: 'TC' })).toBeNull();
    // Neither got as far as exchanging the code for a token.
    expect(slack.callsTo('oauth.v2.access')).toEqual([]);
  });

  it('uninstalling removes that workspace installation and stops its subscriptions only', async () => {
    await install('TA');
    const tokenB = await install('TB');
    const subA = await addSub(store, '2026-12-10T12:00:00Z', { workspaceId: 'TA', channelId: 'CA' });
    const subB = await addSub(store, '2026-12-10T12:00:00Z', { workspaceId: 'TB', channelId: 'CB' });

    slack.oauth.revoke('TA');
    const res = await slack.sendSignedEvent(`${base}/slack/events`, SIGNING_SECRET, 'TA', { type: 'app_uninstalled' });
    expect(res.status).toBe(200);
    expect(await logged('slack.uninstalled')).toMatchObject({ trigger: 'app_uninstalled', teamId: 'TA', removed: true, paused: 1 });

    expect(await store.getSlackInstallation({ enterpriseId: null, teamId: 'TA' })).toBeNull();
    expect(await store.getSubscription(subA.id)).toMatchObject<Partial<Subscription>>({ status: 'disabled', disabledReason: UNINSTALLED_REASON });
    expect(await store.getSubscription(subB.id)).toMatchObject<Partial<Subscription>>({ status: 'active' });

    // Workspace A is no longer answered; B still is, with its own token.
    await report('TA');
    await report('TB');
    await slack.waitFor(() => postsWith(tokenB)[0], "workspace B's report");
    expect(slack.callsTo('chat.postMessage').filter((c) => c.auth !== `Bearer ${tokenB}`)).toEqual([]);
  });

  it("revoking the bot token counts as leaving; revoking only a user's token does not", async () => {
    await install('TB');
    const sub = await addSub(store, '2026-12-10T12:00:00Z', { workspaceId: 'TB', channelId: 'CB' });
    await slack.sendSignedEvent(`${base}/slack/events`, SIGNING_SECRET, 'TB', { type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } });
    await slack.sendSignedEvent(`${base}/slack/events`, SIGNING_SECRET, 'TB', { type: 'tokens_revoked', tokens: { bot: ['U0BOTTB'] } });
    expect(await logged('slack.uninstalled')).toMatchObject({ trigger: 'tokens_revoked', teamId: 'TB', paused: 1 });
    expect(logs.filter((l) => l.includes('"slack.uninstalled"'))).toHaveLength(1);
    expect(await store.getSlackInstallation({ enterpriseId: null, teamId: 'TB' })).toBeNull();
    expect(await store.getSubscription(sub.id)).toMatchObject<Partial<Subscription>>({ status: 'disabled', disabledReason: REVOKED_REASON });
  });
});
