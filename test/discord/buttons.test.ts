/**
 * Buttons under a report on Discord, end to end: real discord.js against the fake Discord's
 * component interactions (type 3). A click is acknowledged without a new message (type 6), runs
 * as the member who clicked, and answers in the thread under the clicked message; stale, foreign
 * and rate-limited clicks get one ephemeral sentence and change nothing.
 */
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { RecordedCall } from '../fakes/discord';
import { startWorld, type DiscordWorld } from './world';
import { discordView } from '../fakes/discord-view';

const EPHEMERAL = MessageFlags.Ephemeral as number;
const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages;
let world: DiscordWorld;

beforeAll(async () => {
  world = await startWorld();
});
afterEach(() => {
  world.clearFaults();
});
afterAll(async () => {
  await world.close();
});

interface Button {
  label: string;
  custom_id: string;
}

/** Runs a report; returns the reply message's id and the buttons drawn under it. */
async function report(): Promise<{ messageId: string; buttons: Button[] }> {
  const { outcome, token, calls } = await world.harness.run({ subcommand: 'report', options: { creator: '@mossy.kitchen', posts: 10 } });
  expect(outcome).toBe('delivered');
  const edit = calls.find((c) => c.method === 'PATCH' && c.body?.components) as RecordedCall;
  const message = [...world.discord.messages.values()].find((m) => m.token === token && !m.deleted);
  const rows = edit.body.components as Array<{ components: Button[] }>;
  return { messageId: String(message?.id), buttons: rows[0]?.components ?? [] };
}

const click = (customId: string, messageId: string, extra: Record<string, unknown> = {}) => world.harness.run({ subcommand: 'report', component: { customId, messageId }, ...extra });
const inThread = (threadId: string) => world.discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${threadId}/messages`);
const ephemeralText = (calls: RecordedCall[]) => {
  const answer = calls.find((c) => c.path.endsWith('/callback') && c.body?.type === 4);
  expect(answer?.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return String(answer?.body.data.content);
};

it('draws 30 posts, Refresh and CSV with custom ids of at most 100 characters', async () => {
  const { buttons } = await report();
  expect(buttons.map((b) => b.label)).toEqual(['30 posts', 'Refresh', 'Compare with…', 'Subscribe this channel', 'CSV']);
  expect(buttons[0]?.custom_id).toBe(`quadrants:window|v1|${world.discord.guildId}|r|@mossy.kitchen|30`);
  for (const b of buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);
});

it('"30 posts" is acknowledged without a new message and answers in the report thread', async () => {
  const { messageId, buttons } = await report();
  const { outcome, calls } = await click(buttons[0]!.custom_id, messageId);
  expect(outcome).toBe('delivered');
  expect(calls.find((c) => c.path.endsWith('/callback'))?.body.type).toBe(6);
  // The thread under the report is the message's own id; the new card and its breakdown go there.
  const posted = inThread(messageId);
  const card = posted.find((c) => JSON.stringify(c.body?.embeds ?? []).includes('last 30 posts'));
  expect(card).toBeDefined();
  expect(JSON.stringify(card?.body.components)).toContain('quadrants:window|v1|');
  expect(posted.some((c) => discordView(String(c.body?.content ?? '')).text.includes('#30 “'))).toBe(true);
  expect(card?.body.allowed_mentions).toEqual({ parse: [] });
});

it('Refresh says what it cost; CSV attaches the breakdown file in the thread', async () => {
  const { messageId, buttons } = await report();
  await click(buttons[1]!.custom_id, messageId);
  const refreshed = inThread(messageId).find((c) => JSON.stringify(c.body?.embeds ?? []).includes('Refreshed'));
  expect(JSON.stringify(refreshed?.body.embeds)).toContain('1 API credit spent');

  const before = inThread(messageId).length;
  await click(buttons[4]!.custom_id, messageId);
  const file = inThread(messageId)
    .slice(before)
    .flatMap((c) => c.files)
    .find((f) => f.filename === 'quadrants-mossy.kitchen.csv');
  expect(file).toBeDefined();
  const csv = file!.data.toString('utf8');
  expect(csv.split('\r\n')[0]).toBe('id,title,created_at,views,likes,comments,shares,saves,downloads,share_rate,save_rate,download_rate,quadrant,template,url');
  expect(csv.split('\r\n').filter(Boolean)).toHaveLength(11);
});

it.each([
  ['an unknown action', 'quadrants:share|v1|GUILD|r|@mossy.kitchen|10', 'older version'],
  ['an old value', 'quadrants:refresh|v0|@mossy.kitchen', 'older version'],
  ['a custom id of another shape', 'something-else', 'older version'],
  ['a message from another server', 'quadrants:refresh|v1|1299999999999999999|r|@mossy.kitchen|10', 'another workspace or server'],
])('%s gets one ephemeral sentence and changes nothing', async (_name, customId, words) => {
  const { messageId } = await report();
  const requests = world.upstreamRequests();
  const { outcome, calls } = await click(customId.replace('GUILD', world.discord.guildId), messageId);
  expect(outcome).toBe('refused');
  expect(ephemeralText(calls)).toContain(words);
  expect(calls.filter((c) => c.method === 'POST' && !c.path.endsWith('/callback'))).toEqual([]);
  expect(inThread(messageId).filter((c) => c.body?.embeds)).toHaveLength(0);
  expect(world.upstreamRequests()).toBe(requests);
});

it('counts a click against the clicker’s own rate limit', async () => {
  const limited = await world.startLimitedHarness({ perUserPerMinute: 1, perTeamPerMinute: 100 });
  const r = await limited.run({ subcommand: 'report', options: { creator: '@mossy.kitchen', posts: 10 } });
  const message = [...limited.discord.messages.values()].find((m) => m.token === r.token && !m.deleted);
  const edit = r.calls.find((c) => c.method === 'PATCH' && c.body?.components) as RecordedCall;
  const refresh = (edit.body.components as Array<{ components: Button[] }>)[0]!.components[1]!.custom_id;
  const again = await limited.run({ subcommand: 'report', component: { customId: refresh, messageId: String(message?.id) } });
  expect(again.outcome).toBe('rate-limited');
  expect(ephemeralText(again.calls)).toMatch(/^You have run a lot of reports in the last minute/);
  const other = await limited.run({ subcommand: 'report', component: { customId: refresh, messageId: String(message?.id) }, userId: '4000000000000000999' });
  expect(other.outcome).toBe('delivered');
});

it('"Compare with…" shows a modal; its submission posts the comparison in the report thread', async () => {
  world.addCreator('rowan.lifts', []);
  const { messageId, buttons } = await report();
  const opened = await click(buttons[2]!.custom_id, messageId);
  expect(opened.outcome).toBe('answered');
  const modal = opened.calls.find((c) => c.path.endsWith('/callback'))?.body;
  expect(modal?.type).toBe(9);
  expect(modal?.data.custom_id).toBe(buttons[2]!.custom_id);
  expect(modal?.data.components.map((r: { components: Array<{ custom_id: string }> }) => r.components[0]?.custom_id)).toEqual(['creators']);
  const sent = await world.harness.run({ subcommand: 'report', modal: { customId: modal?.data.custom_id, messageId, values: { creators: '@rowan.lifts' } } });
  expect(sent.outcome).toBe('delivered');
  expect(inThread(messageId).some((c) => JSON.stringify(c.body?.embeds ?? []).includes('Compare @mossy.kitchen vs @rowan.lifts'))).toBe(true);
});

it('a form with more than four creators gets one ephemeral sentence and runs nothing', async () => {
  const { messageId, buttons } = await report();
  const requests = world.upstreamRequests();
  const sent = await world.harness.run({ subcommand: 'report', modal: { customId: buttons[2]!.custom_id, messageId, values: { creators: '@a1 @a2 @a3 @a4 @a5' } } });
  expect(sent.outcome).toBe('invalid');
  expect(ephemeralText(sent.calls)).toContain('at most 4 more creators');
  expect(world.upstreamRequests()).toBe(requests);
});

it('"Subscribe this channel" needs Manage Channels before its form opens, like the command', async () => {
  const { messageId, buttons } = await report();
  // The harness's members lack Manage Channels by default: refused at once, with no form to fill in.
  const refused = await click(buttons[3]!.custom_id, messageId);
  expect(refused.outcome).toBe('refused');
  expect(refused.calls.some((c) => c.path.endsWith('/callback') && c.body?.type === 9)).toBe(false);
  expect(ephemeralText(refused.calls)).toBe('Changing digest subscriptions needs the Manage Channels permission on this server; ask someone who has it.');
  const opened = await click(buttons[3]!.custom_id, messageId, { memberPermissions: MANAGER });
  const modal = opened.calls.find((c) => c.path.endsWith('/callback'))?.body;
  expect(modal?.type).toBe(9);
  expect(modal?.data.components.map((r: { components: Array<{ custom_id: string }> }) => r.components[0]?.custom_id)).toEqual(['cadence', 'on', 'at', 'tz', 'posts']);
  const bad = await world.harness.run({ subcommand: 'report', modal: { customId: modal?.data.custom_id, messageId, values: { cadence: '', on: '', at: '25:00', tz: '', posts: '' } }, memberPermissions: MANAGER });
  expect(ephemeralText(bad.calls)).toBe('The time “25:00” is not a 24-hour time; write it as HH:MM, for example at 09:30.');
});
