/**
 * The list of subscriptions as the core builds it: pages sized for the surface's buttons, the
 * buttons each state offers, values that read back into the command they stand for, and the
 * Edit and New forms.
 */
import { decodeClick, readClick } from '../../src/chat/buttons';
import type { Card } from '../../src/chat/card';
import { subscriptionListCard, type ListPage } from '../../src/chat/cards/subscription-list';
import { plain } from '../../src/chat/inline';
import { editForm, formInput, openForm } from '../../src/chat/forms';
import { validate } from '../../src/chat/parse';
import { describeSchedule } from '../../src/digest/format';
import type { SubscriptionListing, SubscriptionService } from '../../src/digest/subscriptions';
import type { Actor } from '../../src/chat/types';
import { expectQuadrantsError } from '../helpers/errors';
import { sampleListings, sampleWatches, subscription } from './fixtures';

const page = (over: Partial<ListPage> = {}): ListPage => ({ page: 0, size: 4, workspaceId: 'T0001', place: 'workspace', offerNew: false, ...over });
const actor = (over: Partial<Actor> = {}): Actor => ({ surface: 'slack', workspaceId: 'T0001', channelId: '', userId: 'U1', canManage: true, ...over });

function many(n: number): SubscriptionListing[] {
  return Array.from({ length: n }, (_, i) => {
    const s = { ...subscription(), id: i + 1, channelId: `C${100 + i}`, creatorUserid: String(1000 + i), creatorUsername: `creator${i}` };
    return { subscription: s, schedule: describeSchedule(s), state: 'active' as const, nextRunAt: '2026-12-01T08:00:00.000Z', lastRuns: [] };
  });
}

const items = (card: Card) => (card.blocks[0]?.kind === 'list' ? card.blocks[0].items : []);

test('each state offers its own buttons, and every value reads back into the command it stands for', () => {
  const card = subscriptionListCard(sampleListings(subscription()), page(), []);
  expect(items(card).map((i) => i.actions?.map((a) => a.kind))).toEqual([
    ['pause', 'edit', 'watch', 'unsubscribe'],
    ['resume', 'edit', 'watch', 'unsubscribe'],
    // A disabled one is fixed by editing (subscribing again) or removed; its template alerts are their own.
    ['edit', 'watch', 'unsubscribe'],
  ]);
  const [active, paused] = items(card);
  const pause = active?.actions?.[0];
  expect(readClick('quadrants:pause', pause?.value ?? '', actor()).raw).toEqual({ command: 'pause', creator: '6812345678901234567', channel: 'C0001' });
  expect(readClick('quadrants:resume', paused?.actions?.[0]?.value ?? '', actor()).raw).toEqual({ command: 'resume', creator: '6812345678901234568', channel: 'C0001' });
  const unsubscribe = active?.actions?.[3];
  expect(unsubscribe).toMatchObject({ danger: true, confirm: { yes: 'Unsubscribe', no: 'Keep it' } });
  expect(readClick('quadrants:unsubscribe', unsubscribe?.value ?? '', actor()).raw).toMatchObject({ command: 'unsubscribe' });
  // The raw input is valid as typed input would be.
  expect(() => validate(readClick('quadrants:pause', pause?.value ?? '', actor()).raw)).not.toThrow();
  expect(plain(card.summary)).toBe('3 digest subscriptions in this workspace (1 paused, 1 disabled).');
});

test('each line says whether its channel watches the creator; watches without a digest follow, each with Stop template alerts', () => {
  const sub = subscription();
  const card = subscriptionListCard(sampleListings(sub), page({ size: 10 }), sampleWatches(sub));
  const lines = items(card).map((i) => plain(i.text));
  expect(lines.map((l) => l.slice(l.lastIndexOf('Template alerts')))).toEqual(['Template alerts: on.', 'Template alerts: off.', 'Template alerts: off.', 'Template alerts: on.']);
  expect(lines[3]).toBe('#C0002: @new.face, no digest. Template alerts: on.');
  expect(items(card).map((i) => i.actions?.map((a) => a.label))).toEqual([
    ['Pause', 'Edit', 'Stop template alerts', 'Unsubscribe'],
    ['Resume', 'Edit', 'Watch for templates', 'Unsubscribe'],
    ['Edit', 'Watch for templates', 'Unsubscribe'],
    ['Stop template alerts'],
  ]);
  // Each runs the typed command of its name for its line's channel and creator, valid as typed input.
  const [active, paused, , lone] = items(card);
  const stop = readClick('quadrants:unwatch', active?.actions?.[2]?.value ?? '', actor()).raw;
  expect(stop).toEqual({ command: 'unwatch', creator: '6812345678901234567', channel: 'C0001' });
  const start = readClick('quadrants:watch', paused?.actions?.[2]?.value ?? '', actor()).raw;
  expect(start).toEqual({ command: 'watch', creator: '6812345678901234568', channel: 'C0001' });
  expect(readClick('quadrants:unwatch', lone?.actions?.[0]?.value ?? '', actor()).raw).toEqual({ command: 'unwatch', creator: '6812345678901234570', channel: 'C0002' });
  for (const raw of [stop, start]) expect(() => validate(raw)).not.toThrow();
  expect(plain(card.summary)).toBe('3 digest subscriptions in this workspace (1 paused, 1 disabled), and 1 template-alert watch without a digest.');
  // A value of the list reads under watch and unwatch alike, and under no result button.
  expectQuadrantsError(() => decodeClick('quadrants:csv', lone?.actions?.[0]?.value ?? ''), 'BAD_INPUT');
});

test('watches without a digest share the pages, and a list of watches only is not empty', () => {
  const sub = subscription();
  const watches = Array.from({ length: 6 }, (_, i) => ({ channelId: `C0${i}`, creatorUserid: String(7000 + i), creatorUsername: `watched${i}` }));
  const first = subscriptionListCard(many(3), page(), watches);
  expect(items(first)).toHaveLength(4);
  expect(plain(first.summary)).toBe('3 digest subscriptions in this workspace, and 6 template-alert watches without a digest; page 1 of 3.');
  const last = subscriptionListCard(many(3), page({ page: 2 }), watches);
  expect(items(last).map((i) => plain(i.text))).toEqual(['#C05: @watched5, no digest. Template alerts: on.']);
  expect(decodeClick('quadrants:unwatch', items(last)[0]?.actions?.[0]?.value ?? '').target).toMatchObject({ page: 2 });
  const only = subscriptionListCard([], page(), [sampleWatches(sub)[1]!]);
  expect(plain(only.summary)).toBe('No digest subscriptions in this workspace, and 1 template-alert watch without a digest.');
  // Where the bot keeps no watches, the list says nothing of template alerts.
  const none = subscriptionListCard(many(1), page(), null);
  expect(plain(items(none)[0]!.text)).not.toContain('Template alerts');
  expect(items(none)[0]?.actions?.map((a) => a.kind)).toEqual(['pause', 'edit', 'unsubscribe']);
  expect(none.footer).toHaveLength(1);
});

test('pages hold what the surface can draw buttons for; the last page is shown when asked past the end', () => {
  const listings = many(9);
  const first = subscriptionListCard(listings, page(), []);
  expect(items(first)).toHaveLength(4);
  expect(first.actions?.map((a) => a.label)).toEqual(['Next page']);
  expect(plain(first.summary)).toBe('9 digest subscriptions in this workspace; page 1 of 3.');
  const next = first.actions?.[0];
  expect(readClick('quadrants:page', next?.value ?? '', actor()).raw).toEqual({ command: 'subscriptions', page: '1' });
  const last = subscriptionListCard(listings, page({ page: 99 }), []);
  expect(items(last)).toHaveLength(1);
  expect(last.actions?.map((a) => a.label)).toEqual(['Previous page']);
  // Buttons on the last page remember it, so the list is redrawn there after a click.
  const value = items(last)[0]?.actions?.[0]?.value ?? '';
  expect(decodeClick('quadrants:pause', value).target).toMatchObject({ command: 'subscription', page: 2 });
});

test('an empty list says how to start, and offers New subscription where forms can pick a channel', () => {
  const slack = subscriptionListCard([], page({ offerNew: true }), []);
  expect(plain(slack.summary)).toMatch(/^No channel in this workspace gets digests yet; click New subscription/);
  expect(slack.actions?.map((a) => a.kind)).toEqual(['new']);
  const discord = subscriptionListCard([], page({ place: 'server' }), []);
  expect(discord.actions).toEqual([]);
});

test('a value of one kind is stale under another, and a foreign workspace changes nothing', () => {
  const value = items(subscriptionListCard(many(1), page(), []))[0]?.actions?.[0]?.value ?? '';
  expectQuadrantsError(() => decodeClick('quadrants:refresh', value), 'BAD_INPUT');
  expectQuadrantsError(() => decodeClick('quadrants:pause', 'v1|T0001|r|@x|10'), 'BAD_INPUT');
  expectQuadrantsError(() => readClick('quadrants:pause', value, actor({ workspaceId: 'T9999' })), 'BAD_INPUT');
});

test('Edit opens filled with the stored schedule and saves into the same channel; New takes a creator and a channel', async () => {
  const sub = { ...subscription(), cadence: 'weekly' as const, day: 5, hour: 8, minute: 30, timezone: 'America/New_York' };
  expect(editForm(sub).fields.map((f) => [f.id, f.initial])).toEqual([
    ['cadence', 'weekly'],
    ['on', 'friday'],
    ['at', '08:30'],
    ['tz', 'America/New_York'],
    ['posts', '12'],
  ]);
  const value = items(subscriptionListCard([{ subscription: sub, schedule: describeSchedule(sub), state: 'active', nextRunAt: null, lastRuns: [] }], page(), []))[0]?.actions?.[1]?.value ?? '';
  const find = jest.fn(async () => sub);
  const deps = { subscriptions: { find } as unknown as SubscriptionService };
  const opened = await openForm({ ...decodeClick('quadrants:edit', value), kind: 'edit' }, actor(), deps);
  expect('form' in opened && opened.form.fields[0]?.initial).toBe('weekly');
  expect(find).toHaveBeenCalledWith({ platform: 'slack', workspaceId: 'T0001', channelId: 'C0001', creatorInput: '6812345678901234567' });
  // Without the manager permission the form does not open at all.
  const refused = await openForm({ ...decodeClick('quadrants:edit', value), kind: 'edit' }, actor({ canManage: false }), deps);
  expect('refusal' in refused && plain(refused.refusal.summary)).toMatch(/^Changing digest subscriptions needs/);
  const raw = formInput('edit', value, { cadence: 'monthly', on: '3', at: '', tz: '', posts: '' }, actor());
  expect(raw).toEqual({ command: 'subscribe', creator: '6812345678901234567', channel: 'C0001', cadence: 'monthly', on: '3' });
  const created = formInput('new', 'v1|T0001|h|0', { creator: '@rowan.lifts', channel: 'C0042', cadence: 'weekly', on: 'monday', at: '07:15', tz: 'Europe/Berlin', posts: '' }, actor());
  expect(created).toEqual({ command: 'subscribe', creator: '@rowan.lifts', channel: 'C0042', cadence: 'weekly', on: 'monday', at: '07:15', tz: 'Europe/Berlin' });
  expect(() => validate(created)).not.toThrow();
});
