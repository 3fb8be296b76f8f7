/**
 * /quadrants over Socket Mode, end to end: real Bolt, real service and TikLiveAPI source,
 * fake Slack, fake TikLiveAPI and fake QuickChart.
 */
import { rawVideos } from '../fakes/tikliveapi';
import { limitViolations } from './limits-check';
import { startWorld, type World } from './world';
import { slackView } from '../fakes/slack-view';

type Obj = Record<string, unknown>;

describe('Slack /quadrants report (Socket Mode)', () => {
  let w: World;
  afterEach(async () => w?.close());

  it('acks with a working line, posts the report blocks, then the breakdown in its thread', async () => {
    w = await startWorld();
    const ack = await w.slack.sendSlashCommand({ text: '@mossy.kitchen 12' });
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: expect.stringContaining("@mossy.kitchen's last 12 posts") });

    const [main, thread] = await w.slack.waitFor(() => {
      const posts = w.slack.callsTo('chat.postMessage');
      return posts.length >= 2 ? posts : undefined;
    }, 'report and thread');
    expect(main?.auth).toBe(`Bearer ${w.slack.botToken}`);
    expect(main?.body.channel).toBe(w.slack.channelId);
    const blocks = main?.body.blocks as Obj[];
    // The QuickChart here is on loopback, which Slack's servers could not load: the chart is
    // uploaded, and shown in the message by its file id.
    expect(blocks.map((b) => b.type)).toEqual(['header', 'image', 'section', 'section', 'section', 'section', 'actions', 'context']);
    expect(blocks[1]?.slack_file).toEqual({ id: w.slack.uploads[0]?.fileId });
    expect((blocks[0]?.text as Obj).text).toBe('Quadrants for @mossy.kitchen · last 12 posts');
    const fieldTexts = (blocks[3]?.fields as Obj[]).map((f) => String(f.text));
    expect(fieldTexts[0]).toMatch(/^\*Median share rate\*\n\d+\.\d\d%$/);
    expect(fieldTexts).toHaveLength(7);
    expect(String(main?.body.text)).toMatch(/^Quadrants for @mossy\.kitchen, last 12 posts: \d+ viral evergreen, .*median share rate/);
    expect(JSON.stringify(blocks)).toContain('*Next step:*');
    expect(JSON.stringify(blocks[7])).toContain('API credit');
    expect(JSON.stringify(blocks)).not.toContain('attached in the thread');
    expect(limitViolations({ text: String(main?.body.text), blocks: blocks as never })).toEqual([]);

    // The thread reply hangs under the report's ts and lists every post by number.
    expect(thread?.body.thread_ts).toBe(main?.result?.ts);
    const seen = slackView(thread?.body ?? {});
    for (let i = 1; i <= 12; i++) expect(seen.text).toContain(`#${i} “`);
    // Every post number is a link to the video on TikTok.
    expect(seen.links.map((l) => l.text).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `#${i + 1}`).sort());
    for (const l of seen.links) expect(l.url).toMatch(/^https:\/\/www\.tiktok\.com\/@mossy\.kitchen\/video\/\d+$/);
    expect(w.slack.responses).toEqual([]);
    expect(w.slack.uploads).toHaveLength(1);
  });

  it('shows the chart as an image block when QuickChart is public and the link fits', async () => {
    w = await startWorld({ quickchartPublic: true });
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen 5' });
    const main = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'report');
    const blocks = main.body.blocks as Obj[];
    expect(blocks.map((b) => b.type).slice(0, 2)).toEqual(['header', 'image']);
    expect(String(blocks[1]?.image_url)).toMatch(new RegExp(`^${w.qc.url}/chart\\?`));
    expect(String(blocks[1]?.image_url).length).toBeLessThanOrEqual(3000);
    expect(String(blocks[1]?.alt_text)).toMatch(/Scatter chart of \d+ posts by @mossy\.kitchen.*viral evergreen.*dead\./);
    expect(JSON.stringify(blocks)).not.toContain('attached in the thread');
    expect(w.slack.uploads).toEqual([]);
  });

  it('names a handle with underscores as it is in the working line and the report (a copied handle is the real one)', async () => {
    w = await startWorld();
    w.api.addCreator({ username: 'lucy_the_cook', userid: '6912345678901230001', videos: rawVideos(6) });
    const ack = await w.slack.sendSlashCommand({ text: '@lucy_the_cook 6' });
    expect(slackView(ack.payload as Record<string, unknown>).text).toContain("@lucy_the_cook's last 6 posts");
    const main = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'report');
    const seen = slackView(main.body);
    expect(seen.text).toContain('Quadrants for @lucy_the_cook · last 6 posts');
    expect(seen.notification).toMatch(/^Quadrants for @lucy_the_cook, last 6 posts/);
    expect(`${seen.text}${seen.notification}`).not.toContain('ˍ');
  });

  it('acks before any upstream request has finished, and posts only after the upstream answered', async () => {
    w = await startWorld();
    w.api.latencyMs = 300;
    const ack = await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    // Checked in the same turn the ack arrived: nothing upstream has completed yet.
    const finishedAtAck = w.api.requests.length - w.api.load.inFlight;
    expect(finishedAtAck).toBe(0);
    const post = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'report');
    expect(ack.seq).toBeLessThan(post.seq);
    expect(w.api.requests.length).toBeGreaterThan(0);
  });

  it('shows mentions, links and markup hidden in titles as text: they ping, link and format nothing', async () => {
    const hostile = ['<!channel> free stuff', 'hi <@U123> & <!here>', '<https://evil.example|click me>', '@everyone look', 'line\nbreak <#C999>', 'lucy_the_cook *bold* ~strike~ `code`', '[x](https://evil.example) :skull:'];
    w = await startWorld({ videos: rawVideos(14, (i) => ({ title: hostile[i % hostile.length] })) });
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen 14' });
    const posts = await w.slack.waitFor(() => {
      const p = w.slack.callsTo('chat.postMessage');
      return p.length >= 2 ? p : undefined;
    }, 'report and thread');
    for (const p of posts) {
      const seen = slackView(p.body);
      expect(seen.mentions).toEqual([]);
      expect(seen.emoji.filter((e) => e === 'skull')).toEqual([]);
      expect(seen.links.every((l) => l.url.startsWith('https://www.tiktok.com/@mossy.kitchen/video/'))).toBe(true);
      expect(seen.styled.filter((r) => hostile.some((h) => h.includes(r)))).toEqual([]);
      expect(limitViolations({ text: String(p.body.text), blocks: p.body.blocks as never })).toEqual([]);
    }
    const thread = slackView(posts[1]?.body ?? {}).text;
    for (const title of ['<!channel> free stuff', 'hi <@U123> & <!here>', '<https://evil.example|click me>', '@everyone look', 'line break <#C999>', 'lucy_the_cook *bold* ~strike~ `code`', '[x](https://evil.example) :skull:']) {
      expect(thread).toContain(`“${title}”`);
    }
  });

  it('uploads the PNG privately and shows it in the channel message when the chart URL is too long for an image block', async () => {
    w = await startWorld({ chartPrefix: `/${'p'.repeat(3000)}`, quickchartPublic: true });
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    const thread = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage').find((c) => c.body.thread_ts !== undefined && c.result), 'thread');
    const [complete] = w.slack.callsTo('files.completeUploadExternal');
    const main = w.slack.callsTo('chat.postMessage')[0];
    const blocks = main?.body.blocks as Obj[];
    // Completed without a channel (shared by no one), then shown by the message itself.
    expect(complete?.body.channel_id).toBeUndefined();
    expect(complete?.body.thread_ts).toBeUndefined();
    expect(blocks.filter((b) => b.type === 'image')).toEqual([expect.objectContaining({ slack_file: { id: w.slack.uploads[0]?.fileId } })]);
    expect(JSON.stringify(blocks)).not.toContain('attached in the thread');
    expect(w.slack.callsTo('files.getUploadURLExternal')[0]?.body).toMatchObject({ filename: 'quadrants-chart.png' });
    expect(w.slack.uploads).toHaveLength(1);
    expect(w.slack.uploads[0]?.png).toBe(true);
    expect(w.qc.requests.some((r) => r.method === 'POST')).toBe(true);
    // In the channel: one message, with the chart in it; the breakdown in its thread, without a picture.
    const channel = w.slack.messages.filter((m) => !m.thread_ts);
    expect(channel).toHaveLength(1);
    expect(channel[0]?.files).toEqual([expect.objectContaining({ id: w.slack.uploads[0]?.fileId })]);
    expect(thread.body.thread_ts).toBe(main?.result?.ts);
    expect(w.slack.messages.filter((m) => m.thread_ts && m.files)).toEqual([]);
  });

  it('answers help, an empty command and a malformed one with the usage, spending nothing', async () => {
    w = await startWorld();
    const help = await w.slack.sendSlashCommand({ text: 'help' });
    const empty = await w.slack.sendSlashCommand({ text: '   ' });
    const bad = await w.slack.sendSlashCommand({ text: 'compare @only.one' });
    for (const ack of [help, empty, bad]) {
      expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
      expect(JSON.stringify((ack.payload as Obj).blocks)).toContain('How to use /quadrants');
      // The usage shows `<video link>`: escaped, so Slack does not read it as markup.
      expect(JSON.stringify(ack.payload)).toContain('&lt;video link&gt;');
    }
    expect(String((bad.payload as Obj).text)).toMatch(/^Compare needs 2 to 5 creators/);
    expect(w.api.requests).toEqual([]);
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});

/**
 * Issue 19.4 on Slack: the author handle comes from TikLiveAPI (the command names a numeric user
 * id), so it is whatever upstream says. Whatever it is, the channel shows it as typed: no link,
 * no mention, no style, in the report, its fallback and the breakdown under it.
 */
describe('Slack: a hostile author handle from TikLiveAPI, end to end', () => {
  const HANDLES = ['[x](https://evil.example)', '@everyone', '<!channel>', 'lucy_the_cook', '*bold*', '~strike~', '`code`', ':skull:'];
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
    HANDLES.forEach((username, i) => w.api.addCreator({ username, userid: `69000000000000000${10 + i}`, videos: rawVideos(6) }));
  });
  afterAll(async () => w?.close());

  it.each(HANDLES.map((h, i) => [h, i] as const))('%s shows as typed, and links and pings nothing', async (handle, i) => {
    const before = w.slack.callsTo('chat.postMessage').length;
    await w.slack.sendSlashCommand({ text: `69000000000000000${10 + i} 6` });
    const [main, thread] = await w.slack.waitFor(() => {
      const p = w.slack.callsTo('chat.postMessage').slice(before);
      return p.length >= 2 ? p : undefined;
    }, 'report and thread');
    const valid = /^[A-Za-z0-9_.]{1,24}$/.test(handle);
    for (const call of [main, thread]) {
      const seen = slackView(call?.body ?? {});
      const shown = seen.text.replace(/\u200b/g, '');
      expect(shown).toContain(`@${handle}`);
      expect(seen.notification.replace(/\u200b/g, '')).toContain(`@${handle}`);
      expect(seen.mentions).toEqual([]);
      expect(seen.emoji).not.toContain('skull');
      expect(seen.styled.filter((r) => handle.includes(r))).toEqual([]);
      // Links: only the post numbers, and only when the handle passed the whitelist.
      for (const l of seen.links) expect(l.url).toBe(`https://www.tiktok.com/@${handle}/video/${/\d+$/.exec(l.url)?.[0]}`);
      expect(limitViolations({ text: String(call?.body.text), blocks: call?.body.blocks as never })).toEqual([]);
    }
    expect(slackView(thread?.body ?? {}).links).toHaveLength(valid ? 6 : 0);
  });
});
