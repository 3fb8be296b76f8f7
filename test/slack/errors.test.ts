/**
 * Every failure reaches only the person who ran the command (ephemeral, via response_url),
 * and nothing half-finished lands in the channel.
 */
import { faults, rawVideos, type FakeFault } from '../fakes/tikliveapi';
import { startWorld, type World } from './world';

type Obj = Record<string, unknown>;

async function ephemeralReply(w: World): Promise<Obj> {
  const reply = await w.slack.waitFor(() => w.slack.responses[0], 'response_url post');
  return reply.body;
}

describe('Slack /quadrants errors', () => {
  let w: World;
  afterEach(async () => w?.close());

  const coreErrors: Array<[string, FakeFault | null, string, RegExp]> = [
    ['bad API key', faults.badKey(), '@mossy.kitchen', /rejected the API key.*TIKLIVEAPI_KEY/],
    ['out of credits', faults.outOfCredits(), '@mossy.kitchen', /out of credits/],
    ['creator not found', null, '@nobody.here', /not found|private/],
    ['rate limited', faults.rateLimited(), '@mossy.kitchen', /rate limiting/],
    ['upstream down', faults.serverError(503), '@mossy.kitchen', /not answering/],
    ['malformed data', faults.json('{"code":0,"data":7}'), '@mossy.kitchen', /sent data we could not read/],
  ];

  it.each(coreErrors)('%s: one ephemeral sentence to the user, nothing in the channel', async (name, fault, text, sentence) => {
    w = await startWorld();
    if (fault) w.api.fail(name === 'malformed data' ? 'user-posts' : '*', fault);
    const ack = await w.slack.sendSlashCommand({ text });
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    const reply = await ephemeralReply(w);
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply.text)).toMatch(sentence);
    expect(reply.blocks).toBeUndefined();
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(w.slack.responses).toHaveLength(1);
    // The API key never reaches Slack or the logs.
    expect(JSON.stringify([w.slack.calls, w.slack.responses, w.slack.acks])).not.toContain(w.api.apiKey);
    expect(w.logs.join('\n')).not.toContain(w.api.apiKey);
  });

  it.each(['not_in_channel', 'channel_not_found'])('%s: the report goes out through response_url with the invite hint', async (code) => {
    w = await startWorld();
    w.slack.fail('chat.postMessage', { error: code });
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    const reply = await ephemeralReply(w);
    expect(reply.response_type).toBe('in_channel');
    const blocks = reply.blocks as Obj[];
    expect(blocks[0]?.type).toBe('header');
    expect(JSON.stringify(blocks)).toContain('/invite @quadrants');
    expect(JSON.stringify(blocks)).not.toContain('in the thread');
    expect(String(reply.text)).toMatch(/^Quadrants for @mossy\.kitchen/);
    // No thread: the one failed post is the only chat.postMessage.
    expect(w.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it.each([
    ['missing_scope', /missing a permission.*manifest\.yml/],
    ['is_archived', /archived/],
    ['invalid_auth', /SLACK_BOT_TOKEN/],
    ['msg_blocks_too_long', /too long/],
  ])('%s: an ephemeral sentence, and no thread reply', async (code, sentence) => {
    w = await startWorld();
    w.slack.fail('chat.postMessage', { error: code });
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    const reply = await ephemeralReply(w);
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply.text)).toMatch(sentence);
    expect(w.slack.callsTo('chat.postMessage')).toHaveLength(1);
    // Nothing in the channel: the chart was uploaded privately, and nothing showed or shared it.
    expect(w.slack.messages).toEqual([]);
    expect(w.slack.callsTo('files.completeUploadExternal').every((c) => c.body.channel_id === undefined)).toBe(true);
  });

  it('a per-user limit answers politely and makes no upstream call', async () => {
    w = await startWorld({ limits: { perUserPerMinute: 1, perTeamPerMinute: 100 } });
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[1], 'first report and thread');
    const upstream = w.api.requests.length;
    const refused = await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    expect(refused.payload).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/^You have run a lot of reports in the last minute; try again in \d+ s/) });
    // Another user in the same workspace is still served.
    const other = await w.slack.sendSlashCommand({ text: 'help', user_id: 'U0OTHER' });
    expect(String((other.payload as Obj).text)).toContain('How to use');
    expect(w.api.requests.length).toBe(upstream);
    expect(w.slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('a per-workspace limit names the workspace', async () => {
    w = await startWorld({ limits: { perUserPerMinute: 10, perTeamPerMinute: 1 } });
    w.api.latencyMs = 50;
    // Another creator: the same one would join the first report's request in flight, for free.
    w.api.addCreator({ username: 'rowan.lifts', userid: '6900000000000000777', videos: rawVideos(5) });
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    const refused = await w.slack.sendSlashCommand({ text: '@rowan.lifts', user_id: 'U0OTHER' });
    expect(String((refused.payload as Obj).text)).toMatch(/^This workspace has run a lot of reports/);
    await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[1], 'first report and thread');
  });

  it('keeps running after a crash-worthy upstream answer and serves the next command', async () => {
    w = await startWorld();
    w.api.fail('*', faults.drop());
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    await ephemeralReply(w);
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    const post = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'report after the failure');
    expect(post.body.channel).toBe(w.slack.channelId);
  });
});
