/**
 * Digests on Discord end to end: real discord.js against the fake Discord, the real service on the
 * bundled demo creators, a real SQLite store in a temp dir and an injected clock.
 */
import { PermissionFlagsBits } from 'discord.js';
import { type DiscordAdapter } from '../../adapters/discord/client';
import { WorkspaceBudget } from '../../src/budget/budget';
import { runDueDigests } from '../../src/digest';
import { DeliveryError, type Digest, type DigestDelivery } from '../../src/digest/types';
import { silentLogger } from '../../src/log';
import type { Store } from '../../src/store/types';
import { startStoreWorld, demoService, type StoreWorld } from './store-world';
import type { FakeDiscord, InteractionInput } from '../fakes/discord';

const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages;
let t = Date.parse('2026-11-20T12:00:00Z');
const now = () => new Date(t);
const noSleep = async () => undefined;

let store: Store;
let discord: FakeDiscord;
let adapter: DiscordAdapter;
const service = demoService;

const run = (input: InteractionInput) => world.run(input);

/** The text of everything the bot said in reply to an interaction (callback and edits). */
function replyText(token: string): string {
  return discord
    .callsFor(token)
    .map((c) => {
      const body = c.body?.data ?? c.body ?? {};
      const embeds = (body.embeds ?? []) as Array<{ description?: string }>;
      return [String(body.content ?? ''), ...embeds.map((e) => e.description ?? '')].join('\n');
    })
    .join('\n');
}

const posts = (channelId: string) => discord.visibleMessages(channelId);
const run2 = (deliveries: DigestDelivery[]) => runDueDigests({ store, service, deliveries, now, sleep: noSleep, logger: silentLogger });

let world: StoreWorld;

beforeEach(async () => {
  t = Date.parse('2026-11-20T12:00:00Z');
  world = await startStoreWorld({ prefix: 'quadrants-discord-digest-', now, clock: () => t });
  ({ store, discord, adapter } = world);
});

afterEach(() => world.close());

test('subscribe stores the subscription and announces it in the target channel without pinging', async () => {
  const target = discord.addChannel();
  const r = await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen' }, channelOptions: { channel: { id: target, guildId: discord.guildId } }, memberPermissions: MANAGER, userId: '4000000000000000777' });
  expect(r.outcome).toBe('delivered');
  const subs = await store.listSubscriptions({ platform: 'discord', workspaceId: discord.guildId });
  expect(subs).toHaveLength(1);
  expect(subs[0]).toMatchObject({ channelId: target, creatorUsername: 'mossy.kitchen', createdBy: '4000000000000000777', posts: 30 });
  expect(subs[0]?.creatorUserid).toMatch(/^\d+$/);
  const announced = posts(target);
  expect(announced).toHaveLength(1);
  expect(announced[0]?.content).toContain('<@4000000000000000777> subscribed this channel to a digest for @mossy.kitchen');
  expect(announced[0]?.content).toContain('Tue 1 Dec 2026, 09:00 UTC');
  const send = discord.calls.find((c) => c.method === 'POST' && c.path === `/channels/${target}/messages`);
  expect(send?.body.allowed_mentions).toEqual({ parse: [] });
  // The requester's answer is ephemeral and names the channel and the schedule.
  expect(replyText(r.token)).toContain(`<#${target}> gets a digest for @mossy.kitchen (last 30 posts, monthly on day 1 at 09:00); the next one arrives Tue 1 Dec 2026, 09:00 UTC.`);
  expect(discord.callsFor(r.token)[0]?.body.data.flags).toBe(64);
  // `subscriptions` lists it, ephemerally.
  const list = await run({ subcommand: 'subscriptions' });
  expect(replyText(list.token)).toContain(`1. <#${target}>: @mossy.kitchen, last 30 posts, monthly on day 1 at 09:00 \\(UTC\\). Next Tue 1 Dec 2026, 09:00; no digest yet.`);
});

test('a digest held back for the budget is announced once in its channel, without pinging', async () => {
  const target = await subscribeHere();
  const guild = { platform: 'discord' as const, workspaceId: discord.guildId };
  t = Date.parse('2026-12-01T10:00:00Z');
  await store.addWorkspaceCredits(guild, '2026-12', 1, now());
  const budget = new WorkspaceBudget({ store, limit: 1, now });
  const before = posts(target).length;
  for (let i = 0; i < 2; i += 1) expect((await runDueDigests({ store, service, deliveries: [adapter.digestDelivery], now, sleep: noSleep, logger: silentLogger, budget })).overBudget).toBe(1);
  const said = posts(target).slice(before);
  expect(said).toHaveLength(1);
  expect(said[0]?.content).toBe(
    'The digest for @mossy.kitchen is held back: this server has used its monthly budget of 1 API credit for December 2026. It goes out when the budget resets on 1 January 2027 (UTC), if it is still due then.',
  );
  const send = discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${target}/messages`).at(-1);
  expect(send?.body.allowed_mentions).toEqual({ parse: [] });
});

test('without Manage Channels subscribing is refused and nothing is stored or announced', async () => {
  const r = await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen' }, memberPermissions: PermissionFlagsBits.SendMessages });
  expect(r.outcome).toBe('refused');
  expect(replyText(r.token)).toBe('Changing digest subscriptions needs the Manage Channels permission on this server; ask someone who has it.');
  expect(await store.listSubscriptions({})).toHaveLength(0);
  expect(posts(discord.channelId)).toHaveLength(0);
});

test("a channel of another guild is refused", async () => {
  const foreign = discord.addChannel('1299999999999999999');
  const r = await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen' }, channelOptions: { channel: { id: foreign, guildId: discord.guildId } }, memberPermissions: MANAGER });
  expect(r.outcome).toBe('refused');
  expect(replyText(r.token)).toContain('Pick a text channel of this server');
  expect(await store.listSubscriptions({})).toHaveLength(0);
  expect(posts(foreign)).toHaveLength(0);
});

async function subscribeHere(): Promise<string> {
  const channel = discord.addChannel();
  const r = await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen' }, channelOptions: { channel: { id: channel, guildId: discord.guildId } }, memberPermissions: MANAGER });
  expect(r.outcome).toBe('delivered');
  return channel;
}

const digestPosts = (channel: string) => discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${channel}/messages` && c.body?.nonce);

test('runDueDigests posts exactly one digest with the nonce, and a second run posts nothing', async () => {
  const channel = await subscribeHere();
  t = Date.parse('2026-12-01T10:00:00Z');
  const first = await run2([adapter.digestDelivery]);
  expect(first.posted).toBe(1);
  const sent = digestPosts(channel);
  expect(sent).toHaveLength(1);
  const [sub] = await store.listSubscriptions({});
  expect(sent[0]?.body).toMatchObject({ nonce: `qd-${sub?.id}-2026-12`, enforce_nonce: true, allowed_mentions: { parse: [] } });
  const embed = sent[0]?.body.embeds[0];
  expect(embed.title).toContain('mossy.kitchen');
  expect(embed.footer.text).toMatch(new RegExp(` · Monthly digest · times in UTC · next digest Fri 1 Jan 2027, 09:00 · ref qd-${sub?.id}-2026-12$`));
  const run = await store.getRun(sub!.id, '2026-12');
  expect(run?.state).toBe('posted');
  expect(run?.messageRef).toBe(posts(channel).at(-1)?.id);

  const second = await run2([adapter.digestDelivery]);
  expect(second.posted).toBe(0);
  expect(digestPosts(channel)).toHaveLength(1);
});

test('a digest that landed but was not recorded is found in recent messages and not posted again', async () => {
  const channel = await subscribeHere();
  t = Date.parse('2026-12-01T10:00:00Z');
  // The message reaches Discord, then the answer is lost (as if the process died before recording).
  let lost = 0;
  const lossy: DigestDelivery = {
    platform: 'discord',
    findPosted: (sub, key, o) => (lost > 0 ? Promise.resolve(null) : adapter.digestDelivery.findPosted(sub, key, o)),
    async post(digest: Digest) {
      await adapter.digestDelivery.post(digest);
      lost += 1;
      throw new DeliveryError('connection reset after sending');
    },
  };
  const crashed = await run2([lossy]);
  expect(crashed.posted).toBe(0);

  // Discord does not promise to keep nonces: drop them, so only the footer marker can match.
  const digests = () => posts(channel).filter((m) => m.embeds.length > 0);
  expect(digests()).toHaveLength(1);
  for (const m of digests()) m.nonce = null;
  const before = digestPosts(channel).length;

  t = Date.parse('2026-12-01T12:00:00Z');
  const restart = await run2([adapter.digestDelivery]);
  expect(restart.recovered).toBe(1);
  expect(digestPosts(channel)).toHaveLength(before);
  expect(digests()).toHaveLength(1);
  // Read from the run's start on, a full page at a time.
  expect(discord.calls.some((c) => c.method === 'GET' && c.path === `/channels/${channel}/messages` && c.query['limit'] === '100' && c.query['after'])).toBe(true);
  const [sub] = await store.listSubscriptions({});
  expect((await store.getRun(sub!.id, '2026-12'))?.state).toBe('posted');
});

test('Unknown Channel disables the subscription with its reason', async () => {
  const channel = await subscribeHere();
  discord.removeChannel(channel);
  t = Date.parse('2026-12-01T10:00:00Z');
  const summary = await run2([adapter.digestDelivery]);
  expect(summary.posted).toBe(0);
  expect(summary.disabled).toHaveLength(1);
  const [sub] = await store.listSubscriptions({});
  expect(sub).toMatchObject({ status: 'disabled', disabledReason: 'the channel no longer exists' });
  const list = await run({ subcommand: 'subscriptions' });
  expect(replyText(list.token)).toContain('Disabled: the channel no longer exists');
});

test('digest previews publicly and unsubscribe stops the subscription with an announcement', async () => {
  const channel = await subscribeHere();
  const preview = await run({ subcommand: 'digest', options: { creator: '@mossy.kitchen' }, channelId: channel });
  expect(preview.outcome).toBe('delivered');
  const shown = posts(channel).find((m) => m.token === preview.token);
  expect((shown?.embeds[0] as { footer: { text: string } }).footer.text).toMatch(/ · Preview · times in UTC · next digest Tue 1 Dec 2026, 09:00$/);

  const off = await run({ subcommand: 'unsubscribe', options: { creator: '@mossy.kitchen' }, channelOptions: { channel: { id: channel, guildId: discord.guildId } }, memberPermissions: MANAGER });
  expect(off.outcome).toBe('delivered');
  expect(await store.listSubscriptions({})).toHaveLength(0);
  expect(posts(channel).at(-1)?.content).toContain("stopped this channel's digest for @mossy.kitchen");
});
