/**
 * End to end: a real discord.js client (the adapter) against the fake Discord, the real service
 * and TikLiveAPI source against the fake TikLiveAPI, and the fake QuickChart.
 */
import { MessageFlags, type APIEmbed } from 'discord.js';
import { PERM, BOT_PERMISSIONS, type RecordedCall } from '../fakes/discord';
import { sends } from './harness';
import { startWorld, type DiscordWorld, type UpstreamFault } from './world';
import { discordView } from '../fakes/discord-view';

const EPHEMERAL = MessageFlags.Ephemeral as number;

let world: DiscordWorld;
const everyCall: RecordedCall[] = [];

beforeAll(async () => {
  world = await startWorld();
  world.discord.events.on('call', (c: RecordedCall) => everyCall.push(c));
});
afterEach(() => {
  world.clearFaults();
  world.discord.clearFaults();
});
afterAll(async () => {
  await world.close();
});

const report = (creator = '@mossy.kitchen', posts = 10) => ({ subcommand: 'report', options: { creator, posts } });

function callback(calls: RecordedCall[]): RecordedCall | undefined {
  return calls.find((c) => c.path.endsWith('/callback'));
}

describe('/quadrants report', () => {
  it('defers before any upstream request finishes, then edits the reply with the embed and chart', async () => {
    world.setLatency(150);
    const before = world.log.length;
    const { outcome, calls } = await world.harness.run(report('@mossy.kitchen', 10));
    expect(outcome).toBe('delivered');
    const events = world.log.slice(before);
    const deferAt = events.findIndex((e) => e === 'discord:defer');
    const firstDone = events.findIndex((e) => e === 'upstream:done');
    expect(deferAt).toBeGreaterThanOrEqual(0);
    expect(firstDone).toBeGreaterThan(deferAt);

    expect(callback(calls)?.body).toEqual({ type: 5, data: { flags: 0 } });
    const edit = calls.find((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
    const embed = edit?.body.embeds[0];
    expect(embed.title).toBe('Quadrants for @mossy.kitchen · last 10 posts');
    // The QuickChart here is on loopback, which Discord could not load: the chart is attached.
    expect(embed.image.url).toBe('attachment://quadrants.png');
    expect(edit?.files).toEqual([expect.objectContaining({ filename: 'quadrants.png', contentType: 'image/png' })]);
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['Median share rate', 'Median save rate', 'Viral evergreen (high shares, high saves)', 'Niche reference (low shares, high saves)', 'Viral disposable (high shares, low saves)', 'Dead (low shares, low saves)']),
    );
    expect(embed.description).toMatch(/^\*\*Next step:\*\* /);
    expect(embed.fields.some((f: { name: string }) => f.name.startsWith('Content mix against the weekly plan'))).toBe(true);
    expect(embed.footer.text).toMatch(/^Per-post breakdown in the thread: .* · Data from TikLiveAPI, fetched \d{4}-\d\d-\d\d \d\d:\d\d UTC · \d+ API credits? spent\.$/);
  });

  it('attaches the PNG when the chart URL is longer than 2000 characters (five creators compared)', async () => {
    for (const name of ['a.one', 'b.two', 'c.three', 'd.four']) world.addCreator(name, []);
    const chartsBefore = world.quickchart.requests.length;
    const { outcome, calls, token } = await world.harness.run({ subcommand: 'compare', options: { creators: '@mossy.kitchen @a.one @b.two @c.three @d.four', posts: 35 } });
    expect(outcome).toBe('delivered');
    const edit = calls.find((c) => c.method === 'PATCH');
    // The scatter and the quadrant-mix bars: two pictures, the second in an embed of its own.
    expect(edit?.files).toEqual([
      expect.objectContaining({ filename: 'quadrants.png', contentType: 'image/png' }),
      expect.objectContaining({ filename: 'quadrants-2.png', contentType: 'image/png' }),
    ]);
    expect(edit?.files[0]?.size).toBeGreaterThan(0);
    const embed = edit?.body.embeds[0];
    expect(embed.image).toEqual({ url: 'attachment://quadrants.png' });
    expect(edit?.body.embeds[1]).toEqual({ image: { url: 'attachment://quadrants-2.png' } });
    expect(embed.title).toBe('Compare @mossy.kitchen vs @a.one vs @b.two vs @c.three vs @d.four · last 35 posts each');
    expect(embed.fields.slice(0, 5).map((f: { name: string }) => f.name.replace(/ \(\d+ placed\)$/, ''))).toEqual(['@mossy.kitchen', '@a.one', '@b.two', '@c.three', '@d.four']);
    expect(edit?.body.attachments[0]).toEqual(expect.objectContaining({ id: '0', description: expect.stringMatching(/^Scatter chart comparing @mossy\.kitchen vs @a\.one/) }));
    // The charts were drawn through POST /chart (the upload path).
    expect(world.quickchart.requests.slice(chartsBefore).map((r) => r.method)).toEqual(['POST', 'POST']);
    // Like a report, a comparison has its per-post breakdown in a thread under the reply.
    expect(calls.map((c) => c.method).slice(0, 2)).toEqual(['POST', 'PATCH']);
    const reply = [...world.discord.messages.values()].find((m) => m.token === token && !m.deleted);
    expect(reply?.thread).toBeTruthy();
  });

  it('puts the per-post breakdown in a thread started from the reply', async () => {
    const { token } = await world.harness.run(report('@mossy.kitchen', 10));
    const reply = [...world.discord.messages.values()].find((m) => m.token === token && !m.deleted);
    expect(reply?.thread).toBeTruthy();
    const threadCall = world.discord.calls.find((c) => c.path === `/channels/${world.discord.channelId}/messages/${reply?.id}/threads`);
    expect(threadCall?.body).toMatchObject({ name: 'Quadrants: @mossy.kitchen, last 10 posts', auto_archive_duration: 1440 });
    const inThread = world.discord.calls.filter((c) => c.path === `/channels/${reply?.thread}/messages`);
    expect(inThread.length).toBeGreaterThan(0);
    const seen = discordView(inThread.map((c) => c.body.content).join('\n'));
    for (let i = 1; i <= 10; i++) expect(seen.text).toContain(`#${i} “`);
    // Every post number is a link to the video; nothing else links.
    expect(seen.links.map((l) => l.text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `#${i + 1}`).sort());
    for (const l of seen.links) expect(l.url).toMatch(/^https:\/\/www\.tiktok\.com\/@mossy\.kitchen\/video\/\d+$/);
    expect(world.discord.callsFor(token).filter((c) => c.method === 'POST' && /\/webhooks\/\d+\/[^/]+$/.test(c.path))).toHaveLength(0);
  });

  it('sends the breakdown as a second message when Discord refuses the thread', async () => {
    world.discord.fail({ method: 'POST', path: /\/threads$/ }, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const { outcome, token } = await world.harness.run(report('@mossy.kitchen', 10));
    expect(outcome).toBe('delivered');
    const followUps = world.discord.callsFor(token).filter((c) => c.method === 'POST' && /\/webhooks\/\d+\/[^/]+$/.test(c.path));
    expect(followUps.length).toBeGreaterThan(0);
    expect(followUps[0]?.body.content).toMatch(/^\*\*Per-post breakdown/);
    expect(followUps.every((c) => !((c.body.flags ?? 0) & EPHEMERAL))).toBe(true);
  });

  it('does not try a thread where the bot may not create one', async () => {
    const before = world.discord.calls.length;
    const { token } = await world.harness.run({ ...report(), appPermissions: BOT_PERMISSIONS & ~PERM.CreatePublicThreads });
    expect(world.discord.calls.slice(before).some((c) => c.path.endsWith('/threads'))).toBe(false);
    expect(world.discord.callsFor(token).some((c) => c.method === 'POST' && c.body?.content?.startsWith('**Per-post breakdown'))).toBe(true);
  });
});

describe('errors reach only the requester', () => {
  it.each<[UpstreamFault, RegExp]>([
    ['creator-not-found', /not found or their account is private/],
    ['bad-api-key', /rejected the API key/],
    ['out-of-credits', /out of credits/],
    ['unavailable', /not answering right now/],
  ])('%s: ephemeral sentence, nothing public left', async (fault, sentence) => {
    world.fault(fault);
    const { outcome, token, calls } = await world.harness.run(report('@mossy.kitchen', 10));
    expect(outcome).toBe('failed');
    expect(calls.map((c) => `${c.method} ${c.path.replace(token, 'TOKEN').replace(/\d{17,19}/g, 'ID')}`)).toEqual([
      'POST /interactions/ID/TOKEN/callback',
      'DELETE /webhooks/ID/TOKEN/messages/@original',
      'POST /webhooks/ID/TOKEN',
    ]);
    const last = calls[2];
    expect(last?.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(last?.body.content).toMatch(sentence);
    expect(last?.body.content.split(/[.!?](\s|$)/).filter((s: string | undefined) => s && s.trim()).length).toBe(1);
    expect([...world.discord.messages.values()].filter((m) => m.token === token && !m.deleted && !(m.flags & EPHEMERAL))).toEqual([]);
  });

  it('answers bad input ephemerally before deferring, without asking upstream', async () => {
    const before = world.upstreamRequests();
    for (const input of [report('not a handle!!', 10), report('@mossy.kitchen', 99), { subcommand: 'post', options: { url: 'https://example.com/nope' } }]) {
      const { outcome, calls } = await world.harness.run(input);
      expect(outcome).toBe('invalid');
      expect(calls).toHaveLength(1);
      expect(callback(calls)?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
      expect(callback(calls)?.body.data.content.length).toBeGreaterThan(10);
    }
    expect(world.upstreamRequests()).toBe(before);
  });

  it('answers a command from a stale registration (an option of the wrong type) privately, asking nothing upstream', async () => {
    const before = world.upstreamRequests();
    // A registration older than this version sent `posts` as text: discord.js refuses to read it as an integer.
    const { outcome, calls } = await world.harness.run({ subcommand: 'report', options: { creator: '@mossy.kitchen', posts: '20' } });
    expect(outcome).toBe('invalid');
    expect(callback(calls)?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: expect.stringContaining('options are out of date on this server') } });
    expect(world.upstreamRequests()).toBe(before);
  });

  it('answers help for one command with its usage, options and example in Discord syntax', async () => {
    const before = world.upstreamRequests();
    const { outcome, calls } = await world.harness.run({ subcommand: 'help', options: { command: 'compare' } });
    expect(outcome).toBe('answered');
    const embed = (callback(calls)?.body.data.embeds as APIEmbed[])[0];
    const seen = discordView(JSON.stringify([embed?.title, embed?.description, ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value])])).text;
    expect(seen).toContain('/quadrants compare creators:@a @b [posts:N]');
    expect(seen).toContain('/quadrants compare creators:@mossy.kitchen @sofa.standup');
    expect(seen).not.toContain('How to use /quadrants');
    expect(world.upstreamRequests()).toBe(before);
  });

  it('trend shows the stored months with both charts in the channel message, asking TikLiveAPI nothing', async () => {
    expect((await world.harness.run(report('mossy.kitchen', 10))).outcome).toBe('delivered');
    const before = world.upstreamRequests();
    const { outcome, calls } = await world.harness.run({ subcommand: 'trend', options: { creator: '@mossy.kitchen' } });
    expect(outcome).toBe('delivered');
    expect(world.upstreamRequests()).toBe(before);
    const edit = calls.find((c) => c.method === 'PATCH');
    const embeds = edit?.body.embeds as APIEmbed[];
    expect(embeds[0]?.title).toBe('@mossy.kitchen: medians by month');
    expect(discordView(embeds[0]?.description ?? '').text).toMatch(/^• \d{4}-\d{2}: median share rate \d+\.\d+%, median save rate \d+\.\d+%, 10 posts/m);
    // Two pictures: the medians line and the monthly mix, each shown in the message (link or attachment).
    const pictures = embeds.map((e) => e.image?.url).filter((u): u is string => u !== undefined);
    expect(pictures).toHaveLength(2);
    const attached = ((edit?.files ?? []) as Array<{ filename: string }>).map((f) => `attachment://${f.filename}`);
    for (const url of pictures) expect(url.startsWith('http') || attached.includes(url)).toBe(true);
  });

  it('answers help ephemerally', async () => {
    const { outcome, calls } = await world.harness.run({ subcommand: 'help' });
    expect(outcome).toBe('answered');
    expect(callback(calls)?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, embeds: [expect.objectContaining({ title: 'How to use /quadrants', description: expect.stringContaining('/quadrants report creator:@name') })] } });
  });
});

describe('safety', () => {
  it('neutralises mentions and markdown from post titles and handles', async () => {
    world.addCreator('everyone', ['@everyone **free** <@123456789012345678> <@&223456789012345678> @here', '||spoiler|| `code` [x](https://evil.example)']);
    const { outcome, token } = await world.harness.run(report('everyone', 5));
    expect(outcome).toBe('delivered');
    const reply = [...world.discord.messages.values()].find((m) => m.token === token && !m.deleted);
    const threadText = world.discord.calls.filter((c) => c.path === `/channels/${reply?.thread}/messages`).map((c) => c.body.content).join('\n');
    const embedText = ((reply?.embeds ?? []) as APIEmbed[]).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]).join('\n');
    for (const text of [threadText, embedText]) {
      const seen = discordView(text);
      expect(seen.mentions).toEqual([]);
      // The only links are the post numbers, to the videos of the handle that passed the whitelist.
      expect(seen.links.every((l) => /^#\d+$/.test(l.text) && l.url.startsWith('https://www.tiktok.com/@everyone/video/'))).toBe(true);
    }
    const seen = discordView(threadText);
    // Zero-width spaces break mentions and are invisible: the reader sees the title as typed.
    seen.text = seen.text.replace(/\u200b/g, '');
    expect(seen.text).toContain('@everyone **free** <@123456789012345678> <@&223456789012345678> @here');
    expect(seen.text).toContain('||spoiler|| `code` [x](https://evil.example)');
    expect(seen.styled.filter((r) => r.includes('free') || r.includes('spoiler') || r.includes('code'))).toEqual([]);
  });

  /**
   * Issue 19.4: the author handle comes from TikLiveAPI (the command names a numeric user id), so
   * it is whatever upstream says. It showed as a live masked link in the thread's heading
   * (`**Per-post breakdown · @[x](https://evil.example)**`); now every place shows it as typed.
   */
  it.each(['[x](https://evil.example)', '@everyone', '<!channel>', 'lucy_the_cook', '*bold*', '~strike~', '`code`'])(
    'an author handle %s from TikLiveAPI shows as typed in the embed and the thread, linking and mentioning nothing',
    async (handle) => {
      world.addCreator(handle, []);
      const { outcome, token } = await world.harness.run(report(world.useridOf(handle), 5));
      expect(outcome).toBe('delivered');
      const reply = [...world.discord.messages.values()].find((m) => m.token === token && !m.deleted);
      const threadCalls = world.discord.calls.filter((c) => c.path === `/channels/${reply?.thread}/messages`);
      expect(threadCalls.length).toBeGreaterThan(0);
      for (const c of threadCalls) expect(c.body.allowed_mentions).toEqual({ parse: [] });
      const valid = /^[A-Za-z0-9_.]{1,24}$/.test(handle);
      const embed = ((reply?.embeds ?? []) as APIEmbed[])[0];
      const places = [embed?.title ?? '', embed?.description ?? '', ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value]), ...threadCalls.map((c) => String(c.body.content))];
      const seen = discordView(places.join('\n'));
      expect(seen.mentions).toEqual([]);
      expect(seen.styled.filter((r) => handle.includes(r))).toEqual([]);
      for (const l of seen.links) expect(l.url).toMatch(new RegExp(`^https://www\\.tiktok\\.com/@${handle.replace(/[.]/g, '\\.')}/video/\\d+$`));
      expect(seen.links).toHaveLength(valid ? 5 : 0);
      const heading = discordView(String(threadCalls[0]?.body.content).split('\n')[0] ?? '').text.replace(/\u200b/g, '');
      expect(heading).toBe(`Per-post breakdown · @${handle}`);
      expect(discordView(embed?.title ?? '').text.replace(/\u200b/g, '')).toContain(`@${handle}`);
    },
  );

  it('rate-limits per user with an ephemeral sentence and no upstream call', async () => {
    const limited = await world.startLimitedHarness({ perUserPerMinute: 1, perTeamPerMinute: 100 });
    try {
      expect((await limited.run(report('@mossy.kitchen', 10))).outcome).toBe('delivered');
      const before = world.upstreamRequests();
      const { outcome, calls } = await limited.run(report('@mossy.kitchen', 10));
      expect(outcome).toBe('rate-limited');
      expect(calls).toHaveLength(1);
      expect(callback(calls)?.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, content: expect.stringMatching(/^You have run a lot of reports in the last minute; try again in \d+ s/) } });
      expect(world.upstreamRequests()).toBe(before);
      const other = await limited.run({ ...report('@mossy.kitchen', 10), userId: '4000000000000000002' });
      expect(other.outcome).toBe('delivered');
    } finally {
      await limited.close();
    }
  });

  it('sets allowed_mentions to {parse: []} on every message the bot sent in this file', () => {
    const sent = sends(everyCall).filter((c) => c.status < 300);
    expect(sent.length).toBeGreaterThan(15);
    for (const c of sent) {
      const data = c.path.endsWith('/callback') ? c.body.data : c.body;
      expect({ path: c.path, allowed: data.allowed_mentions }).toEqual({ path: c.path, allowed: { parse: [] } });
    }
  });

  it('never sends the token anywhere but the Authorization header, and makes no unknown calls', () => {
    expect(world.discord.unhandled).toEqual([]);
    for (const c of everyCall) {
      expect(JSON.stringify({ path: c.path, query: c.query, body: c.body })).not.toContain(world.discord.token);
    }
    expect(world.logs.join('\n')).not.toContain(world.discord.token);
    expect(world.discord.gateway).toMatchObject({ identifies: 1, lastIntents: 1, rejectedTokens: 0 });
  });
});
