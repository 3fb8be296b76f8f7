/**
 * subscribe's schedule options on Discord end to end (real discord.js against the fake Discord,
 * a real SQLite store): options with choices, time-zone and creator autocomplete (type 4),
 * updates of an existing subscription, DST-affected zones and one-sentence refusals.
 */
import { PermissionFlagsBits } from 'discord.js';
import { commandDefinitions } from '../../adapters/discord/commands';
import type { Store } from '../../src/store/types';
import { startStoreWorld, type StoreWorld } from './store-world';
import type { FakeDiscord, InteractionInput } from '../fakes/discord';

const MANAGER = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages;
/** Saturday 2027-03-13, the day before the United States move their clocks forward. */
let t = Date.parse('2027-03-13T12:00:00Z');
const now = () => new Date(t);

let store: Store;
let discord: FakeDiscord;

const run = (input: InteractionInput) => world.run(input);

function replyText(token: string): string {
  return discord
    .callsFor(token)
    .map((c) => String((c.body?.data ?? c.body ?? {}).content ?? ''))
    .join('\n')
    // Discord markdown escapes underscores in zone names; read the text as a user sees it.
    .replace(/\\_/g, '_');
}

/** Dispatches an autocomplete interaction and returns the choices the bot answered. */
async function choices(options: Record<string, string>, focused: string): Promise<string[]> {
  const { token } = discord.dispatchInteraction({ subcommand: 'subscribe', options, autocomplete: focused, memberPermissions: MANAGER });
  const call = await discord.waitForCall((c) => c.path.includes(`/${token}/callback`));
  expect(call.body.type).toBe(8);
  return (call.body.data.choices as Array<{ name: string; value: string }>).map((c) => c.value);
}

let world: StoreWorld;

beforeEach(async () => {
  t = Date.parse('2027-03-13T12:00:00Z');
  world = await startStoreWorld({ prefix: 'quadrants-discord-schedule-', now });
  ({ store, discord } = world);
});

afterEach(() => world.close());

test('registers cadence with choices, on, at, and autocomplete for tz and the creator', () => {
  const sub = (commandDefinitions()[0]?.options ?? []).find((o) => o.name === 'subscribe') as unknown as { options: Array<Record<string, unknown>> };
  const byName = Object.fromEntries(sub.options.map((o) => [o.name, o]));
  expect(Object.keys(byName)).toEqual(['creator', 'channel', 'cadence', 'on', 'at', 'tz', 'posts']);
  expect(byName.cadence?.choices).toEqual([
    { name: 'monthly', value: 'monthly' },
    { name: 'weekly', value: 'weekly' },
  ]);
  expect(byName.tz?.autocomplete).toBe(true);
  expect(byName.creator?.autocomplete).toBe(true);
  const report = (commandDefinitions()[0]?.options ?? []).find((o) => o.name === 'report') as unknown as { options: Array<Record<string, unknown>> };
  expect(report.options.find((o) => o.name === 'creator')?.autocomplete).toBe(false);
});

test('a weekly subscription in a DST zone states its next run in that zone, and subscribing again updates it', async () => {
  const r = await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen', cadence: 'weekly', on: 'sunday', at: '02:30', tz: 'America/New_York' }, memberPermissions: MANAGER });
  expect(r.outcome).toBe('delivered');
  const [sub] = await store.listSubscriptions({ platform: 'discord', workspaceId: discord.guildId });
  expect(sub).toMatchObject({ cadence: 'weekly', day: 0, hour: 2, minute: 30, timezone: 'America/New_York', posts: 30 });
  // 02:30 does not exist on 14 March 2027 in New York: the digest comes at the jump, 03:00 EDT, not skipped.
  expect(replyText(r.token)).toContain('(last 30 posts, weekly on Sundays at 02:30); the next one arrives Sun 14 Mar 2027, 03:00 America/New_York.');

  const again = await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen', cadence: 'monthly', on: '15', at: '18:00', tz: 'Europe/London' }, posts: undefined, memberPermissions: MANAGER } as InteractionInput);
  expect(again.outcome).toBe('delivered');
  const subs = await store.listSubscriptions({ platform: 'discord', workspaceId: discord.guildId });
  expect(subs).toHaveLength(1);
  expect(subs[0]).toMatchObject({ id: sub?.id, cadence: 'monthly', day: 15, hour: 18, minute: 0, timezone: 'Europe/London' });
  expect(replyText(again.token)).toContain('monthly on day 15 at 18:00); the next one arrives Mon 15 Mar 2027, 18:00 Europe/London.');
});

test.each([
  [{ tz: 'Mars/Olympus' }, 'The time zone “Mars/Olympus” is not an IANA zone name; use one like Europe/Berlin or America/New_York.'],
  [{ cadence: 'weekly', on: '12' }, 'A weekly digest runs on a weekday; “12” is not one, for example weekly on friday.'],
  [{ at: '7pm' }, 'The time “7pm” is not a 24-hour time; write it as HH:MM, for example at 09:30.'],
  [{ on: '31' }, 'A monthly digest runs on a day from 1 to 28 (every month has one); “31” is not, for example on 15.'],
])('refuses %j with one sentence and stores nothing', async (options, sentence) => {
  const r = await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen', ...options }, memberPermissions: MANAGER });
  expect(r.outcome).toBe('invalid');
  expect(replyText(r.token).split('\n')[0]).toBe(sentence);
  expect(await store.listSubscriptions({})).toHaveLength(0);
});

test('autocompletes time zones and the creators this server already follows', async () => {
  expect(await choices({ creator: '@x', tz: 'new_y' }, 'tz')).toEqual(['America/New_York']);
  const berlin = await choices({ creator: '@x', tz: 'Europe/Be' }, 'tz');
  expect(berlin).toEqual(expect.arrayContaining(['Europe/Berlin', 'Europe/Belgrade']));
  expect(berlin.every((z) => z.startsWith('Europe/Be'))).toBe(true);
  expect(await choices({ creator: '' }, 'creator')).toEqual([]);
  await run({ subcommand: 'subscribe', options: { creator: '@mossy.kitchen' }, memberPermissions: MANAGER });
  await run({ subcommand: 'subscribe', options: { creator: '@rowan.lifts' }, memberPermissions: MANAGER });
  expect(await choices({ creator: '' }, 'creator')).toEqual(['@mossy.kitchen', '@rowan.lifts']);
  expect(await choices({ creator: 'ROW' }, 'creator')).toEqual(['@rowan.lifts']);
});
