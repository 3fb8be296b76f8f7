/**
 * HTTP mode: Slack signs every request; a bad or stale signature gets 401 and does no work.
 */
import { slackSignature } from '../fakes/slack';
import { startWorld, SIGNING_SECRET, type World } from './world';

describe('Slack HTTP mode', () => {
  let w: World;
  afterEach(async () => w?.close());

  it('answers a signed command with the ack as the HTTP body, then posts the report', async () => {
    w = await startWorld({ mode: 'http' });
    const res = await w.slack.sendSignedCommand(w.eventsUrl, SIGNING_SECRET, { text: '@mossy.kitchen' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ response_type: 'ephemeral', text: expect.stringContaining("@mossy.kitchen's last 10 posts") });
    const post = await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'report');
    expect(post.body.channel).toBe(w.slack.channelId);
    expect(w.adapter.connected()).toBe(true);
  });

  it.each([
    ['a bad signature', { badSignature: true }],
    ['a stale signature', { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }],
  ])('rejects %s with 401 and does no work', async (_name, sign) => {
    w = await startWorld({ mode: 'http' });
    const res = await w.slack.sendSignedCommand(w.eventsUrl, SIGNING_SECRET, { text: '@mossy.kitchen' }, sign);
    expect(res.status).toBe(401);
    // A signed command afterwards is served, so anything the bad one started would show up first.
    const ok = await w.slack.sendSignedCommand(w.eventsUrl, SIGNING_SECRET, { text: 'help' });
    expect(ok.status).toBe(200);
    expect(w.api.requests).toEqual([]);
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
    expect(w.slack.responses).toEqual([]);
  });

  it('refuses a request stamped more than five minutes in the future, and does no work', async () => {
    w = await startWorld({ mode: 'http' });
    const res = await w.slack.sendSignedCommand(w.eventsUrl, SIGNING_SECRET, { text: '@mossy.kitchen' }, { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 });
    expect(res.status).toBe(401);
    expect(w.api.requests).toEqual([]);
    expect(w.slack.responses).toEqual([]);
  });

  it('refuses an identical signed request replayed inside the window: the report is posted once', async () => {
    w = await startWorld({ mode: 'http' });
    const body = new URLSearchParams(w.slack.commandPayload({ text: '@mossy.kitchen' })).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(body, { secret: SIGNING_SECRET }) };
    const first = await fetch(w.eventsUrl, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    const replay = await fetch(w.eventsUrl, { method: 'POST', headers, body });
    expect(replay.status).toBe(401);
    await w.slack.waitFor(() => w.slack.callsTo('chat.postMessage')[0], 'report');
    // A fresh, differently signed command is still served, and only then: one report in all.
    const next = await w.slack.sendSignedCommand(w.eventsUrl, SIGNING_SECRET, { text: 'help' });
    expect(next.status).toBe(200);
    expect(w.slack.callsTo('chat.postMessage').filter((c) => !c.body.thread_ts)).toHaveLength(1);
  });

  it('serves extra routes (health checks) on the same port', async () => {
    w = await startWorld({
      mode: 'http',
      extraRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}') }],
    });
    const res = await fetch(`http://127.0.0.1:${w.adapter.port()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('stops listening on stop()', async () => {
    w = await startWorld({ mode: 'http' });
    await w.adapter.stop();
    expect(w.adapter.connected()).toBe(false);
    await expect(fetch(w.eventsUrl, { method: 'POST' })).rejects.toThrow();
  });
});
