/**
 * Subscribing a channel the bot may not use, through real discord.js against the fake Discord,
 * whose channels answer 50001 (Missing Access) or 50013 (Missing Permissions) to a bot a
 * permission overwrite keeps out: the person is told in one sentence how to let the bot in, and
 * no subscription nobody can receive is kept as working.
 */
import { PermissionFlagsBits } from 'discord.js';
import type { Store } from '../../src/store/types';
import type { FakeDiscord, InteractionInput } from '../fakes/discord';
import { startStoreWorld, type StoreWorld } from './store-world';

const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages;
const t = Date.parse('2026-11-20T12:00:00Z');

let world: StoreWorld;
let store: Store;
let discord: FakeDiscord;

beforeEach(async () => {
  world = await startStoreWorld({ prefix: 'quadrants-discord-access-', now: () => new Date(t), clock: () => t });
  ({ store, discord } = world);
});

afterEach(() => world.close());

/** The private answer as the person reads it (Discord markdown escapes undone). */
function replyText(token: string): string {
  return discord
    .callsFor(token)
    .map((c) => String((c.body?.data ?? c.body ?? {}).content ?? ''))
    .filter((content) => content !== '')
    .join('\n')
    .replace(/\\([_*~`|\\])/g, '$1');
}

const subscribe = (channel: string, extra: Partial<InteractionInput> = {}) =>
  world.run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen' }, channelOptions: { channel: { id: channel, guildId: discord.guildId } }, memberPermissions: MANAGER, ...extra } as InteractionInput);
const seenIn = (channel: string) => discord.visibleMessages(channel);
const subs = () => store.listSubscriptions({ platform: 'discord', workspaceId: discord.guildId });
const GRANT = "in the channel's settings, under Permissions, allow quadrants to View Channel and Send Messages";

test('a channel where the bot may not send (50013): one sentence on how to grant it, nothing stored', async () => {
  const target = discord.addChannel();
  discord.denyBot(target, 'send');
  const r = await subscribe(target);
  const text = replyText(r.token);
  expect(text).not.toContain('Done');
  expect(text).toBe(`I cannot post in <#${target}>, so it was not subscribed to @mossy.kitchen and no digest will arrive there: ${GRANT}, then subscribe again.`);
  expect(await subs()).toEqual([]);
  expect(seenIn(target)).toEqual([]);
});

test('a channel the bot cannot see (50001): refused before anything is stored, saying how to let it in', async () => {
  const target = discord.addChannel();
  discord.denyBot(target, 'view');
  const r = await subscribe(target);
  expect(replyText(r.token)).toBe(
    "I cannot see that channel, so nothing was changed: in the channel's settings, under Permissions, allow quadrants to View Channel and Send Messages, then try again.",
  );
  expect(await subs()).toEqual([]);
});

test('the channel the command is typed in, once the bot lost access there: the subscription is switched off, saying so', async () => {
  // Subscribed while the bot could post in the command's own channel, then an overwrite took that away.
  const here = discord.channelId;
  const first = await world.run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen' }, memberPermissions: MANAGER } as InteractionInput);
  expect(replyText(first.token)).toContain(`Done: <#${here}> gets a digest for @mossy.kitchen`);
  discord.denyBot(here, 'view');
  const r = await world.run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen', posts: 20 }, memberPermissions: MANAGER } as InteractionInput);
  expect(replyText(r.token)).toBe(`I cannot post in <#${here}>, so its digest for @mossy.kitchen is now switched off: ${GRANT}, then subscribe again to turn it back on.`);
  expect((await subs())[0]).toMatchObject({ channelId: here, status: 'disabled', disabledReason: 'the bot cannot see this channel' });
});
