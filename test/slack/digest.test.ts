/**
 * Monthly digests through Slack: subscription commands over real Bolt (Socket Mode) against the
 * fake Slack, a real SQLite store in a temp dir, the real service on the fake TikLiveAPI, and the
 * digest runner posting through the Slack DigestDelivery with an injected clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/app';
import { DIGEST_EVENT_TYPE, toDeliveryError } from '../../adapters/slack/digest';
import { createSubscriptionService, idempotencyKey, nextRunAt, runDueDigests } from '../../src/digest';
import { createLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import { createQuadrantsService, type QuadrantsService } from '../../src/service';
import { openStore, type Store } from '../../src/store';
import { createTikLiveApiSource, type TikLiveApiSource } from '../../src/tikliveapi/source';
import { startFakeQuickChart, type FakeQuickChart } from '../fakes/quickchart';
import { WorkspaceBudget } from '../../src/budget/budget';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../fakes/slack';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';
import { slackView } from '../fakes/slack-view';

const CREATOR = { username: 'mossy.kitchen', userid: '6912345678901234567' };
const TARGET = 'C0TARGET';
const SUBSCRIBED_AT = '2026-12-10T12:00:00Z';
/** One hour after the first monthly digest (day 1, 09:00 UTC) is due. */
const DUE_AT = '2027-01-01T10:00:00Z';

interface Env {
  slack: FakeSlack;
  api: FakeTikLiveApi;
  qc: FakeQuickChart;
  source: TikLiveApiSource;
  service: QuadrantsService;
  store: Store;
  adapter: SlackAdapter;
  dir: string;
}

let env: Env;
let clock = new Date(SUBSCRIBED_AT);

beforeEach(async () => {
  clock = new Date(SUBSCRIBED_AT);
  const slack = await startFakeSlack();
  const api = await startFakeTikLiveApi();
  const qc = await startFakeQuickChart();
  api.addCreator({ ...CREATOR, videos: rawVideos(30) });
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, cacheTtlMs: 0, maxAttempts: 1, retryBaseMs: 1, burst: 10_000, requestsPerMinute: 1_000_000 });
  const service = createQuadrantsService({ source, quickchartBaseUrl: qc.url });
  const dir = mkdtempSync(join(tmpdir(), 'quadrants-slack-digest-'));
  const store = openStore(join(dir, 'quadrants.db'));
  const subs = createSubscriptionService({ store, service, now: () => clock });
  const adapter = createSlackAdapter({
    botToken: slack.botToken,
    appToken: slack.appToken,
    apiUrl: slack.apiUrl,
    service,
    limiter: new CommandRateLimiter({ perUserPerMinute: 1000, perTeamPerMinute: 1000 }),
    logger: createLogger({ level: 'error', write: () => undefined }),
    retryConfig: { retries: 0 },
    clientPingTimeoutMs: 500,
    subscriptions: subs,
  });
  await adapter.start();
  env = { slack, api, qc, source, service, store, adapter, dir };
});

afterEach(async () => {
  await env.adapter.stop();
  await env.source.close();
  await env.store.close();
  await Promise.all([env.slack.close(), env.api.close(), env.qc.close()]);
  rmSync(env.dir, { recursive: true, force: true });
});

const postsTo = (channel: string): SlackCall[] => env.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
const digestPosts = (): SlackCall[] =>
  env.slack
    .callsTo('chat.postMessage')
    // Faulted calls are recorded too but have no result: only messages Slack accepted count.
    .filter((c) => c.result?.ok === true && (c.body.metadata as { event_type?: string } | undefined)?.event_type === DIGEST_EVENT_TYPE);
/** The answer's fallback text and its blocks, as one string. */
/** An answer as read: its fallback text, then what its blocks show (mentions as `@U…` / `#C…`). */
const responseText = (i: number): string => {
  const body = env.slack.responses[i]?.body ?? {};
  return `${String(body.text ?? '')}\n${slackView(body).text}`;
};

async function command(text: string, overrides: Record<string, string> = {}): Promise<string> {
  const before = env.slack.responses.length;
  await env.slack.sendSlashCommand({ text, ...overrides });
  await env.slack.waitFor(() => env.slack.responses.length > before, `answer to ${text}`);
  return responseText(before);
}

async function subscribeTarget(): Promise<void> {
  await command(`subscribe @${CREATOR.username} <#${TARGET}|social>`);
  await env.slack.waitFor(() => postsTo(TARGET)[0], 'announcement');
}

const run = (at = DUE_AT) =>
  runDueDigests({ store: env.store, service: env.service, deliveries: [env.adapter.digestDelivery], now: () => new Date(at), sleep: async () => undefined });

describe('Slack digests held back by the budget', () => {
  it('say so once in the channel, as plain words with no mention or link', async () => {
    await subscribeTarget();
    const team = { platform: 'slack' as const, workspaceId: env.slack.teamId };
    const budget = new WorkspaceBudget({ store: env.store, limit: 1, now: () => new Date(DUE_AT) });
    await env.store.addWorkspaceCredits(team, '2027-01', 1, new Date(DUE_AT));
    const before = postsTo(TARGET).length;
    const held = () => runDueDigests({ store: env.store, service: env.service, deliveries: [env.adapter.digestDelivery], now: () => new Date(DUE_AT), sleep: async () => undefined, budget });
    expect((await held()).overBudget).toBe(1);
    expect((await held()).overBudget).toBe(1);
    const said = postsTo(TARGET).slice(before);
    expect(said).toHaveLength(1);
    expect(digestPosts()).toHaveLength(0);
    const text = String(said[0]?.body.text);
    expect(text).toContain('The digest for @mossy.kitchen is held back: this workspace has used its monthly budget of 1 API credit for January 2027.');
    expect(text).toContain('It goes out when the budget resets on 1 February 2027 (UTC), if it is still due then.');
    expect(text).not.toMatch(/<[@!#]|https?:/);
    expect(String(said[0]?.body.unfurl_links)).toBe('false');
  });
});

describe('Slack subscription commands', () => {
  it('subscribe stores the subscription for this workspace and announces it in the target channel', async () => {
    const answer = await command(`subscribe @${CREATOR.username} <#${TARGET}|social> posts 20`);
    const announcement = await env.slack.waitFor(() => postsTo(TARGET)[0], 'announcement');
    const text = String(announcement.body.text);
    expect(text).toContain('<@U0HUMAN> subscribed this channel');
    expect(text).toContain('@mossy.kitchen');
    expect(text).toContain('last 20 posts');
    expect(text).toContain('Fri 1 Jan 2027, 09:00 UTC');
    expect(answer).toContain(`<#${TARGET}> gets a digest for @mossy.kitchen`);
    expect(env.slack.responses.at(-1)?.body.response_type).toBe('ephemeral');

    const subs = await env.store.listSubscriptions({ platform: 'slack' });
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ workspaceId: env.slack.teamId, channelId: TARGET, creatorUserid: CREATOR.userid, posts: 20, createdBy: 'U0HUMAN' });
  });

  it('defaults to the channel the command was run in, and lists subscriptions ephemerally', async () => {
    await command(`subscribe @${CREATOR.username}`);
    await env.slack.waitFor(() => postsTo(env.slack.channelId)[0], 'announcement');
    const listing = await command('subscriptions');
    expect(listing).toContain(`#${env.slack.channelId}: @mossy.kitchen, last 30 posts, monthly on day 1 at 09:00 (UTC)`);
  });

  it('takes the schedule options, states the next run in the zone across a DST change, and updates on a second subscribe', async () => {
    // The clock is 10 Dec 2026; Europe/Berlin is on winter time until 28 Mar 2027.
    const weekly = await command(`subscribe @${CREATOR.username} <#${TARGET}|social> weekly on friday at 17:30 tz europe/berlin posts 12`);
    expect(weekly).toContain('(last 12 posts, weekly on Fridays at 17:30); the next one arrives Fri 11 Dec 2026, 17:30 Europe/Berlin.');
    const [first] = await env.store.listSubscriptions({ platform: 'slack' });
    expect(first).toMatchObject({ cadence: 'weekly', day: 5, hour: 17, minute: 30, timezone: 'Europe/Berlin', posts: 12 });

    clock = new Date('2027-03-27T12:00:00Z');
    const monthly = await command(`subscribe @${CREATOR.username} <#${TARGET}|social> monthly on 28 at 02:30`);
    // 02:30 on 28 March 2027 falls in Berlin's spring-forward gap: the digest comes at the jump (03:00), not a day late or skipped.
    expect(monthly).toContain('(last 12 posts, monthly on day 28 at 02:30); the next one arrives Sun 28 Mar 2027, 03:00 Europe/Berlin.');
    const subs = await env.store.listSubscriptions({ platform: 'slack' });
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ id: first?.id, cadence: 'monthly', day: 28, hour: 2, minute: 30, timezone: 'Europe/Berlin', posts: 12 });
  });

  it('refuses an invalid zone, day or time with one sentence and stores nothing', async () => {
    // Refused input is answered in the acknowledgement itself, privately.
    const refusal = async (text: string) => JSON.stringify((await env.slack.sendSlashCommand({ text: `subscribe @${CREATOR.username} ${text}` })).payload);
    expect(await refusal('tz Mars/Olympus')).toContain('The time zone “Mars/Olympus” is not an IANA zone name; use one like Europe/Berlin or America/New_York.');
    expect(await refusal('on 30')).toContain('A monthly digest runs on a day from 1 to 28');
    expect(await refusal('at 25:00')).toContain('The time “25:00” is not a 24-hour time');
    expect(await env.store.listSubscriptions({})).toHaveLength(0);
    expect(postsTo(env.slack.channelId)).toHaveLength(0);
  });

  it('refuses a channel that belongs to another workspace, and a channel it cannot resolve', async () => {
    await subscribeTarget();
    const refused = await command(`subscribe @${CREATOR.username} <#${TARGET}|social>`, { team_id: 'T0OTHER' });
    expect(refused).toContain('another workspace');
    const unsub = await command(`unsubscribe @${CREATOR.username} <#${TARGET}|social>`, { team_id: 'T0OTHER' });
    expect(unsub).toContain('another workspace');
    const bare = await command(`subscribe @${CREATOR.username} #social`);
    expect(bare).toContain('could not tell which channel');
    expect(postsTo(TARGET)).toHaveLength(1);
    const subs = await env.store.listSubscriptions({ platform: 'slack' });
    expect(subs.map((s) => s.workspaceId)).toEqual([env.slack.teamId]);
  });

  it('unsubscribe removes it and announces it', async () => {
    await subscribeTarget();
    const answer = await command(`unsubscribe @${CREATOR.username} <#${TARGET}|social>`);
    expect(answer).toContain('gets no more digests for @mossy.kitchen');
    await env.slack.waitFor(() => postsTo(TARGET)[1], 'unsubscribe announcement');
    expect(String(postsTo(TARGET)[1]?.body.text)).toContain('<@U0HUMAN> stopped');
    expect(await env.store.listSubscriptions({ platform: 'slack' })).toHaveLength(0);
  });

  it('digest @creator posts a preview in the channel', async () => {
    await env.slack.sendSlashCommand({ text: `digest @${CREATOR.username}` });
    const post = await env.slack.waitFor(() => postsTo(env.slack.channelId).find((c) => !c.body.thread_ts), 'preview');
    expect(JSON.stringify(post.body.blocks)).toContain('Quadrants for @mossy.kitchen');
    expect(JSON.stringify(post.body.blocks)).toContain('Preview');
    expect(post.body.metadata).toBeUndefined();
  });
});

describe('Slack digest delivery', () => {
  it('posts exactly one digest with metadata and a thread, and nothing on the next run', async () => {
    await subscribeTarget();
    const [sub] = await env.store.listSubscriptions({ platform: 'slack' });
    const first = await run();
    expect(first.posted).toBe(1);
    const posts = digestPosts();
    expect(posts).toHaveLength(1);
    const post = posts[0] as SlackCall;
    expect(post.body.channel).toBe(TARGET);
    expect(post.body.metadata).toEqual({ event_type: DIGEST_EVENT_TYPE, event_payload: { key: idempotencyKey(sub?.id ?? 0, '2027-01') } });
    const blocks = JSON.stringify(post.body.blocks);
    expect(blocks).toContain('Quadrants for @mossy.kitchen');
    expect(blocks).toContain('Monthly digest · times in UTC · next digest Mon 1 Feb 2027, 09:00');
    const ts = String(post.result?.ts);
    expect(postsTo(TARGET).some((c) => c.body.thread_ts === ts)).toBe(true);
    expect((await env.store.getRun(sub?.id ?? 0, '2027-01'))?.state).toBe('posted');

    const before = env.slack.callsTo('chat.postMessage').length;
    const second = await run();
    expect(second.posted).toBe(0);
    expect(env.slack.callsTo('chat.postMessage')).toHaveLength(before);
  });

  it('adds the drift section next period, and one line when the creator posted nothing new', async () => {
    await subscribeTarget();
    expect((await run()).posted).toBe(1);
    // Thirty newer posts by February: a full digest with what changed since January.
    env.api.addCreator({ ...CREATOR, videos: rawVideos(30, (i) => ({ create_time: 1_770_000_000 - i * 3_600 })) });
    expect((await run('2027-02-01T10:00:00Z')).posted).toBe(1);
    const feb = JSON.stringify(digestPosts()[1]?.body.blocks);
    expect(feb).toContain('*Since the 2027-01 digest:*');
    expect(feb).toContain('Median share rate:');
    // Nothing new by March: one line, no chart, still with the metadata key.
    expect((await run('2027-03-01T10:00:00Z')).noNewPosts).toBe(1);
    const mar = digestPosts()[2];
    expect(String(mar?.body.text)).toContain('@mossy.kitchen has not posted anything new since the last digest');
    expect(JSON.stringify(mar?.body.blocks)).not.toContain('"image"');
    expect((mar?.body.metadata as { event_payload?: { key?: string } }).event_payload?.key).toMatch(/-2027-03$/);
    expect(postsTo(TARGET).filter((c) => c.body.thread_ts === mar?.result?.ts)).toHaveLength(0);
  });

  it('finds a digest that was posted but not recorded, and records it instead of posting again', async () => {
    await subscribeTarget();
    const [sub] = await env.store.listSubscriptions({ platform: 'slack' });
    if (!sub) throw new Error('no subscription');
    // The post landed at the due time, then the process died before recording it.
    env.slack.useClock(() => Date.parse(DUE_AT));
    const report = await env.service.reportFor(CREATOR, sub.posts);
    const key = idempotencyKey(sub.id, '2027-01');
    const ts = await env.adapter.digestDelivery.post({
      subscription: sub,
      period: '2027-01',
      report,
      drift: null,
      noNewPosts: false,
      idempotencyKey: key,
      nextRunAt: nextRunAt(sub, new Date(DUE_AT)).toISOString(),
      timezone: sub.timezone,
    });
    expect(await env.adapter.digestDelivery.findPosted(sub, key)).toBe(ts);
    expect(await env.adapter.digestDelivery.findPosted(sub, idempotencyKey(sub.id, '2027-02'))).toBeNull();

    const summary = await run();
    expect(summary.recovered).toBe(1);
    expect(summary.posted).toBe(0);
    expect(digestPosts()).toHaveLength(1);
    const history = env.slack.callsTo('conversations.history').at(-1);
    expect(history?.body).toMatchObject({ channel: TARGET, include_all_metadata: 'true' });
    expect((await env.store.getRun(sub.id, '2027-01'))?.messageRef).toBe(ts);
  });

  it('disables the subscription when the bot is not in the channel, and lists the reason', async () => {
    await subscribeTarget();
    env.slack.fail('chat.postMessage', { error: 'not_in_channel' });
    const summary = await run();
    expect(summary.disabled).toHaveLength(1);
    expect(digestPosts()).toHaveLength(0);
    const [sub] = await env.store.listSubscriptions({ platform: 'slack' });
    expect(sub).toMatchObject({ status: 'disabled', disabledReason: 'the bot is not in this channel' });
    expect((await run()).posted).toBe(0);
    const listing = await command('subscriptions');
    expect(listing).toMatch(/Disabled: the bot is not in this channel/);
  });

  it('maps Slack errors to permanent, rate-limited and transient delivery errors', () => {
    const platform = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });
    for (const code of ['not_in_channel', 'channel_not_found', 'is_archived']) {
      expect(toDeliveryError(platform(code))).toMatchObject({ permanent: true, pause: undefined });
    }
    // The app's token, not the channel: pause the workspace, never disable.
    for (const code of ['invalid_auth', 'account_inactive', 'token_revoked', 'missing_scope']) {
      expect(toDeliveryError(platform(code))).toMatchObject({ permanent: false, pause: 'workspace' });
    }
    const limited = toDeliveryError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    expect(limited).toMatchObject({ permanent: false, retryAfterMs: 7000 });
    expect(toDeliveryError(platform('internal_error')).permanent).toBe(false);
    expect(toDeliveryError({ code: 'slack_webapi_request_error' }).message).not.toMatch(/xox/);
  });
});
