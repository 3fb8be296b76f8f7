/**
 * The chart is part of the result message in the channel, whatever draws it and however it
 * travels: end to end through the real Bolt app against the fake Slack, which shows an uploaded
 * file in a message only when the message names it by `slack_file` and Slack has processed it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIGEST_EVENT_TYPE } from '../../adapters/slack/digest';
import { runDueDigests } from '../../src/digest';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { openStore, type Store } from '../../src/store';
import { rawVideos, type RawVideo } from '../fakes/tikliveapi';
import type { SlackMessage } from '../fakes/slack';
import { startWorld, type World, type WorldOptions } from './world';
import { slackView } from '../fakes/slack-view';

type Obj = Record<string, unknown>;

/** The chart settings the bot can run with, as the fakes stand for them. */
const SETUPS: Array<[string, WorldOptions, 'link-or-file' | 'quickchart-file' | 'local-file']> = [
  // Hosted quickchart.io: public and with the plugins (here a loopback server standing for it).
  ['hosted QuickChart', { quickchartPublic: true, quickchartPlugins: true }, 'link-or-file'],
  // A private QuickChart that says it has the plugins: its PNG is uploaded.
  ['a private QuickChart with QUICKCHART_PLUGINS=true', { quickchartPlugins: true }, 'quickchart-file'],
  // A private QuickChart without the flag is taken to be the open-source server: drawn in process.
  ['a private QuickChart without QUICKCHART_PLUGINS', { quickchartPlugins: null }, 'local-file'],
  ['CHART_RENDERER=local', { chartRenderer: 'local', quickchartPlugins: null }, 'local-file'],
];

const OTHER = { username: 'sofa.standup', userid: '6912345678901234999' };
const SUBSCRIBED_AT = new Date('2026-12-10T12:00:00Z');
/** An hour after the first monthly digest is due. */
const DUE_AT = new Date('2027-01-01T10:00:00Z');

/** The bot's top-level messages in the channel (not thread replies). */
const topLevel = (w: World): SlackMessage[] => w.slack.messages.filter((m) => m.channel === w.slack.channelId && !m.thread_ts && m.bot_id === 'B0BOT');
const imagesOf = (m: SlackMessage): Obj[] => ((m.blocks as Obj[] | undefined) ?? []).filter((b) => b.type === 'image');

/**
 * Waits for the result (a top-level message with a thread under it) and checks the picture is in
 * that message: an image block with a link, or one naming a file Slack shows in the message.
 */
async function chartMessage(w: World, charts: number): Promise<{ message: SlackMessage; images: Obj[] }> {
  const message = await w.slack.waitFor(() => {
    const m = topLevel(w).at(-1);
    return m && w.slack.messages.some((r) => r.thread_ts === m.ts) ? m : undefined;
  }, 'the result and its thread', 20_000);
  const images = imagesOf(message);
  expect(images).toHaveLength(charts);
  const shown = ((message.files as Obj[] | undefined) ?? []).map((f) => f.id);
  for (const image of images) {
    expect(String(image.alt_text)).not.toBe('');
    if (image.image_url === undefined) expect(shown).toContain((image.slack_file as Obj).id);
  }
  expect(JSON.stringify(message.blocks)).not.toContain('attached in the thread');
  // The thread holds the breakdown only: no picture was put there.
  expect(w.slack.messages.filter((r) => r.thread_ts === message.ts && (r.files?.length ?? 0) > 0)).toEqual([]);
  // No file was shared anywhere by itself.
  expect(w.slack.callsTo('files.completeUploadExternal').filter((c) => c.body.channel_id !== undefined)).toEqual([]);
  return { message, images };
}

/** Where the chart came from, as the fakes saw it. */
function expectSource(w: World, images: Obj[], kind: (typeof SETUPS)[number][2]): void {
  const posted = w.qc.requests.filter((r) => r.method === 'POST').length;
  const uploaded = w.slack.uploads.filter((u) => u.png).length;
  const files = images.filter((i) => i.slack_file !== undefined).length;
  expect(uploaded).toBe(files);
  if (kind === 'local-file') {
    // Drawn in process: QuickChart never asked, no link anywhere.
    expect(w.qc.requests).toEqual([]);
    expect(files).toBe(images.length);
  } else if (kind === 'quickchart-file') {
    expect(posted).toBe(images.length);
    expect(files).toBe(images.length);
  } else {
    // Links where they fit Slack's 3,000 characters, QuickChart's PNG otherwise.
    for (const i of images) if (i.image_url !== undefined) expect(String(i.image_url).length).toBeLessThanOrEqual(3000);
    expect(posted).toBe(files);
  }
}

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

/** A world with digests on (a SQLite store in a temp dir) and a second creator to compare with. */
async function worldWith(options: WorldOptions, videos: RawVideo[]): Promise<World> {
  dir = mkdtempSync(join(tmpdir(), 'quadrants-slack-chart-'));
  const opened = openStore(join(dir, 'quadrants.db'));
  store = opened;
  const w = await startWorld({ ...options, videos, snapshots: opened, subscriptions: (service) => createSubscriptionService({ store: opened, service, now: () => SUBSCRIBED_AT }) });
  w.api.addCreator({ ...OTHER, videos: rawVideos(10) });
  return w;
}

/** Subscribes the channel, then runs the digests due at DUE_AT through the adapter's delivery. */
async function runDigest(w: World) {
  await w.slack.sendSlashCommand({ text: 'subscribe @mossy.kitchen' });
  await w.slack.waitFor(() => topLevel(w)[0], 'the announcement');
  // Message timestamps follow the run's clock, as Slack's follow real time.
  w.slack.useClock(() => DUE_AT.getTime());
  return runDueDigests({ store: store as Store, service: w.service, deliveries: [w.adapter.digestDelivery], now: () => DUE_AT, sleep: async () => undefined });
}
const isDigest = (m: SlackMessage) => (m.metadata as { event_type?: string } | undefined)?.event_type === DIGEST_EVENT_TYPE;

describe.each(SETUPS)('Slack: the chart is in the channel message with %s', (_name, options, kind) => {
  let w: World;
  afterEach(async () => w?.close());

  it.each([10, 30])('report of %i posts', async (n) => {
    w = await worldWith(options, rawVideos(30));
    await w.slack.sendSlashCommand({ text: `@mossy.kitchen ${n}` });
    const { message, images } = await chartMessage(w, 1);
    expect(String(message.text)).toMatch(new RegExp(`^Quadrants for @mossy\\.kitchen, last ${n} posts`));
    expectSource(w, images, kind);
  });

  it('compare (the scatter and the quadrant mix)', async () => {
    w = await worldWith(options, rawVideos(12));
    await w.slack.sendSlashCommand({ text: `compare @mossy.kitchen @${OTHER.username}` });
    const { images } = await chartMessage(w, 2);
    expectSource(w, images, kind);
  });

  it('trend (the medians line and the monthly mix), asking TikLiveAPI nothing', async () => {
    w = await worldWith(options, rawVideos(12));
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    await chartMessage(w, 1);
    const asked = w.api.requests.length;
    await w.slack.sendSlashCommand({ text: 'trend @mossy.kitchen' });
    const message = await w.slack.waitFor(() => topLevel(w).find((m) => String(m.text).startsWith("@mossy.kitchen's median share and save rates")), 'the trend', 20_000);
    const images = imagesOf(message);
    expect(images).toHaveLength(2);
    for (const image of images) expect(String(image.alt_text)).toMatch(/by month: \d{4}-\d{2} /);
    expect(w.slack.messages.some((m) => m.thread_ts === message.ts)).toBe(false);
    expect(slackView(message).text).toMatch(/\d{4}-\d{2}: median share rate \d+\.\d+%, median save rate \d+\.\d+%, 10 posts \(Viral evergreen \d+/);
    // Each picture is a link or a file Slack shows in this very message.
    const shown = ((message.files as Obj[] | undefined) ?? []).map((f) => f.id);
    for (const image of images) if (image.image_url === undefined) expect(shown).toContain((image.slack_file as Obj).id);
    if (kind !== 'link-or-file') expect(images.every((i) => i.slack_file !== undefined)).toBe(true);
    expect(w.api.requests).toHaveLength(asked);
  });

  it('post placement', async () => {
    const videos = rawVideos(12);
    w = await worldWith(options, videos);
    await w.slack.sendSlashCommand({ text: `post https://www.tiktok.com/@mossy.kitchen/video/${String(videos[3]?.aweme_id)}` });
    const { images } = await chartMessage(w, 1);
    expectSource(w, images, kind);
  });

  it('digest preview', async () => {
    w = await worldWith(options, rawVideos(30));
    await w.slack.sendSlashCommand({ text: 'digest @mossy.kitchen' });
    const { message, images } = await chartMessage(w, 1);
    expect(JSON.stringify(message.blocks)).toContain('Preview');
    expectSource(w, images, kind);
  });

  it('digest', async () => {
    w = await worldWith(options, rawVideos(30));
    expect(await runDigest(w)).toMatchObject({ posted: 1 });
    const { message, images } = await chartMessage(w, 1);
    expect(isDigest(message)).toBe(true);
    expectSource(w, images, kind);
  });

  it('a digest recovered after its thread failed: one message with the chart, one breakdown under it', async () => {
    w = await worldWith(options, rawVideos(30));
    // The message lands; its breakdown reply is refused: the run is not recorded until a later
    // attempt finds the message and completes its thread.
    w.slack.failWhen('chat.postMessage', (body) => typeof body.thread_ts === 'string', { error: 'internal_error' });
    expect(await runDigest(w)).toMatchObject({ posted: 0, recovered: 1 });
    const { message, images } = await chartMessage(w, 1);
    expect(topLevel(w).filter(isDigest)).toEqual([message]);
    expect(w.slack.messages.filter((m) => m.thread_ts === message.ts)).toHaveLength(1);
    expectSource(w, images, kind);
  });
});

describe('Slack: an uploaded chart Slack is still processing', () => {
  let w: World;
  afterEach(async () => w?.close());

  it('is retried until Slack has it, and then shown in the channel message', async () => {
    w = await startWorld({ chartRenderer: 'local', videos: rawVideos(12) });
    w.slack.files.processingPosts = 2;
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    const { message } = await chartMessage(w, 1);
    const posts = w.slack.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === undefined);
    expect(posts.map((c) => c.result?.error ?? 'ok')).toEqual(['invalid_blocks', 'invalid_blocks', 'ok']);
    expect(topLevel(w)).toEqual([message]);
    expect(w.slack.uploads).toHaveLength(1);
  });

  it('never processed: the PNG is shared at the top level of the channel, the read-out right under it, its thread under the read-out', async () => {
    w = await startWorld({ chartRenderer: 'local', videos: rawVideos(12) });
    w.slack.files.processingPosts = Infinity;
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    const readOut = await w.slack.waitFor(() => {
      const m = topLevel(w).find((x) => String(x.text).startsWith('Quadrants for'));
      return m && w.slack.messages.some((r) => r.thread_ts === m.ts) ? m : undefined;
    }, 'the read-out and its thread', 20_000);
    const channel = w.slack.messages.filter((m) => m.channel === w.slack.channelId && !m.thread_ts);
    // In the channel, in order: the shared PNG, then the read-out (without an image block naming the file).
    expect(channel).toHaveLength(2);
    expect(channel[0]?.files).toHaveLength(1);
    expect(channel[1]).toBe(readOut);
    expect(imagesOf(readOut)).toEqual([]);
    const thread = w.slack.messages.filter((m) => m.thread_ts === readOut.ts);
    expect(thread).toHaveLength(1);
    expect(JSON.stringify(thread[0]?.blocks)).toContain('"text":"#1"');
    const shares = w.slack.callsTo('files.completeUploadExternal').filter((c) => c.body.channel_id !== undefined);
    expect(shares).toHaveLength(1);
    expect(shares[0]?.body.thread_ts).toBeUndefined();
  });

  it('a digest whose file is never processed: PNG and digest at the top level, one digest, its thread under it, nothing on the next run', async () => {
    w = await worldWith({ chartRenderer: 'local' }, rawVideos(30));
    w.slack.files.processingPosts = Infinity;
    expect(await runDigest(w)).toMatchObject({ posted: 1 });
    const digests = topLevel(w).filter(isDigest);
    expect(digests).toHaveLength(1);
    const digest = digests[0] as SlackMessage;
    const channel = w.slack.messages.filter((m) => m.channel === w.slack.channelId && !m.thread_ts);
    // The announcement, then the shared PNG right above the digest.
    expect(channel.slice(-2).map((m) => [m.files?.length ?? 0, isDigest(m)])).toEqual([[1, false], [0, true]]);
    expect(w.slack.messages.filter((m) => m.thread_ts === digest.ts)).toHaveLength(1);
    const before = w.slack.messages.length;
    expect(await runDueDigests({ store: store as Store, service: w.service, deliveries: [w.adapter.digestDelivery], now: () => DUE_AT, sleep: async () => undefined })).toMatchObject({ posted: 0 });
    expect(w.slack.messages).toHaveLength(before);
  });
});
