/**
 * Custom ids on Discord carry only validated values and every one the bot draws reads back, even
 * for a creator whose handle from upstream is hostile; forged values and form answers are read
 * like typed input (real discord.js against the fake Discord, the real source on the fake
 * TikLiveAPI).
 */
import { MessageFlags } from 'discord.js';
import { decodeClick } from '../../src/chat/buttons';
import { splitCustomId } from '../../adapters/discord/buttons';
import type { RecordedCall } from '../fakes/discord';
import { rawVideos } from '../fakes/tikliveapi';
import { startWorld, type DiscordWorld } from './world';

const EPHEMERAL = MessageFlags.Ephemeral as number;
const HOSTILE_ID = '6912340000000000077';
let world: DiscordWorld;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

interface Button {
  label: string;
  custom_id: string;
}

async function report(creator: string): Promise<{ messageId: string; buttons: Button[] }> {
  const { outcome, token, calls } = await world.harness.run({ subcommand: 'report', options: { creator, posts: 10 } });
  expect(outcome).toBe('delivered');
  const edit = calls.find((c) => c.method === 'PATCH' && c.body?.components) as RecordedCall;
  const message = [...world.discord.messages.values()].find((m) => m.token === token && !m.deleted);
  const rows = edit.body.components as Array<{ components: Button[] }>;
  return { messageId: String(message?.id), buttons: rows[0]?.components ?? [] };
}

const click = (customId: string, messageId: string) => world.harness.run({ subcommand: 'report', component: { customId, messageId } });
const ephemeralText = (calls: RecordedCall[]) => {
  const answer = calls.find((c) => c.path.endsWith('/callback') && c.body?.type === 4);
  expect(answer?.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return String(answer?.body.data.content);
};

it('a hostile handle from upstream never reaches a custom id; every id drawn reads back and works', async () => {
  world.tikliveapi.addCreator({ username: '[x](https://evil.example)', userid: HOSTILE_ID, videos: rawVideos(35) });
  const { messageId, buttons } = await report(HOSTILE_ID);
  expect(buttons.map((b) => b.label)).toEqual(['30 posts', 'Refresh', 'Compare with…', 'Subscribe this channel', 'CSV']);
  for (const b of buttons) {
    expect(b.custom_id).not.toMatch(/evil|\[|\]|\(/);
    const { actionId, value } = splitCustomId(b.custom_id);
    expect(decodeClick(actionId, value).workspaceId).toBe(world.discord.guildId);
  }
  expect(buttons[0]?.custom_id).toBe(`quadrants:window|v1|${world.discord.guildId}|r|${HOSTILE_ID}|30`);
  const clicked = await click(buttons[0]!.custom_id, messageId);
  expect(clicked.outcome).toBe('delivered');
});

it.each(['1e1', '10.0', '0x0a'])('a forged value with posts %j gets one ephemeral sentence and asks nothing upstream', async (posts) => {
  const { messageId } = await report('@mossy.kitchen');
  const before = world.upstreamRequests();
  const { outcome, calls } = await click(`quadrants:refresh|v1|${world.discord.guildId}|r|@mossy.kitchen|${posts}`, messageId);
  expect(outcome).toBe('refused');
  expect(ephemeralText(calls)).toContain('older version');
  expect(world.upstreamRequests()).toBe(before);
});

it('a forged form answer over 300 characters says which field is too long', async () => {
  const { messageId, buttons } = await report('@mossy.kitchen');
  const before = world.upstreamRequests();
  const sent = await world.harness.run({ subcommand: 'report', modal: { customId: buttons[2]!.custom_id, messageId, values: { creators: `@${'a'.repeat(400)}` } } });
  expect(sent.outcome).toBe('invalid');
  expect(ephemeralText(sent.calls)).toBe('The answer to “Up to 4 more creators” is too long; give at most 200 characters.');
  expect(world.upstreamRequests()).toBe(before);
});
