/**
 * A click may only change the kind of message it belongs to. A list button (`page`, `pause`, …)
 * whose id is sent with a public report, or a report button sent with the ephemeral list, gets one
 * ephemeral sentence: the report is not rewritten, nothing is stored, nothing is posted.
 */
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { encodeTarget } from '../../src/chat/buttons';
import type { StoredMessage } from '../fakes/discord';
import { subInput } from '../digest/helpers';
import { startStoreWorld, type StoreWorld } from './store-world';

const EPHEMERAL = MessageFlags.Ephemeral as number;
const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages;
const NOW = new Date('2027-03-13T12:00:00Z');
const SENTENCE = 'That button does not belong to this message, so nothing changed; use the buttons drawn under the message, or run the command again.';

let world: StoreWorld;
beforeEach(async () => {
  world = await startStoreWorld({ prefix: 'quadrants-discord-kinds-', now: () => NOW });
});
afterEach(() => world.close());

async function publicReport(): Promise<StoredMessage> {
  const r = await world.run({ subcommand: 'report', options: { creator: '@mossy.kitchen', posts: 10 } });
  expect(r.outcome).toBe('delivered');
  const message = [...world.discord.messages.values()].find((m) => m.token === r.token && !m.deleted) as StoredMessage;
  expect(message.flags & EPHEMERAL).toBe(0);
  return message;
}

async function seed() {
  const { subscription } = await world.store.saveSubscription(
    subInput({ platform: 'discord', workspaceId: world.discord.guildId, channelId: world.discord.channelId, creatorUsername: 'creator.1', creatorUserid: '6900000000000000001', createdBy: '4000000000000000001' }),
    NOW,
  );
  return subscription;
}

function snapshot(m: StoredMessage) {
  return JSON.stringify({ content: m.content, embeds: m.embeds, components: m.components, flags: m.flags });
}

it.each(['page', 'pause', 'unsubscribe', 'edit', 'watch', 'unwatch'] as const)('a %s id clicked on a public report is refused and changes nothing', async (kind) => {
  const sub = await seed();
  const report = await publicReport();
  const before = snapshot(report);
  const guild = world.discord.guildId;
  const value = kind === 'page' ? encodeTarget(guild, { command: 'subscriptions', page: 0 }) : encodeTarget(guild, { command: 'subscription', channel: sub.channelId, creator: sub.creatorUserid, page: 0 });
  const r = await world.run({ subcommand: 'report', component: { customId: `quadrants:${kind}|${value}`, messageId: report.id }, memberPermissions: MANAGER });
  expect(r.outcome).toBe('refused');
  const answer = r.calls.find((c) => c.path.endsWith('/callback'));
  expect(answer?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: SENTENCE } });
  // No deferred update, no edit of the report, no modal, nothing posted.
  expect(r.calls.filter((c) => !c.path.endsWith('/callback'))).toEqual([]);
  expect(snapshot(world.discord.messages.get(report.id) as StoredMessage)).toBe(before);
  const [stored] = await world.store.listSubscriptions({ platform: 'discord', workspaceId: guild });
  expect(stored).toMatchObject({ pausedAt: null });
  expect(await world.store.listWatches()).toEqual([]);
  expect(world.discord.visibleMessages(world.discord.channelId).filter((m) => m.id !== report.id)).toEqual([]);
});

it('an Edit form submitted from a public report is refused and changes nothing', async () => {
  const sub = await seed();
  const report = await publicReport();
  const before = snapshot(report);
  const value = encodeTarget(world.discord.guildId, { command: 'subscription', channel: sub.channelId, creator: sub.creatorUserid, page: 0 });
  const r = await world.run({ subcommand: 'report', modal: { customId: `quadrants:edit|${value}`, messageId: report.id, values: { cadence: 'weekly', on: 'friday', at: '', tz: '', posts: '' } }, memberPermissions: MANAGER });
  expect(r.outcome).toBe('refused');
  expect(r.calls.find((c) => c.path.endsWith('/callback'))?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: SENTENCE } });
  expect(snapshot(world.discord.messages.get(report.id) as StoredMessage)).toBe(before);
  const [stored] = await world.store.listSubscriptions({ platform: 'discord', workspaceId: world.discord.guildId });
  expect(stored?.cadence).toBe('monthly');
});

it('a report button clicked on the ephemeral list is refused and posts nothing', async () => {
  await seed();
  const list = await world.run({ subcommand: 'subscriptions' });
  const message = [...world.discord.messages.values()].find((m) => m.token === list.token) as StoredMessage;
  expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
  const before = snapshot(message);
  const value = encodeTarget(world.discord.guildId, { command: 'report', creator: '@mossy.kitchen', posts: 30 });
  const r = await world.run({ subcommand: 'subscriptions', component: { customId: `quadrants:window|${value}`, messageId: message.id } });
  expect(r.outcome).toBe('refused');
  expect(r.calls.find((c) => c.path.endsWith('/callback'))?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: SENTENCE } });
  expect(r.calls.filter((c) => !c.path.endsWith('/callback'))).toEqual([]);
  expect(snapshot(world.discord.messages.get(message.id) as StoredMessage)).toBe(before);
});
