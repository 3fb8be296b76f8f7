/**
 * The daily watch check against the fake Slack and Discord (their real clients), a real SQLite
 * store and a virtual clock: one fetch per creator however many channels watch it, one alert per
 * new template post per channel, ever, and exactly once when the process dies between posting an
 * alert and recording it. Assertions read the channel as each client draws it.
 */
import { REST } from 'discord.js';
import { webApi } from '@slack/bolt';
import { createDiscordDigestDelivery } from '../../adapters/discord/digest';
import { createSlackDigestDelivery } from '../../adapters/slack/digest';
import type { DigestDelivery } from '../../src/digest/types';
import { WorkspaceBudget } from '../../src/budget/budget';
import { QuadrantsError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import type { Post } from '../../src/quadrants/types';
import type { Store } from '../../src/store/types';
import { alertsExitCode, alertsList } from '../../src/watch/cli';
import { runDueWatches } from '../../src/watch/runner';
import { never } from '../fakes/digest-delivery';
import { createDigestService, post } from '../fakes/digest-service';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord';
import { discordView } from '../fakes/discord-view';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { slackView } from '../fakes/slack-view';
import { removeDir, storeIn, tempDir, until, virtualClock, type VirtualClock } from '../digest/helpers';
import { watchInput as baseInput } from '../store/contract-watches';

const watchInput: typeof baseInput = (over = {}) => baseInput({ creatorUserid: '1001', ...over });

const AT = '2026-12-07T06:00:00Z';
const now = Date.parse(AT) / 1000;
const DAY = 86_400;
const TEMPLATE_ID = '7400000000000000001';

/** Ten posts: the newest (a day old) downloaded 50 times against a median of 1 in 10,000 views. */
function posts(): Post[] {
  const others = Array.from({ length: 9 }, (_, i) => post(String(7_400_000_000_000_000_010 + i), now - (i + 2) * DAY, { downloads: 1 }));
  return [{ ...post(TEMPLATE_ID, now - DAY, { views: 271_313, downloads: 2_008 }), title: 'Sourdough discard crackers 🧀 @here <!channel>' }, ...others];
}

let dir: string;
let store: Store;
let slack: FakeSlack;
let discord: FakeDiscord;
let clock: VirtualClock;
let slackDelivery: DigestDelivery;
let discordDelivery: DigestDelivery;
let discordChannel: string;
const service = createDigestService({ creators: [{ username: 'mossy.kitchen', userid: '1001', posts: posts() }, { username: 'rowan.lifts', userid: '1002', posts: posts().map((p) => ({ ...p, id: `9${p.id}`, downloads: 1 })) }] });

beforeEach(async () => {
  dir = tempDir('quadrants-watch-');
  store = storeIn(dir);
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  clock = virtualClock(AT);
  slack.useClock(() => clock.now().getTime());
  discord.useClock(() => clock.now().getTime());
  discordChannel = discord.addChannel();
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
  slackDelivery = createSlackDigestDelivery({ client, logger: silentLogger, timeoutMs: 500 });
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  discordDelivery = createDiscordDigestDelivery({ rest, logger: silentLogger, timeoutMs: 500, token: discord.token });
  service.calls.clear();
});

afterEach(async () => {
  await store.close();
  await slack.close();
  await discord.close();
  removeDir(dir);
});

const run = (deliveries = [slackDelivery, discordDelivery], owner = 'one') => runDueWatches({ store, service, deliveries, now: clock.now, logger: silentLogger, owner, leaseMs: 5 * 60_000 });
const slackAlerts = (channel: string) => slack.messages.filter((m) => m.channel === channel && !m.thread_ts);
const discordAlerts = () => discord.visibleMessages(discordChannel);

async function watchEverywhere(): Promise<void> {
  const at = new Date('2026-12-01T09:00:00Z');
  await store.saveWatch(watchInput({ workspaceId: slack.teamId, channelId: 'C0ONE' }), at);
  await store.saveWatch(watchInput({ workspaceId: slack.teamId, channelId: 'C0TWO' }), at);
  await store.saveWatch(watchInput({ platform: 'discord', workspaceId: discord.guildId, channelId: discordChannel }), at);
  await store.saveWatch(watchInput({ workspaceId: slack.teamId, channelId: 'C0ONE', creatorUserid: '1002', creatorUsername: 'rowan.lifts' }), at);
}

test('one fetch per creator for every channel watching it; each channel gets its alert once, and never again', async () => {
  await watchEverywhere();
  const first = await run();
  expect(first).toMatchObject({ due: 4, checked: 4, alerts: 3, recovered: 0, failed: 0, busy: 0, creatorsFetched: 2 });
  expect(alertsExitCode(first)).toBe(0);
  expect(service.calls.get('1001')).toBe(1);
  expect(slackAlerts('C0ONE')).toHaveLength(1);
  expect(slackAlerts('C0TWO')).toHaveLength(1);
  expect(discordAlerts()).toHaveLength(1);

  // The same day: nothing is due. The next days: checked again, but the post was alerted already.
  expect(await run()).toMatchObject({ due: 0, alerts: 0, creatorsFetched: 0 });
  clock.advance(DAY * 1000);
  expect(await run()).toMatchObject({ due: 4, checked: 4, alerts: 0, creatorsFetched: 2 });
  expect(slack.messages.filter((m) => !m.thread_ts)).toHaveLength(2);
  expect(discordAlerts()).toHaveLength(1);
  const listed = await alertsList(store);
  expect(listed).toContain('last checked 2026-12-08T06:00:00.000Z');
  expect(listed).toContain(`post ${TEMPLATE_ID} alerted at 2026-12-07T06:00:00.000Z`);
});

test('the alert as Slack draws it: number, title as typed, link, views, rate, median and meaning; nobody pinged', async () => {
  await watchEverywhere();
  await run();
  const seen = slackView(slackAlerts('C0ONE')[0] as { text?: unknown; blocks?: unknown });
  expect(seen.text).toContain('Template alert: @mossy.kitchen');
  expect(seen.text).toContain('Post #1 “Sourdough discard crackers 🧀 @here <!channel>”');
  expect(seen.links).toEqual([{ text: 'Post #1', url: `https://www.tiktok.com/@mossy.kitchen/video/${TEMPLATE_ID}` }]);
  expect(seen.text).toMatch(/Views\s+271,313/);
  expect(seen.text).toMatch(/Download rate\s+0\.74% \(2,008 downloads\)/);
  expect(seen.text).toMatch(/Creator's median\s+0\.01% over the last 10 posts/);
  expect(seen.text).toContain('What it means: other creators are likely reusing it; expect derivative content within the week.');
  expect(seen.mentions).toEqual([]);
});

test('the alert as Discord draws it, with the same words and no mention', async () => {
  await watchEverywhere();
  await run();
  const seen = discordView(discordAlerts()[0]?.content ?? '');
  expect(seen.text).toContain('Template alert: @mossy.kitchen');
  // Discord breaks `@here` with an invisible space: shown as typed, it pings nobody.
  expect(seen.text.replace(/\u200b/g, '')).toContain('Sourdough discard crackers 🧀 @here <!channel>');
  expect(seen.links).toEqual([{ text: 'Post #1', url: `https://www.tiktok.com/@mossy.kitchen/video/${TEMPLATE_ID}` }]);
  expect(seen.text).toContain('Download rate: 0.74% (2,008 downloads)');
  expect(seen.text).toContain('What it means: other creators are likely reusing it; expect derivative content within the week.');
  expect(seen.mentions).toEqual([]);
});

describe.each([
  ['Slack', () => slackDelivery, () => slackAlerts('C0ONE').length],
  ['Discord', () => discordDelivery, () => discordAlerts().length],
])('killed between posting an alert and recording it (%s)', (_name, delivery, inChannel) => {
  test('the next run finds the alert in the channel, records it and posts nothing twice', async () => {
    const at = new Date('2026-12-01T09:00:00Z');
    const d = delivery();
    await store.saveWatch(d.platform === 'slack' ? watchInput({ workspaceId: slack.teamId, channelId: 'C0ONE' }) : watchInput({ platform: 'discord', workspaceId: discord.guildId, channelId: discordChannel }), at);
    // The alert lands in the channel; the process dies before the store hears of it.
    const alert = d.alert?.bind(d);
    const doomed: DigestDelivery = { ...d, findPosted: d.findPosted.bind(d), alert: async (place, card, key) => { await alert?.(place, card, key); return never<string>(); } };
    void run([doomed], 'doomed');
    await until(() => inChannel() === 1, 'the alert to land');
    expect((await store.listAlerts())[0]).toMatchObject({ state: 'posting' });

    // Another runner the same day: the check and the alert are still leased by the dead one.
    const busy = await run([d], 'restarted');
    expect(busy).toMatchObject({ checked: 0, busy: 1, alerts: 0 });
    expect(alertsExitCode(busy)).toBe(3);
    // Once the leases end it takes over, finds the alert, and records it.
    clock.advance(6 * 60_000);
    expect(await run([d], 'restarted')).toMatchObject({ checked: 1, alerts: 0, recovered: 1 });
    expect(inChannel()).toBe(1);
    expect((await store.listAlerts())[0]).toMatchObject({ state: 'posted' });
    clock.advance(DAY * 1000);
    expect(await run([d], 'restarted')).toMatchObject({ checked: 1, alerts: 0, recovered: 0 });
    expect(inChannel()).toBe(1);
  });
});

test('a creator gone is noted and left until tomorrow; an upstream blip is tried again once its lease ends', async () => {
  await store.saveWatch(watchInput({ workspaceId: slack.teamId, channelId: 'C0GONE', creatorUserid: '9999', creatorUsername: 'gone.now' }), new Date('2026-12-01T00:00:00Z'));
  await store.saveWatch(watchInput({ workspaceId: slack.teamId, channelId: 'C0BLIP' }), new Date('2026-12-01T00:00:00Z'));
  let blips = 1;
  const flaky = createDigestService({ creators: [{ username: 'mossy.kitchen', userid: '1001', posts: posts() }], fail: (id) => (id === '1001' && blips-- > 0 ? new QuadrantsError('UPSTREAM_UNAVAILABLE', 'down') : undefined) });
  const pass = () => runDueWatches({ store, service: flaky, deliveries: [slackDelivery], now: clock.now, logger: silentLogger, owner: 'one', leaseMs: 5 * 60_000 });
  const first = await pass();
  expect(first).toMatchObject({ due: 2, checked: 0, failed: 2 });
  expect(alertsExitCode(first)).toBe(1);
  // Minutes later, the lease of the blip has ended: it is checked; the creator gone waits for tomorrow.
  clock.advance(6 * 60_000);
  expect(await pass()).toMatchObject({ due: 1, checked: 1, alerts: 1 });
  const listed = await alertsList(store);
  expect(listed).toContain('@gone.now (id 9999); last checked 2026-12-07T06:00:00.000Z; last check failed: CREATOR_NOT_FOUND');
});

test('planned against the workspace budget: a spent workspace is not fetched for, one with credits pays for the shared fetch', async () => {
  const budget = new WorkspaceBudget({ store, limit: 5, now: clock.now });
  await store.addWorkspaceCredits({ platform: 'slack', workspaceId: 'TSPENT' }, '2026-12', 5, clock.now());
  await store.saveWatch(watchInput({ workspaceId: 'TSPENT', channelId: 'C0SPENT' }), new Date('2026-12-01T00:00:00Z'));
  await store.saveWatch(watchInput({ workspaceId: slack.teamId, channelId: 'C0PAYS' }), new Date('2026-12-01T00:00:00Z'));
  const summary = await runDueWatches({ store, service, deliveries: [slackDelivery], now: clock.now, logger: silentLogger, budget });
  expect(summary).toMatchObject({ due: 2, checked: 1, overBudget: 1, alerts: 1, creatorsFetched: 1 });
  expect(alertsExitCode(summary)).toBe(3);
  expect(slackAlerts('C0SPENT')).toHaveLength(0);
  expect((await budget.status({ platform: 'slack', workspaceId: slack.teamId })).spent).toBe(1);
});
