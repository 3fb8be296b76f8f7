/**
 * Slack's App Home and the list of subscriptions, end to end: real Bolt over Socket Mode against
 * the fake Slack, the real subscription service on a real SQLite file. The home is published when
 * opened, redrawn with the answer on top after each click or form in it, and refreshed after a
 * change made elsewhere; the typed list redraws in place. Clicks run as the clicker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { openStore, type Store } from '../../src/store';
import type { SlackCall } from '../fakes/slack';
import { rawVideos } from '../fakes/tikliveapi';
import { subInput } from '../digest/helpers';
import { CREATOR, startWorld, type World } from './world';
import { slackView } from '../fakes/slack-view';
import { readsBack } from '../../src/chat/buttons';
import { limitViolations } from './limits-check';
import type { SlackMessage } from '../../adapters/slack/render';

type Obj = Record<string, unknown>;
interface Button {
  action_id: string;
  value: string;
  text: { text: string };
  style?: string;
  confirm?: { title: { text: string }; text: { text: string }; confirm: { text: string }; deny: { text: string } };
}

const NOW = new Date('2026-12-10T12:00:00Z');
let w: World;
let dir: string;
let store: Store;

async function start(options: { managers?: string[] } = {}): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'quadrants-slack-home-'));
  store = openStore(join(dir, 'quadrants.db'));
  w = await startWorld({ videos: rawVideos(35), subscriptions: (service) => createSubscriptionService({ store, service, now: () => NOW }), ...options });
  w.api.addCreator({ username: 'rowan.lifts', userid: '6912345678901234999', videos: rawVideos(35) });
}

afterEach(async () => {
  await w?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const publishes = (): SlackCall[] => w.slack.callsTo('views.publish');
/** Waits for publish number `n` (1-based) and returns its view's blocks. */
async function published(n: number): Promise<Obj[]> {
  const call = await w.slack.waitFor(() => publishes()[n - 1], `views.publish #${n}`);
  expect(call.body.user_id).toBe('U0HUMAN');
  expect(call.result?.ok).toBe(true);
  const view = call.body.view as Obj;
  expect(view.type).toBe('home');
  const blocks = view.blocks as Obj[];
  expect(blocks.length).toBeLessThanOrEqual(100);
  return blocks;
}
/** What the blocks show, read as Slack draws them (mentions as `@U…` / `#C…`). */
const text = (blocks: Obj[]) => slackView({ blocks }).text;
const buttonsOf = (blocks: Obj[]): Button[] => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Button[]);
const button = (blocks: Obj[], label: string): Button => {
  const b = buttonsOf(blocks).find((x) => x.text.text === label);
  if (!b) throw new Error(`no ${label} button in ${text(blocks).slice(0, 300)}`);
  return b;
};

/** A subscription for the world's creator in the world's channel, by typed command; waits for the home it refreshes. */
async function subscribeTyped(): Promise<void> {
  const before = publishes().length;
  await w.slack.sendSlashCommand({ text: 'subscribe @mossy.kitchen' });
  await w.slack.waitFor(() => w.slack.responses.find((r) => String(r.body.text).includes('mossy.kitchen')), 'subscribe answer');
  await published(before + 1);
}

async function openHome(): Promise<Obj[]> {
  const before = publishes().length;
  await w.slack.sendAppHomeOpened();
  return published(before + 1);
}

/** Runs `/quadrants subscriptions`; returns the private answer that holds the list (its blocks have buttons). */
async function typedList(): Promise<{ body: Obj; blocks: Obj[] }> {
  await w.slack.sendSlashCommand({ text: 'subscriptions' });
  // A sentence naming a creator has rich_text blocks too: the list is the answer with buttons.
  const listed = await w.slack.waitFor(() => w.slack.responses.find((r) => Array.isArray(r.body.blocks) && (r.body.blocks as Obj[]).some((b) => b.type === 'actions')), 'the list');
  return { body: listed.body, blocks: listed.body.blocks as Obj[] };
}

describe('Slack App Home', () => {
  it('publishes the list when the Home tab opens (not the Messages tab)', async () => {
    await start();
    await w.slack.sendAppHomeOpened({ tab: 'messages' });
    const empty = await openHome();
    // Only the home tab published: the messages tab was opened first and drew nothing.
    expect(publishes()).toHaveLength(1);
    expect(text(empty)).toContain('Digests in this workspace');
    expect(text(empty)).toContain('No channel in this workspace gets digests yet');
    expect(button(empty, 'New subscription').action_id).toBe('quadrants:new');
  });

  it('a typed subscribe refreshes the home; Pause and Resume in the home change the store, announce, and redraw', async () => {
    await start();
    await openHome();
    await subscribeTyped();
    const refreshed = await published(2);
    expect(publishes()).toHaveLength(2);
    expect(text(refreshed)).toContain('@mossy.kitchen, last 30 posts');
    const item = buttonsOf(refreshed).map((b) => b.text.text);
    expect(item).toEqual(['Pause', 'Edit', 'Watch for templates', 'Unsubscribe', 'New subscription']);

    const announcements = () => w.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === w.slack.channelId);
    const announcedBefore = announcements().length;
    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:pause', value: button(refreshed, 'Pause').value });
    const paused = await published(3);
    const [sub] = await store.listSubscriptions({ platform: 'slack' });
    expect(sub?.pausedAt).toBeTruthy();
    expect(sub?.pausedBy).toBe('U0HUMAN');
    // The announcement went to the digest's channel; the answer sits on top of the redrawn list.
    await w.slack.waitFor(() => announcements().length > announcedBefore, 'pause announcement');
    expect(text(paused).indexOf('Digests in this workspace')).toBeGreaterThan(0);
    expect(text(paused)).toMatch(/Paused since/);
    expect(buttonsOf(paused).map((b) => b.text.text)).toEqual(['Resume', 'Edit', 'Watch for templates', 'Unsubscribe', 'New subscription']);
    // Nothing private was sent anywhere else: the home is the answer.
    expect(w.slack.callsTo('chat.postEphemeral')).toEqual([]);
    expect(publishes()).toHaveLength(3);

    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:resume', value: button(paused, 'Resume').value });
    const resumed = await published(4);
    expect((await store.listSubscriptions({ platform: 'slack' }))[0]?.pausedAt ?? null).toBeNull();
    expect(buttonsOf(resumed).map((b) => b.text.text)).toEqual(['Pause', 'Edit', 'Watch for templates', 'Unsubscribe', 'New subscription']);
    expect(text(resumed)).toMatch(/Next /);
  });

  it('Edit opens a modal with the current schedule; its submission is stored and the home states the next run in the new zone', async () => {
    await start();
    await subscribeTyped();
    const home = await openHome();
    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:edit', value: button(home, 'Edit').value });
    const open = await w.slack.waitFor(() => w.slack.callsTo('views.open')[0], 'views.open');
    const view = open.body.view as Obj;
    expect(view.callback_id).toBe('quadrants:edit');
    const initial = Object.fromEntries((view.blocks as Array<{ block_id: string; element: { initial_value?: string } }>).map((b) => [b.block_id, b.element.initial_value]));
    expect(initial).toEqual({ cadence: 'monthly', on: '1', at: '09:00', tz: 'UTC', posts: '30' });
    expect(JSON.parse(String(view.private_metadata))).toEqual({ v: button(home, 'Edit').value, h: 1 });

    const before = publishes().length;
    const ack = await w.slack.sendViewSubmission({
      callbackId: 'quadrants:edit',
      privateMetadata: String(view.private_metadata),
      values: { cadence: 'weekly', on: 'friday', at: '08:30', tz: 'America/New_York', posts: '' },
    });
    expect(ack.payload ?? {}).toEqual({});
    const after = await published(before + 1);
    const [sub] = await store.listSubscriptions({ platform: 'slack' });
    expect(sub).toMatchObject({ channelId: w.slack.channelId, creatorUserid: CREATOR.userid, cadence: 'weekly', day: 5, hour: 8, minute: 30, timezone: 'America/New_York' });
    // The change sentence on top, the list under it, both naming the next run in New York time.
    expect(text(after)).toContain('weekly on Fridays at 08:30); the next one arrives Fri 11 Dec 2026, 08:30 America/New_York.');
    expect(text(after).indexOf('the next one arrives')).toBeLessThan(text(after).indexOf('Digests in this workspace'));
    expect(text(after)).toContain('weekly on Fridays at 08:30 (America/New');
    expect(text(after)).toContain('Next Fri 11 Dec 2026, 08:30; no digest yet');
  });

  it('New subscription picks a channel; a bad creator keeps the modal open under its field', async () => {
    await start();
    const home = await openHome();
    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:new', value: button(home, 'New subscription').value });
    const open = await w.slack.waitFor(() => w.slack.callsTo('views.open')[0], 'views.open');
    const view = open.body.view as Obj;
    const picker = (view.blocks as Array<{ block_id: string; element: Obj }>).find((b) => b.block_id === 'channel')?.element;
    expect(picker).toMatchObject({ type: 'conversations_select', action_id: 'channel', filter: { include: ['public', 'private'], exclude_bot_users: true } });
    const meta = String(view.private_metadata);

    const bad = await w.slack.sendViewSubmission({ callbackId: 'quadrants:new', privateMetadata: meta, values: { creator: 'not a handle!', cadence: '', on: '', at: '', tz: '', posts: '' }, conversations: { channel: 'C0TARGET' } });
    expect(bad.payload).toEqual({ response_action: 'errors', errors: { creator: expect.stringContaining('TikTok') } });

    const before = publishes().length;
    const ok = await w.slack.sendViewSubmission({ callbackId: 'quadrants:new', privateMetadata: meta, values: { creator: '@rowan.lifts', cadence: '', on: '', at: '', tz: '', posts: '' }, conversations: { channel: 'C0TARGET' } });
    expect(ok.payload ?? {}).toEqual({});
    const after = await published(before + 1);
    const [sub] = await store.listSubscriptions({ platform: 'slack' });
    expect(sub).toMatchObject({ channelId: 'C0TARGET', creatorUsername: 'rowan.lifts', createdBy: 'U0HUMAN' });
    expect(text(after)).toContain('#C0TARGET: @rowan.lifts');
    expect(slackView({ blocks: after }).mentions).toContain('#C0TARGET');
    await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0TARGET'), 'announcement in the picked channel');
  });

  it('Unsubscribe asks first (a red button with a confirm) and then removes the digest', async () => {
    await start();
    await subscribeTyped();
    const home = await openHome();
    const unsubscribe = button(home, 'Unsubscribe');
    expect(unsubscribe.style).toBe('danger');
    expect(unsubscribe.confirm).toMatchObject({ title: { text: 'Stop this digest?' }, confirm: { text: 'Unsubscribe' }, deny: { text: 'Keep it' } });
    const before = publishes().length;
    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:unsubscribe', value: unsubscribe.value });
    const after = await published(before + 1);
    expect(await store.listSubscriptions({ platform: 'slack' })).toEqual([]);
    expect(text(after)).toContain('No channel in this workspace gets digests yet');
  });

  it("refuses a non-manager's Pause on top of the unchanged list, and a stale value changes nothing", async () => {
    await start({ managers: ['U0BOSS'] });
    await store.saveSubscription(subInput({ workspaceId: 'T0FAKE', channelId: 'C0FAKE', creatorUsername: CREATOR.username, creatorUserid: CREATOR.userid }), NOW);
    const home = await openHome();
    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:pause', value: button(home, 'Pause').value });
    const refused = await published(2);
    expect(text(refused)).toContain('Changing digest subscriptions needs one of the people this workspace allows to manage digests');
    expect(text(refused).indexOf('Changing digest')).toBeLessThan(text(refused).indexOf('Digests in this workspace'));
    expect(button(refused, 'Pause')).toBeTruthy();
    expect((await store.listSubscriptions({ platform: 'slack' }))[0]?.pausedAt ?? null).toBeNull();

    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:pause', value: 'v0|T0FAKE|s|C0FAKE|1|0', userId: 'U0HUMAN' });
    const stale = await published(3);
    expect(text(stale)).toContain('older version of this message');
    expect(button(stale, 'Pause')).toBeTruthy();
    // A foreign workspace's value: one sentence, nothing run.
    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:pause', value: `v1|T0OTHER|s|C0FAKE|${CREATOR.userid}|0` });
    expect(text(await published(4))).toContain('another workspace');
    expect((await store.listSubscriptions({ platform: 'slack' }))[0]?.pausedAt ?? null).toBeNull();
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('the list in a message', () => {
  it('/quadrants subscriptions answers privately with the buttons; a page click redraws it in place', async () => {
    await start();
    for (let i = 0; i < 21; i += 1) {
      await store.saveSubscription(subInput({ workspaceId: 'T0FAKE', channelId: `C0CH${String(i).padStart(2, '0')}`, creatorUsername: `creator${i}`, creatorUserid: String(5000 + i) }), NOW);
    }
    const listed = await typedList();
    expect(listed.body.response_type).toBe('ephemeral');
    const blocks = listed.blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    const ids = blocks.map((b) => b.block_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    expect(buttonsOf(blocks).filter((b) => b.text.text === 'Pause')).toHaveLength(20);

    const next = button(blocks, 'Next page');
    await w.slack.sendBlockAction({ place: 'ephemeral', actionId: next.action_id, value: next.value });
    const redrawn = await w.slack.waitFor(() => w.slack.responses.find((r) => r.body.replace_original === true), 'redraw');
    expect(redrawn.body.response_type).toBe('ephemeral');
    const page2 = redrawn.body.blocks as Obj[];
    expect(text(page2)).toContain('page 2 of 2');
    expect(buttonsOf(page2).filter((b) => b.text.text === 'Pause')).toHaveLength(1);
    expect(button(page2, 'Previous page')).toBeTruthy();
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('Pause on the typed list redraws it with the sentence on top and refreshes the home; Edit from it redraws through its response_url', async () => {
    await start();
    await subscribeTyped();
    const { blocks } = await typedList();
    const homeBefore = publishes().length;
    await w.slack.sendBlockAction({ place: 'ephemeral', actionId: 'quadrants:pause', value: button(blocks, 'Pause').value });
    const redrawn = await w.slack.waitFor(() => w.slack.responses.find((r) => r.body.replace_original === true), 'redraw');
    expect(text(redrawn.body.blocks as Obj[])).toMatch(/Paused since/);
    expect((await store.listSubscriptions({ platform: 'slack' }))[0]?.pausedAt).toBeTruthy();
    // The change also reaches the clicker's App Home, once.
    await published(homeBefore + 1);
    expect(publishes()).toHaveLength(homeBefore + 1);

    await w.slack.sendBlockAction({ place: 'ephemeral', actionId: 'quadrants:edit', value: button(blocks, 'Edit').value });
    const open = await w.slack.waitFor(() => w.slack.callsTo('views.open')[0], 'views.open');
    const meta = JSON.parse(String((open.body.view as Obj).private_metadata)) as { c: string; r: string };
    expect(meta.c).toBe(w.slack.channelId);
    expect(meta.r).toMatch(/\/commands\/\d+$/);
    const before = w.slack.responses.length;
    await w.slack.sendViewSubmission({ callbackId: 'quadrants:edit', privateMetadata: JSON.stringify(meta), values: { cadence: '', on: '', at: '10:15', tz: '', posts: '' } });
    const edited = await w.slack.waitFor(() => w.slack.responses.slice(before).find((r) => r.body.replace_original === true), 'redraw after edit');
    expect(edited.id).toBe(meta.r.split('/').pop());
    expect(text(edited.body.blocks as Obj[])).toContain('10:15');
    expect((await store.listSubscriptions({ platform: 'slack' }))[0]).toMatchObject({ hour: 10, minute: 15 });
  });
});

describe('template alerts from the list', () => {
  const watches = () => store.listWatches({ platform: 'slack' });
  const seedWatch = (channelId: string, creator: { username: string; userid: string }) =>
    store.saveWatch({ platform: 'slack', workspaceId: 'T0FAKE', channelId, creatorUserid: creator.userid, creatorUsername: creator.username, createdBy: 'U0HUMAN' }, NOW);
  const seedSub = () => store.saveSubscription(subInput({ workspaceId: 'T0FAKE', channelId: 'C0FAKE', creatorUsername: CREATOR.username, creatorUserid: CREATOR.userid }), NOW);
  const line = (blocks: Obj[], creator: string) => text(blocks).split('\n').find((l) => l.includes(`${creator},`)) ?? '';

  it('Watch for templates and Stop template alerts in the home change the store, announce, and redraw the line on and off', async () => {
    await start();
    await seedSub();
    // A watch in a channel without a digest is listed too, so it can be stopped from here.
    await seedWatch('C0OTHER', { username: 'rowan.lifts', userid: '6912345678901234999' });
    const home = await openHome();
    expect(line(home, '@mossy.kitchen')).toMatch(/Template alerts: off\.$/);
    expect(text(home)).toContain('#C0OTHER: @rowan.lifts, no digest. Template alerts: on.');
    expect(buttonsOf(home).map((b) => b.text.text)).toEqual(['Pause', 'Edit', 'Watch for templates', 'Unsubscribe', 'Stop template alerts', 'New subscription']);
    // Every button's value reads back and fits Slack's 2,000 characters; the view is within Slack's limits.
    for (const b of buttonsOf(home)) expect(readsBack(b.value) && b.value.length <= 2000).toBe(true);
    expect(limitViolations({ text: 'home', blocks: home as unknown as SlackMessage['blocks'] })).toEqual([]);

    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:watch', value: button(home, 'Watch for templates').value });
    const on = await published(2);
    expect(await watches()).toEqual(expect.arrayContaining([expect.objectContaining({ channelId: 'C0FAKE', creatorUserid: CREATOR.userid, creatorUsername: CREATOR.username, createdBy: 'U0HUMAN' })]));
    expect(text(on)).toContain('Done: #C0FAKE watches @mossy.kitchen');
    expect(text(on).indexOf('Done: #C0FAKE watches')).toBeLessThan(text(on).indexOf('Digests in this workspace'));
    expect(line(on, '@mossy.kitchen')).toMatch(/Template alerts: on\.$/);
    expect(buttonsOf(on).map((b) => b.text.text)).toEqual(['Pause', 'Edit', 'Stop template alerts', 'Unsubscribe', 'Stop template alerts', 'New subscription']);
    const said = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'C0FAKE'), 'watch announcement');
    expect(slackView(said.body).text).toContain('set this channel to watch @mossy.kitchen');
    // The digest already knew the creator: no lookup upstream, no credit.
    expect(w.api.requests).toHaveLength(0);

    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:unwatch', value: button(on, 'Stop template alerts').value });
    const off = await published(3);
    expect(text(off)).toContain('Done: #C0FAKE no longer watches @mossy.kitchen.');
    expect(line(off, '@mossy.kitchen')).toMatch(/Template alerts: off\.$/);
    expect((await watches()).map((x) => x.channelId)).toEqual(['C0OTHER']);

    await w.slack.sendBlockAction({ place: 'home', actionId: 'quadrants:unwatch', value: button(off, 'Stop template alerts').value });
    const gone = await published(4);
    expect(text(gone)).toContain('Done: #C0OTHER no longer watches @rowan.lifts.');
    expect(text(gone)).not.toContain('no digest.');
    expect(await watches()).toEqual([]);
    expect(publishes()).toHaveLength(4);
  });

  it("refuses a non-manager's Watch and Stop on top of the unchanged list; stale, forged and foreign values change nothing", async () => {
    await start({ managers: ['U0BOSS'] });
    await seedSub();
    await seedWatch('C0OTHER', { username: 'rowan.lifts', userid: '6912345678901234999' });
    const home = await openHome();
    const before = JSON.stringify(await watches());
    const refusal = 'Changing digest subscriptions needs one of the people this workspace allows to manage digests';
    let n = 1;
    for (const [kind, label] of [['watch', 'Watch for templates'], ['unwatch', 'Stop template alerts']] as const) {
      await w.slack.sendBlockAction({ place: 'home', actionId: `quadrants:${kind}`, value: button(home, label).value });
      const refused = await published((n += 1));
      expect(text(refused).indexOf(refusal)).toBe(0);
      expect(line(refused, '@mossy.kitchen')).toMatch(/Template alerts: off\.$/);
      expect(button(refused, label)).toBeTruthy();
    }
    const cases: Array<[string, string, string]> = [
      ['quadrants:watch', `v1|T0FAKE|s|C0FAKE|${CREATOR.userid}|0x1`, 'older version of this message'],
      ['quadrants:watch', `v0|T0FAKE|s|C0FAKE|${CREATOR.userid}|0`, 'older version of this message'],
      ['quadrants:unwatch', 'v1|T0FAKE|r|@rowan.lifts|10', 'older version of this message'],
      ['quadrants:watch', `v1|T0OTHER|s|C0FAKE|${CREATOR.userid}|0`, 'another workspace'],
    ];
    for (const [actionId, value, sentence] of cases) {
      await w.slack.sendBlockAction({ place: 'home', actionId, value });
      const shown = await published((n += 1));
      expect(text(shown)).toContain(sentence);
      expect(button(shown, 'Watch for templates')).toBeTruthy();
    }
    expect(JSON.stringify(await watches())).toBe(before);
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(w.api.requests).toHaveLength(0);
  });

  it('Watch on the typed list redraws it in place and refreshes the home; a second click from the old list changes nothing', async () => {
    await start();
    await subscribeTyped();
    const { blocks } = await typedList();
    expect(line(blocks, '@mossy.kitchen')).toMatch(/Template alerts: off\.$/);
    const homeBefore = publishes().length;
    const watch = button(blocks, 'Watch for templates');
    await w.slack.sendBlockAction({ place: 'ephemeral', actionId: watch.action_id, value: watch.value });
    const redrawn = await w.slack.waitFor(() => w.slack.responses.find((r) => r.body.replace_original === true), 'redraw');
    const shown = redrawn.body.blocks as Obj[];
    expect(text(shown)).toContain('Done: #C0FAKE watches @mossy.kitchen');
    expect(line(shown, '@mossy.kitchen')).toMatch(/Template alerts: on\.$/);
    expect(button(shown, 'Stop template alerts')).toBeTruthy();
    expect(await watches()).toHaveLength(1);
    // The change also reaches the clicker's App Home, once.
    const home = await published(homeBefore + 1);
    expect(line(home, '@mossy.kitchen')).toMatch(/Template alerts: on\.$/);

    const answered = w.slack.responses.length;
    await w.slack.sendBlockAction({ place: 'ephemeral', actionId: watch.action_id, value: watch.value });
    const again = await w.slack.waitFor(() => w.slack.responses.slice(answered).find((r) => r.body.replace_original === true), 'second redraw');
    expect(text(again.body.blocks as Obj[])).toContain('#C0FAKE already watches @mossy.kitchen, so nothing was changed.');
    expect(await watches()).toHaveLength(1);
  });
});
