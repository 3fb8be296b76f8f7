/**
 * The Slack install flow's edges through the real HTTP endpoints (Bolt in OAuth mode, our state
 * store and installation store on a real SQLite file, the fake Slack): a state is single-use, on
 * every replica sharing the store, and a cancelled or stale install gets a plain page saying that
 * nothing was installed, never a 500 or a secret.
 */
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/app';
import { createDemoSource } from '../../src/demo/source';
import { createLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import { createQuadrantsService } from '../../src/service';
import type { Store } from '../../src/store';
import { removeDir, storeIn, tempDir } from '../digest/helpers';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';

const SIGNING_SECRET = 'oauth-signing-secret-0002';
const STATE_SECRET = 'oauth-state-secret-0002-long-enough';
const AUTHORIZE_URL = 'https://slack.invalid/oauth/v2/authorize';
const service = createQuadrantsService({ source: createDemoSource(), quickchartBaseUrl: 'http://127.0.0.1:9' });

let slack: FakeSlack;
let dir: string;
const stores: Store[] = [];
const adapters: SlackAdapter[] = [];
const logs: string[] = [];

/** One replica: its own adapter and its own connection to the shared SQLite file. */
async function replica(): Promise<string> {
  const store = storeIn(dir);
  stores.push(store);
  const adapter = createSlackAdapter({
    signingSecret: SIGNING_SECRET,
    oauth: { clientId: slack.oauth.clientId, clientSecret: slack.oauth.clientSecret, stateSecret: STATE_SECRET, store, authorizationUrl: AUTHORIZE_URL },
    apiUrl: slack.apiUrl,
    port: 0,
    service,
    limiter: new CommandRateLimiter({ perUserPerMinute: 1000, perTeamPerMinute: 1000 }),
    logger: createLogger({ level: 'debug', write: (line) => void logs.push(line) }),
    retryConfig: { retries: 0 },
  });
  adapters.push(adapter);
  await adapter.start();
  return `http://127.0.0.1:${adapter.port()}`;
}

let base: string;

beforeEach(async () => {
  logs.length = 0;
  slack = await startFakeSlack();
  dir = tempDir('quadrants-slack-oauth-states-');
  base = await replica();
});

afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  for (const s of stores.splice(0)) await s.close();
  await slack.close();
  removeDir(dir);
});

async function startInstall(at = base): Promise<{ state: string; cookie: string }> {
  const res = await fetch(`${at}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') as string);
  const cookie = (res.headers.get('set-cookie') as string).split(';')[0] as string;
  return { state: location.searchParams.get('state') as string, cookie };
}

/** The browser coming back from Slack's consent page with `query`. */
function back(query: Record<string, string>, cookie: string, at = base): Promise<Response> {
  return fetch(`${at}/slack/oauth_redirect?${new URLSearchParams(query)}`, { headers: { cookie } });
}

const installed = (teamId: string) => stores[0]!.getSlackInstallation({ enterpriseId: null, teamId });
/** The page as a person reads it: its text, tags dropped. */
const readable = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function expectNoSecrets(text: string): void {
  for (const secret of [slack.oauth.clientSecret, STATE_SECRET, SIGNING_SECRET]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/xox[bp]-/);
}

test('a state and its cookie from a finished install cannot complete a second install', async () => {
  const { state, cookie } = await startInstall();
  const first = await back({ code: slack.oauth.consent('TA'), state }, cookie);
  expect(first.status).toBe(200);
  expect(await installed('TA')).not.toBeNull();

  // The same browser state and cookie, replayed with a fresh code for another workspace.
  const replay = await back({ code: slack.oauth.consent('TB'), state }, cookie);
  expect(replay.status).toBe(400);
  const page = await readable(replay);
  expect(page).toContain('Nothing was installed');
  expect(page).toContain('already used');
  expectNoSecrets(page);
  expect(await installed('TB')).toBeNull();
  // Only the first install exchanged its code for a token.
  expect(slack.callsTo('oauth.v2.access')).toHaveLength(1);
});

test('a state used on one replica is refused on another replica sharing the store', async () => {
  const other = await replica();
  const { state, cookie } = await startInstall(base);
  expect((await back({ code: slack.oauth.consent('TA'), state }, cookie, base)).status).toBe(200);
  const replay = await back({ code: slack.oauth.consent('TB'), state }, cookie, other);
  expect(replay.status).toBe(400);
  expect(await installed('TB')).toBeNull();
  // A state started on one replica still completes on the other the first time.
  const fresh = await startInstall(other);
  expect((await back({ code: slack.oauth.consent('TC'), state: fresh.state }, fresh.cookie, base)).status).toBe(200);
  expect(await installed('TC')).not.toBeNull();
});

test('cancelling on the consent page (error=access_denied) gets a plain page saying nothing was installed', async () => {
  const { state, cookie } = await startInstall();
  const res = await back({ error: 'access_denied', state }, cookie);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  // The state cookie is cleared, as after any finished attempt.
  expect(res.headers.get('set-cookie')).toContain('slack-app-oauth-state=deleted');
  const page = await readable(res);
  expect(page).toContain('Nothing was installed');
  expect(page).toContain('You cancelled the installation');
  expect(page).not.toMatch(/slack_oauth|Oops|error/i);
  expectNoSecrets(page);
  expect(slack.callsTo('oauth.v2.access')).toEqual([]);
  expect(await installed('TA')).toBeNull();
  // Starting again from the install link works.
  const again = await startInstall();
  expect((await back({ code: slack.oauth.consent('TA'), state: again.state }, again.cookie)).status).toBe(200);
  expect(await installed('TA')).not.toBeNull();
});

test('a forged state gets the stale-link page (400) and installs nothing', async () => {
  const forged = await back({ code: slack.oauth.consent('TD'), state: 'forged.state' }, 'slack-app-oauth-state=forged.state');
  expect(forged.status).toBe(400);
  expect(await readable(forged)).toContain('Nothing was installed');
  expect(slack.callsTo('oauth.v2.access')).toEqual([]);
  expect(logs.join('\n')).toContain('"slack.install.ended"');
  expectNoSecrets(logs.join('\n'));
});
