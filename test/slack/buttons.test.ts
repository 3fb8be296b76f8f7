/**
 * Buttons under a report on Slack, end to end: real Bolt (Socket Mode and signed HTTP) against the
 * fake Slack's block_actions payloads, the real service on the fake TikLiveAPI. Each click is
 * acknowledged at once, runs as the clicker, and answers in the report's thread; stale, foreign
 * and rate-limited clicks get one private sentence and post nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeTarget } from '../../src/chat/buttons';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { openStore, type Store } from '../../src/store';
import { sendSignedCommand } from '../fakes/slack-signing';
import type { SlackCall } from '../fakes/slack';
import { rawVideos } from '../fakes/tikliveapi';
import { SIGNING_SECRET, startWorld, type World } from './world';
import { slackView } from '../fakes/slack-view';

type Obj = Record<string, unknown>;
interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}

let w: World;
afterEach(async () => w?.close());

/** Runs a report by slash command; returns its message ts and its buttons. */
async function report(text = '@mossy.kitchen'): Promise<{ ts: string; buttons: Button[] }> {
  await w.slack.sendSlashCommand({ text });
  const main = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'report');
  const actions = (main.body.blocks as Obj[]).find((b) => b.type === 'actions') as { elements: Button[] };
  return { ts: String(main.result?.ts), buttons: actions.elements };
}

const threadPosts = (ts: string): SlackCall[] => w.slack.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts && c.body.blocks !== undefined);
const button = (buttons: Button[], label: string) => buttons.find((b) => b.text.text === label) as Button;

/** The result as it stands in the thread: its image blocks, each showing a file that is part of it. */
function expectChartsIn(call: SlackCall, charts: number): void {
  const landed = w.slack.messages.find((m) => m.ts === call.result?.ts);
  const images = ((landed?.blocks as Obj[] | undefined) ?? []).filter((b) => b.type === 'image');
  expect(images).toHaveLength(charts);
  expect(landed?.files?.map((f) => (f as Obj).id)).toEqual(images.map((i) => (i.slack_file as Obj).id));
  expect(JSON.stringify(landed?.blocks)).not.toContain('attached in the thread');
}

describe('Slack buttons (Socket Mode)', () => {
  beforeEach(async () => {
    w = await startWorld({ videos: rawVideos(35) });
  });

  it('draws 30 posts, Refresh and CSV under a report, with versioned values naming the workspace', async () => {
    const { buttons } = await report();
    expect(buttons.map((b) => [b.text.text, b.action_id])).toEqual([
      ['30 posts', 'quadrants:window'],
      ['Refresh', 'quadrants:refresh'],
      ['Compare with…', 'quadrants:compare'],
      ['Subscribe this channel', 'quadrants:subscribe'],
      ['CSV', 'quadrants:csv'],
    ]);
    expect(button(buttons, '30 posts').value).toBe(`v1|${w.slack.teamId}|r|@mossy.kitchen|30`);
    expect(button(buttons, 'Refresh').value).toBe(`v1|${w.slack.teamId}|r|@mossy.kitchen|10`);
  });

  it('"30 posts" acknowledges at once and posts the 30-post report, its chart and breakdown in the report thread', async () => {
    const { ts, buttons } = await report();
    const before = w.slack.callsTo('chat.postMessage').length;
    const ack = await w.slack.sendBlockAction({ actionId: 'quadrants:window', value: button(buttons, '30 posts').value, messageTs: ts });
    // An empty acknowledgement: nothing is said in the channel while the click runs.
    expect(ack.payload ?? {}).toEqual({});
    const card = await w.slack.waitFor(() => threadPosts(ts).find((c) => JSON.stringify(c.body.blocks).includes('Quadrants for @mossy.kitchen · last 30 posts')), 'report in thread');
    const breakdown = await w.slack.waitFor(() => threadPosts(ts).find((c) => slackView(c.body).text.includes('#30 “')), 'breakdown in thread');
    expect(breakdown.seq).toBeGreaterThan(card.seq);
    // The click's result carries its chart in the reply itself, not in a separate upload.
    expectChartsIn(card, 1);
    // The new card carries its own buttons, offering the other window back.
    expect(JSON.stringify(card?.body.blocks)).toContain(`v1|${w.slack.teamId}|r|@mossy.kitchen|10`);
    // Nothing new at the top level of the channel.
    expect(w.slack.callsTo('chat.postMessage').slice(before).every((c) => c.body.thread_ts === ts)).toBe(true);
    expect(w.slack.responses).toEqual([]);
  });

  it('Refresh says what it cost, and CSV uploads the breakdown file into the thread', async () => {
    const { ts, buttons } = await report();
    await w.slack.sendBlockAction({ actionId: 'quadrants:refresh', value: button(buttons, 'Refresh').value, messageTs: ts });
    const refreshed = await w.slack.waitFor(() => threadPosts(ts).find((c) => JSON.stringify(c.body.blocks).includes('Refreshed')), 'refresh');
    // This world caches nothing, so a refresh spends a credit and says so.
    expect(JSON.stringify(refreshed.body.blocks)).toContain('Refreshed with new data from TikTok: 1 API credit spent.');

    const uploadsBefore = w.slack.uploads.length;
    await w.slack.sendBlockAction({ actionId: 'quadrants:csv', value: button(buttons, 'CSV').value, messageTs: ts });
    const complete = await w.slack.waitFor(() => w.slack.callsTo('files.completeUploadExternal').find((c) => JSON.stringify(c.body.files).includes('.csv')), 'csv upload');
    expect(complete.body.thread_ts).toBe(ts);
    expect(JSON.stringify(complete.body.files)).toContain('quadrants-mossy.kitchen.csv');
    const file = w.slack.uploads.slice(uploadsBefore).find((u) => u.text.includes('share_rate'))?.text ?? '';
    // The upload is multipart: the CSV is the part's body.
    const start = file.indexOf('id,title');
    const csv = file.slice(start, file.indexOf('\r\n--', start) + 2);
    expect(csv.split('\r\n')[0]).toBe('id,title,created_at,views,likes,comments,shares,saves,downloads,share_rate,save_rate,download_rate,quadrant,template,url');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(11);
  });

  it.each([
    ['an unknown action id', 'quadrants:share', `v1|T0FAKE|r|@mossy.kitchen|10`, 'older version'],
    ['a value from an older version', 'quadrants:refresh', 'v0|@mossy.kitchen|10', 'older version'],
    ['a tampered value', 'quadrants:refresh', 'v1|T0FAKE|r|<!here>|10', 'older version'],
    ['a message from another workspace', 'quadrants:refresh', 'v1|T0OTHER|r|@mossy.kitchen|10', 'another workspace'],
  ])('%s gets one private sentence and changes nothing', async (_name, actionId, value, words) => {
    await w.slack.sendBlockAction({ actionId, value: value.replace('T0FAKE', w.slack.teamId), messageTs: '1700000099.000100' });
    const answer = await w.slack.waitFor(() => w.slack.responses[0], 'private sentence');
    expect(answer.body.response_type).toBe('ephemeral');
    expect(String(answer.body.text)).toContain(words);
    expect(answer.body.blocks).toBeUndefined();
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(w.api.requests).toHaveLength(0);
  });

  it('a select (not a button) with our prefix is stale too', async () => {
    await w.slack.sendBlockAction({ actionId: 'quadrants:window', value: 'v1|x', elementType: 'static_select' });
    const answer = await w.slack.waitFor(() => w.slack.responses[0], 'private sentence');
    expect(String(answer.body.text)).toContain('older version');
  });
});

describe('Slack forms: Compare with… and Subscribe this channel', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quadrants-slack-forms-'));
    store = openStore(join(dir, 'quadrants.db'));
    w = await startWorld({ videos: rawVideos(35), subscriptions: (service) => createSubscriptionService({ store, service, now: () => new Date('2026-12-10T12:00:00Z') }) });
    w.api.addCreator({ username: 'rowan.lifts', userid: '6912345678901234999', videos: rawVideos(35) });
  });
  afterEach(async () => {
    // The world itself is closed by the file's afterEach.
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Clicks a form button and returns the modal Slack was asked to open. */
  async function open(label: string): Promise<{ ts: string; view: Obj }> {
    const { ts, buttons } = await report();
    await w.slack.sendBlockAction({ actionId: button(buttons, label).action_id, value: button(buttons, label).value, messageTs: ts });
    const call = await w.slack.waitFor(() => w.slack.callsTo('views.open')[0], 'views.open');
    expect(call.body.trigger_id).toMatch(/\.222\.fake$/);
    return { ts, view: call.body.view as Obj };
  }

  it('"Compare with…" opens a modal, and its submission posts the comparison in the report thread', async () => {
    const { ts, view } = await open('Compare with…');
    expect(view.callback_id).toBe('quadrants:compare');
    expect((view.blocks as Obj[]).map((b) => b.block_id)).toEqual(['creators']);
    const ack = await w.slack.sendViewSubmission({ callbackId: 'quadrants:compare', privateMetadata: String(view.private_metadata), values: { creators: '@rowan.lifts' } });
    expect(ack.payload ?? {}).toEqual({});
    const posted = await w.slack.waitFor(() => threadPosts(ts).find((c) => JSON.stringify(c.body.blocks).includes('Compare @mossy.kitchen vs @rowan.lifts')), 'comparison in thread');
    expect(posted.body.channel).toBe(w.slack.channelId);
    // The form's comparison carries both its pictures (the scatter and the mix) in that reply.
    await w.slack.waitFor(() => posted.result, 'the comparison answered');
    expectChartsIn(posted, 2);
  });

  it('refuses more than four extra creators in place, under the field', async () => {
    const { view } = await open('Compare with…');
    const ack = await w.slack.sendViewSubmission({ callbackId: 'quadrants:compare', privateMetadata: String(view.private_metadata), values: { creators: '@a1 @a2 @a3 @a4 @a5' } });
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { creators: expect.stringContaining('at most 4 more creators') } });
  });

  it('"Subscribe this channel" takes the schedule options; a bad zone keeps the modal open with one sentence', async () => {
    const { view } = await open('Subscribe this channel');
    expect((view.blocks as Obj[]).map((b) => b.block_id)).toEqual(['cadence', 'on', 'at', 'tz', 'posts']);
    const meta = String(view.private_metadata);
    const bad = await w.slack.sendViewSubmission({ callbackId: 'quadrants:subscribe', privateMetadata: meta, values: { cadence: '', on: '', at: '', tz: 'Mars/Olympus', posts: '' } });
    expect(bad.payload).toEqual({ response_action: 'errors', errors: { tz: 'The time zone “Mars/Olympus” is not an IANA zone name; use one like Europe/Berlin or America/New_York.' } });

    const ok = await w.slack.sendViewSubmission({ callbackId: 'quadrants:subscribe', privateMetadata: meta, values: { cadence: 'weekly', on: 'friday', at: '08:30', tz: 'Europe/Berlin', posts: '' } });
    expect(ok.payload ?? {}).toEqual({});
    const answer = await w.slack.waitFor(() => w.slack.callsTo('chat.postEphemeral')[0], 'private confirmation');
    expect(answer.body.user).toBe('U0HUMAN');
    expect(String(answer.body.text)).toContain('weekly on Fridays at 08:30); the next one arrives Fri 11 Dec 2026, 08:30 Europe/Berlin.');
    const [sub] = await store.listSubscriptions({ platform: 'slack' });
    expect(sub).toMatchObject({ channelId: w.slack.channelId, creatorUsername: 'mossy.kitchen', cadence: 'weekly', day: 5, hour: 8, minute: 30, timezone: 'Europe/Berlin' });
  });

  it('a tampered form is refused in place and runs nothing', async () => {
    const ack = await w.slack.sendViewSubmission({ callbackId: 'quadrants:compare', privateMetadata: '{"v":"v1|T0OTHER|r|@mossy.kitchen|10","c":"C0FAKE","t":""}', values: { creators: '@rowan.lifts' } });
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { creators: expect.stringContaining('another workspace') } });
    const old = await w.slack.sendViewSubmission({ callbackId: 'quadrants:compare', privateMetadata: 'not json', values: { creators: '@rowan.lifts' } });
    expect(old.payload).toEqual({ response_action: 'errors', errors: { creators: expect.stringContaining('older version') } });
    expect(w.api.requests).toHaveLength(0);
  });
});

describe('Slack buttons run as the clicker', () => {
  it('counts a click against the clicker’s own rate limit', async () => {
    w = await startWorld({ videos: rawVideos(35), limits: { perUserPerMinute: 1, perTeamPerMinute: 100 } });
    const { ts, buttons } = await report();
    // U0HUMAN ran the report; their next click is over the limit, another member's is not.
    await w.slack.sendBlockAction({ actionId: 'quadrants:refresh', value: button(buttons, 'Refresh').value, messageTs: ts });
    const refused = await w.slack.waitFor(() => w.slack.responses[0], 'rate limit');
    expect(String(refused.body.text)).toMatch(/^You have run a lot of reports in the last minute/);
    await w.slack.sendBlockAction({ actionId: 'quadrants:refresh', value: button(buttons, 'Refresh').value, messageTs: ts, userId: 'U0OTHER' });
    await w.slack.waitFor(() => threadPosts(ts).find((c) => JSON.stringify(c.body.blocks).includes('Refreshed')), 'other member refresh');
  });

  it('a Refresh or CSV click answered from the cache is free: not refused over the limit, not counted', async () => {
    w = await startWorld({ videos: rawVideos(35), cacheTtlMs: 600_000, limits: { perUserPerMinute: 1, perTeamPerMinute: 100 } });
    const { ts, buttons } = await report();
    const upstream = w.api.requests.length;
    // U0HUMAN used their one report of the minute; the cached report's buttons still answer.
    await w.slack.sendBlockAction({ actionId: 'quadrants:refresh', value: button(buttons, 'Refresh').value, messageTs: ts });
    const refreshed = await w.slack.waitFor(() => threadPosts(ts).find((c) => JSON.stringify(c.body.blocks).includes('Refreshed from the cache')), 'free refresh');
    expect(JSON.stringify(refreshed.body.blocks)).toContain('this refresh was free');
    await w.slack.sendBlockAction({ actionId: 'quadrants:csv', value: button(buttons, 'CSV').value, messageTs: ts });
    await w.slack.waitFor(() => w.slack.callsTo('files.completeUploadExternal').find((c) => JSON.stringify(c.body.files).includes('.csv')), 'csv upload');
    expect(w.api.requests.length).toBe(upstream);
    expect(w.slack.responses).toEqual([]);
    // "30 posts" needs a page the cache does not have: that would spend, so it is refused.
    await w.slack.sendBlockAction({ actionId: 'quadrants:window', value: button(buttons, '30 posts').value, messageTs: ts });
    const refused = await w.slack.waitFor(() => w.slack.responses[0], 'rate limit');
    expect(String(refused.body.text)).toMatch(/^You have run a lot of reports in the last minute/);
    expect(w.api.requests.length).toBe(upstream);
  });

  it('works over signed HTTP too, and refuses an unsigned click', async () => {
    w = await startWorld({ mode: 'http', videos: rawVideos(35) });
    const value = encodeTarget(w.slack.teamId, { command: 'report', creator: '@mossy.kitchen', posts: 10 });
    const payload = JSON.stringify(w.slack.blockActionPayload({ actionId: 'quadrants:refresh', value, messageTs: '1700000005.000100' }));
    const bad = await sendSignedCommand(w.eventsUrl, { payload }, { secret: 'wrong-secret' });
    expect(bad.status).toBe(401);
    const ok = await sendSignedCommand(w.eventsUrl, { payload }, { secret: SIGNING_SECRET });
    expect(ok.status).toBe(200);
    const posted = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'refresh in thread');
    expect(posted.body.thread_ts).toBe('1700000005.000100');
    expect(JSON.stringify(posted.body.blocks)).toContain('Refreshed');
  });
});
