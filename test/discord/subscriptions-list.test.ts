/**
 * `/quadrants subscriptions` on Discord end to end: real discord.js against the fake Discord, a
 * real SQLite store file. The list is an ephemeral message with numbered items and a row of
 * buttons per item; a click is acknowledged without a new message (type 6), runs as the member
 * who clicked, and the list is redrawn in place (PATCH …/@original) with what the click did on
 * top. Edit opens a modal filled with the stored schedule.
 */
import { ButtonStyle, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { renderModal } from '../../adapters/discord/modal';
import { renderActions } from '../../adapters/discord/components';
import { encodeTarget } from '../../src/chat/buttons';
import { subscriptionListCard } from '../../src/chat/cards/subscription-list';
import { editForm } from '../../src/chat/forms';
import type { Store, Subscription } from '../../src/store/types';
import { startStoreWorld, type StoreWorld } from './store-world';
import type { FakeDiscord, InteractionInput, RecordedCall, StoredMessage } from '../fakes/discord';
import { subInput } from '../digest/helpers';

const EPHEMERAL = MessageFlags.Ephemeral as number;
const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages;
const MEMBER = PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel;
const CLICKER = '4000000000000000001';
/** Saturday 2027-03-13 noon UTC; New York moves its clocks forward the next day. */
const NOW = new Date('2027-03-13T12:00:00Z');

interface Button {
  type: number;
  style: number;
  label: string;
  custom_id: string;
}
interface Embed {
  title?: string;
  description?: string;
}

let store: Store;
let discord: FakeDiscord;

let world: StoreWorld;

beforeEach(async () => {
  world = await startStoreWorld({ prefix: 'quadrants-discord-list-', now: () => NOW });
  ({ store, discord } = world);
});

afterEach(() => world.close());

const run = (input: InteractionInput) => world.run(input);

/** Stores a subscription of the fake guild, as `/quadrants subscribe` would have. */
async function seed(n: number, overrides: Parameters<typeof subInput>[0] = {}): Promise<Subscription> {
  const { subscription } = await store.saveSubscription(
    subInput({ platform: 'discord', workspaceId: discord.guildId, channelId: discord.channelId, creatorUsername: `creator.${n}`, creatorUserid: String(6_900_000_000_000_000_000n + BigInt(n)), createdBy: CLICKER, ...overrides }),
    NOW,
  );
  return subscription;
}

const subs = () => store.listSubscriptions({ platform: 'discord', workspaceId: discord.guildId });
const rowsOf = (m: StoredMessage) => (m.components ?? []) as Array<{ type: number; components: Button[] }>;
const labels = (m: StoredMessage) => rowsOf(m).map((r) => r.components.map((b) => b.label));
const embedsOf = (m: StoredMessage) => m.embeds as Embed[];
/** What a member reads: Discord markdown escapes shown as the characters they stand for. */
const read = (s: string | undefined) => String(s ?? '').replace(/\\(.)/g, '$1');

/** Runs `/quadrants subscriptions`; returns the ephemeral list message. */
async function openList(): Promise<StoredMessage> {
  const r = await run({ subcommand: 'subscriptions' });
  expect(r.outcome).toBe('delivered');
  // Deferred privately (type 5, ephemeral), then the list drawn into that reply.
  const defer = r.calls.find((c) => c.path.endsWith('/callback'));
  expect(defer?.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
  const message = [...discord.messages.values()].find((m) => m.token === r.token) as StoredMessage;
  expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
  return message;
}

/** Clicks the button labelled `label` on the list message as a member (a manager unless `perms` says otherwise). */
async function click(list: StoredMessage, label: string, perms: bigint = MANAGER) {
  const button = rowsOf(list).flatMap((r) => r.components).find((b) => b.label === label);
  if (!button) throw new Error(`no button ${label} in ${JSON.stringify(labels(list))}`);
  return clickId(list, button.custom_id, perms);
}

async function clickId(list: StoredMessage, customId: string, perms: bigint = MANAGER) {
  const r = await run({ subcommand: 'subscriptions', component: { customId, messageId: list.id }, memberPermissions: perms });
  return { ...r, callback: r.calls.find((c) => c.path.endsWith('/callback'))?.body as { type: number; data?: any } };
}

/** The list was redrawn in place: the click's token edited the original message (the list). */
function redrawn(calls: RecordedCall[], token: string): RecordedCall {
  const edit = calls.find((c) => c.method === 'PATCH' && c.path === `/webhooks/${discord.applicationId}/${token}/messages/@original`);
  expect(edit?.status).toBe(200);
  // Nothing else was sent for the click: no follow-up, no new message.
  expect(calls.filter((c) => c.method === 'POST' && !c.path.endsWith('/callback'))).toEqual([]);
  return edit as RecordedCall;
}

const announcements = () => discord.visibleMessages(discord.channelId).map((m) => read(m.content));

test('lists the subscriptions numbered, with a row of buttons per subscription', async () => {
  await seed(1);
  await seed(2, { channelId: discord.addChannel() });
  const list = await openList();
  const [embed] = embedsOf(list);
  expect(embed?.title).toBe('Digests in this server');
  const lines = read(embed?.description).split('\n');
  expect(lines[0]).toBe('2 digest subscriptions in this server.');
  expect(lines[1]).toMatch(/^1\. <#\d+>: @creator\.\d, last 30 posts, monthly on day 1 at 09:00 \(UTC\)\. Next Thu 1 Apr 2027, 09:00; no digest yet\. Template alerts: off\.$/);
  expect(lines[2]).toMatch(/^2\. <#\d+>: @creator\.\d/);
  expect(labels(list)).toEqual([
    ['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe'],
    ['2 · Pause', '2 · Edit', '2 · Watch for templates', '2 · Unsubscribe'],
  ]);
  const buttons = rowsOf(list).flatMap((r) => r.components);
  // No confirm dialog exists on Discord: Unsubscribe is drawn red instead.
  expect(buttons.filter((b) => b.style === ButtonStyle.Danger).map((b) => b.label)).toEqual(['1 · Unsubscribe', '2 · Unsubscribe']);
  for (const b of buttons) expect(b.custom_id).toMatch(/^quadrants:(pause|edit|watch|unsubscribe)\|v1\|\d+\|s\|\d+\|\d+\|0$/);
});

test('Pause: acknowledged with a deferred update, stored, announced, and the list redrawn with Resume', async () => {
  await seed(1);
  const list = await openList();
  const r = await click(list, '1 · Pause');
  expect(r.outcome).toBe('delivered');
  expect(r.callback.type).toBe(6);
  const [sub] = await subs();
  expect(sub).toMatchObject({ pausedBy: CLICKER, pausedAt: NOW.toISOString() });
  expect(announcements()).toEqual([`<@${CLICKER}> paused this channel's digest for @creator.1; none will arrive until someone resumes it.`]);
  const edit = redrawn(r.calls, r.token);
  expect(edit.body.embeds).toHaveLength(2);
  const [note, page] = embedsOf(list);
  expect(read(note?.description)).toBe(`Paused: <#${discord.channelId}> gets no digests for @creator.1 until someone resumes it; its schedule (last 30 posts, monthly on day 1 at 09:00) is kept.`);
  expect(read(page?.description)).toContain(`1. <#${discord.channelId}>: @creator.1, last 30 posts, monthly on day 1 at 09:00 (UTC). Paused since Sat 13 Mar 2027, 12:00 by <@${CLICKER}>`);
  expect(labels(list)).toEqual([['1 · Resume', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe']]);
  // The message is still the ephemeral reply to the command.
  expect(list.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(list.interaction).toMatchObject({ type: 2, name: 'quadrants subscriptions' });
});

test('Resume: the digest runs again from its next run, announced, and the list offers Pause again', async () => {
  await seed(1);
  const list = await openList();
  await click(list, '1 · Pause');
  const r = await click(list, '1 · Resume');
  expect(r.outcome).toBe('delivered');
  expect(r.callback.type).toBe(6);
  expect((await subs())[0]).toMatchObject({ pausedAt: null, pausedBy: null });
  expect(announcements()[1]).toBe(`<@${CLICKER}> resumed this channel's digest for @creator.1; the next one arrives Thu 1 Apr 2027, 09:00 UTC.`);
  redrawn(r.calls, r.token);
  expect(read(embedsOf(list)[0]?.description)).toContain('the next one arrives Thu 1 Apr 2027, 09:00 UTC.');
  expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe']]);
});

test('Edit opens a modal filled with the schedule; its submission is stored and the list redrawn with the next run in that zone', async () => {
  await seed(1);
  const list = await openList();
  const opened = await click(list, '1 · Edit');
  expect(opened.outcome).toBe('answered');
  expect(opened.callback.type).toBe(9);
  const modal = opened.callback.data as { custom_id: string; title: string; components: Array<{ components: Array<{ custom_id: string; value?: string }> }> };
  expect(modal.title).toBe('Edit digest');
  expect(Object.fromEntries(modal.components.map((row) => [row.components[0]?.custom_id, row.components[0]?.value]))).toEqual({ cadence: 'monthly', on: '1', at: '09:00', tz: 'UTC', posts: '30' });
  expect(modal.custom_id.length).toBeLessThanOrEqual(100);

  const values = { cadence: 'weekly', on: 'friday', at: '08:30', tz: 'America/New_York', posts: '30' };
  const sent = await run({ subcommand: 'subscriptions', modal: { customId: modal.custom_id, messageId: list.id, values }, memberPermissions: MANAGER });
  expect(sent.outcome).toBe('delivered');
  expect(sent.calls.find((c) => c.path.endsWith('/callback'))?.body.type).toBe(6);
  expect(await subs()).toEqual([expect.objectContaining({ cadence: 'weekly', day: 5, hour: 8, minute: 30, timezone: 'America/New_York', posts: 30 })]);
  redrawn(sent.calls, sent.token);
  const [note, page] = embedsOf(list);
  // Friday 19 March: New York is on daylight time by then, and the time is stated in that zone.
  expect(read(note?.description)).toBe(`Done: <#${discord.channelId}> gets a digest for @creator.1 (last 30 posts, weekly on Fridays at 08:30); the next one arrives Fri 19 Mar 2027, 08:30 America/New_York.`);
  expect(read(page?.description)).toContain('weekly on Fridays at 08:30 (America/New_York). Next Fri 19 Mar 2027, 08:30; no digest yet.');
  expect(announcements()).toEqual([expect.stringContaining("updated this channel's subscription to a digest for @creator.1 (last 30 posts, weekly on Fridays at 08:30)")]);
});

test('Unsubscribe deletes the subscription, announces it, and the list is redrawn without it', async () => {
  await seed(1);
  const other = discord.addChannel();
  await seed(2, { channelId: other });
  const list = await openList();
  const first = read(embedsOf(list)[0]?.description).split('\n')[1] as string;
  const gone = first.includes('@creator.1') ? 1 : 2;
  const r = await click(list, '1 · Unsubscribe');
  expect(r.outcome).toBe('delivered');
  expect(r.callback.type).toBe(6);
  expect((await subs()).map((s) => s.creatorUsername)).toEqual([`creator.${3 - gone}`]);
  const where = gone === 1 ? discord.channelId : other;
  expect(discord.visibleMessages(where).map((m) => read(m.content))).toEqual([`<@${CLICKER}> stopped this channel's digest for @creator.${gone}; no more digests for that creator will arrive here.`]);
  redrawn(r.calls, r.token);
  expect(read(embedsOf(list)[0]?.description)).toBe(`Done: <#${where}> gets no more digests for @creator.${gone}.`);
  expect(read(embedsOf(list)[1]?.description)).not.toContain(`@creator.${gone},`);
  expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe']]);
});

test('nine subscriptions page by four: Next page and Previous page redraw the list in place, within five rows', async () => {
  for (let n = 1; n <= 9; n++) await seed(n, { channelId: n === 1 ? discord.channelId : discord.addChannel() });
  const list = await openList();
  expect(read(embedsOf(list)[0]?.description).split('\n')[0]).toBe('9 digest subscriptions in this server; page 1 of 3.');
  expect(labels(list).map((row) => row[0])).toEqual(['1 · Pause', '2 · Pause', '3 · Pause', '4 · Pause', 'Next page']);
  const seen = new Set<string>();
  const items = () => read(embedsOf(list).at(-1)?.description).split('\n').slice(1);
  items().forEach((l) => seen.add(l.slice(3)));

  const next = await click(list, 'Next page', MEMBER);
  expect(next.outcome).toBe('delivered');
  expect(next.callback.type).toBe(6);
  redrawn(next.calls, next.token);
  // A page is the list itself: nothing drawn on top of it.
  expect(embedsOf(list)).toHaveLength(1);
  expect(read(embedsOf(list)[0]?.description).split('\n')[0]).toBe('9 digest subscriptions in this server; page 2 of 3.');
  expect(rowsOf(list)).toHaveLength(5);
  expect(labels(list)[4]).toEqual(['Previous page', 'Next page']);
  items().forEach((l) => seen.add(l.slice(3)));
  // The buttons of page 2 carry page 2, so a change there redraws page 2.
  expect(rowsOf(list)[0]?.components[0]?.custom_id).toMatch(/\|1$/);

  await click(list, 'Next page', MEMBER);
  expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe'], ['Previous page']]);
  items().forEach((l) => seen.add(l.slice(3)));
  expect(seen.size).toBe(9);

  await click(list, 'Previous page', MEMBER);
  expect(read(embedsOf(list)[0]?.description).split('\n')[0]).toBe('9 digest subscriptions in this server; page 2 of 3.');
  // Pausing on page 2 redraws page 2, with the change on top.
  const paused = await click(list, '2 · Pause');
  expect(paused.outcome).toBe('delivered');
  expect(read(embedsOf(list)[0]?.description)).toMatch(/^Paused: /);
  expect(read(embedsOf(list)[1]?.description).split('\n')[0]).toBe('9 digest subscriptions in this server (1 paused); page 2 of 3.');
  expect(labels(list)[1]?.[0]).toBe('2 · Resume');
});

test('a member without Manage Channels is refused on the list and nothing changes', async () => {
  await seed(1);
  const list = await openList();
  const before = JSON.stringify(await subs());
  const refusal = 'Changing digest subscriptions needs the Manage Channels permission on this server; ask someone who has it.';
  for (const label of ['1 · Pause', '1 · Unsubscribe', '1 · Edit']) {
    const r = await click(list, label, MEMBER);
    expect(r.outcome).toBe('refused');
    // Edit opens no form for a member who could not save it.
    expect(r.callback.type).toBe(6);
    redrawn(r.calls, r.token);
    expect(read(embedsOf(list)[0]?.description)).toBe(refusal);
    expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe']]);
  }
  expect(JSON.stringify(await subs())).toBe(before);
  expect(announcements()).toEqual([]);
});

test('stale, foreign and New clicks redraw the list with one sentence on top and change nothing', async () => {
  const sub = await seed(1);
  const list = await openList();
  const before = JSON.stringify(await subs());
  const stale = 'That button is from an older version of this message and no longer works; run the command again for fresh buttons.';
  const value = (workspace: string) => encodeTarget(workspace, { command: 'subscription', channel: sub.channelId, creator: sub.creatorUserid, page: 0 });
  const cases: Array<[string, string]> = [
    [`quadrants:pause|v0|${discord.guildId}|s|${sub.channelId}|${sub.creatorUserid}|0`, stale],
    [`quadrants:pause|${encodeTarget(discord.guildId, { command: 'subscriptions', page: 0 })}`, stale],
    [`quadrants:unsubscribe|${value('1300000000000000999')}`, 'That button belongs to a message from another workspace or server; run the command here instead.'],
    [`quadrants:edit|${value('1300000000000000999')}`, 'That button belongs to a message from another workspace or server; run the command here instead.'],
    // Discord's list never offers New (its forms cannot pick a channel): such a click is forged or stale.
    [`quadrants:new|${encodeTarget(discord.guildId, { command: 'subscriptions', page: 0 })}`, stale],
  ];
  for (const [customId, sentence] of cases) {
    const r = await clickId(list, customId);
    expect(r.outcome).toBe('refused');
    expect(r.callback.type).toBe(6);
    redrawn(r.calls, r.token);
    expect(read(embedsOf(list)[0]?.description)).toBe(sentence);
    expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe']]);
  }
  expect(JSON.stringify(await subs())).toBe(before);
  // A subscription removed since the list was drawn: its buttons say so, and the list shows what is left.
  const edit = rowsOf(list)[0]?.components[1]?.custom_id as string;
  await store.deleteSubscription(sub);
  const r = await clickId(list, edit);
  expect(r.outcome).toBe('refused');
  expect(embedsOf(list)).toHaveLength(2);
  expect(read(embedsOf(list)[1]?.description)).toBe('No channel in this server gets digests yet; run /quadrants subscribe @creator in a channel to start one.');
  expect(labels(list)).toEqual([]);
  expect(await subs()).toEqual([]);
  expect(announcements()).toEqual([]);
});

test('custom ids stay within 100 characters with 20-digit server, channel and creator ids, on the last page there can be', () => {
  const id20 = '12345678901234567890';
  const sub = { ...subInput({ platform: 'discord', workspaceId: id20, channelId: id20, creatorUsername: 'a'.repeat(64), creatorUserid: id20 }), id: 1, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), activeSince: NOW.toISOString(), status: 'active' as const, disabledReason: null, pausedAt: null, pausedBy: null };
  const listing = { subscription: sub, schedule: 'monthly on day 1 at 09:00 (UTC)', state: 'active' as const, nextRunAt: null, lastRuns: [] };
  // 9999 is the highest page a value can carry: the page number is the longest it gets.
  // Every subscription's channel watches its creator: Stop template alerts is the fourth button.
  const watch = { channelId: id20, creatorUserid: id20, creatorUsername: 'a'.repeat(64) };
  const card = subscriptionListCard(Array.from({ length: 40_000 }, () => listing), { page: 9999, size: 4, workspaceId: id20, place: 'server', offerNew: false }, [watch]);
  const rows = renderActions(card);
  const buttons = rows.flatMap((r) => r.components as Button[]);
  // Every button is drawn (none left out for a long id): four subscriptions of four buttons, and Previous page.
  expect(rows.length).toBeLessThanOrEqual(5);
  const item = (n: number) => [`${n} · Pause`, `${n} · Edit`, `${n} · Stop template alerts`, `${n} · Unsubscribe`];
  expect(buttons.map((b) => b.label)).toEqual([...item(1), ...item(2), ...item(3), ...item(4), 'Previous page']);
  expect(buttons.find((b) => b.label === '1 · Stop template alerts')?.custom_id).toBe(`quadrants:unwatch|v1|${id20}|s|${id20}|${id20}|9999`);
  const longest = Math.max(...buttons.map((b) => b.custom_id.length));
  expect(buttons.find((b) => b.custom_id.length === longest)?.custom_id).toBe(`quadrants:unsubscribe|v1|${id20}|s|${id20}|${id20}|9999`);
  expect(longest).toBeLessThanOrEqual(100);
  // The Edit form carries the same value in its modal's custom id.
  const edit = buttons.find((b) => b.label === '1 · Edit') as Button;
  expect(renderModal(editForm(sub), edit.custom_id.slice('quadrants:edit|'.length)).custom_id).toBe(edit.custom_id);
});

describe('template alerts from the list', () => {
  const watches = () => store.listWatches({ platform: 'discord', workspaceId: discord.guildId });
  const items = (list: StoredMessage) => read(embedsOf(list).at(-1)?.description).split('\n').slice(1);
  const seedWatch = (channelId: string, n: number) =>
    store.saveWatch({ platform: 'discord', workspaceId: discord.guildId, channelId, creatorUserid: String(6_910_000_000_000_000_000n + BigInt(n)), creatorUsername: `watched.${n}`, createdBy: CLICKER }, NOW);

  test('Watch for templates and Stop template alerts: stored, announced, and the list redrawn with the line on and off', async () => {
    await seed(1);
    const lone = discord.addChannel();
    // A watch in a channel without a digest is listed too, with its own row, so it can be stopped from here.
    await seedWatch(lone, 1);
    const list = await openList();
    expect(items(list)).toEqual([expect.stringMatching(/^1\. .*@creator\.1, .* Template alerts: off\.$/), `2. <#${lone}>: @watched.1, no digest. Template alerts: on.`]);
    expect(read(embedsOf(list)[0]?.description).split('\n')[0]).toBe('1 digest subscription in this server, and 1 template-alert watch without a digest.');
    expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe'], ['2 · Stop template alerts']]);

    const on = await click(list, '1 · Watch for templates');
    expect(on.outcome).toBe('delivered');
    expect(on.callback.type).toBe(6);
    redrawn(on.calls, on.token);
    expect(await watches()).toEqual(expect.arrayContaining([expect.objectContaining({ channelId: discord.channelId, creatorUsername: 'creator.1', createdBy: CLICKER })]));
    expect(read(embedsOf(list)[0]?.description)).toMatch(new RegExp(`^Done: <#${discord.channelId}> watches @creator\\.1; `));
    expect(items(list)[0]).toMatch(/Template alerts: on\.$/);
    expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Stop template alerts', '1 · Unsubscribe'], ['2 · Stop template alerts']]);
    expect(announcements()).toEqual([`<@${CLICKER}> set this channel to watch @creator.1: once a day, a post under 7 days old that other creators download to reuse gets one short alert here.`]);

    const off = await click(list, '1 · Stop template alerts');
    expect(off.outcome).toBe('delivered');
    redrawn(off.calls, off.token);
    expect(read(embedsOf(list)[0]?.description)).toBe(`Done: <#${discord.channelId}> no longer watches @creator.1.`);
    expect(items(list)[0]).toMatch(/Template alerts: off\.$/);
    expect((await watches()).map((w) => w.channelId)).toEqual([lone]);

    await click(list, '2 · Stop template alerts');
    expect(read(embedsOf(list)[0]?.description)).toBe(`Done: <#${lone}> no longer watches @watched.1.`);
    expect(labels(list)).toEqual([['1 · Pause', '1 · Edit', '1 · Watch for templates', '1 · Unsubscribe']]);
    expect(await watches()).toEqual([]);
  });

  test('a member without Manage Channels is refused; stale, forged and foreign values change nothing', async () => {
    const sub = await seed(1);
    await seedWatch(discord.addChannel(), 1);
    const list = await openList();
    const before = JSON.stringify(await watches());
    const drawn = labels(list);
    for (const label of ['1 · Watch for templates', '2 · Stop template alerts']) {
      const r = await click(list, label, MEMBER);
      expect(r.outcome).toBe('refused');
      redrawn(r.calls, r.token);
      expect(read(embedsOf(list)[0]?.description)).toBe('Changing digest subscriptions needs the Manage Channels permission on this server; ask someone who has it.');
      expect(labels(list)).toEqual(drawn);
    }
    const stale = 'That button is from an older version of this message and no longer works; run the command again for fresh buttons.';
    const cases: Array<[string, string]> = [
      [`quadrants:watch|v1|${discord.guildId}|s|${sub.channelId}|${sub.creatorUserid}|1e3`, stale],
      [`quadrants:unwatch|v2|${discord.guildId}|s|${sub.channelId}|${sub.creatorUserid}|0`, stale],
      [`quadrants:watch|${encodeTarget(discord.guildId, { command: 'report', creator: '@creator.1', posts: 10 })}`, stale],
      [`quadrants:watch|${encodeTarget('1300000000000000999', { command: 'subscription', channel: sub.channelId, creator: sub.creatorUserid, page: 0 })}`, 'That button belongs to a message from another workspace or server; run the command here instead.'],
    ];
    for (const [customId, sentence] of cases) {
      const r = await clickId(list, customId);
      expect(r.outcome).toBe('refused');
      redrawn(r.calls, r.token);
      expect(read(embedsOf(list)[0]?.description)).toBe(sentence);
      expect(labels(list)).toEqual(drawn);
    }
    expect(JSON.stringify(await watches())).toBe(before);
    expect(announcements()).toEqual([]);
  });
});
