/**
 * Start-up and shutdown of the Slack adapter over Socket Mode against the fake Slack.
 */
import { createSlackAdapter } from '../../adapters/slack/app';
import { createLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import type { QuadrantsService } from '../../src/service';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { startWorld, type World } from './world';
import { slackView } from '../fakes/slack-view';

/** Start-up never reaches the service; any call would be a bug. */
const unusedService = new Proxy({} as QuadrantsService, {
  get: () => () => Promise.reject(new Error('the service must not be called')),
});

function adapterFor(slack: FakeSlack, tokens: { botToken: string; appToken: string }, logs: string[]) {
  return createSlackAdapter({
    ...tokens,
    apiUrl: slack.apiUrl,
    service: unusedService,
    limiter: new CommandRateLimiter({ perUserPerMinute: 5, perTeamPerMinute: 20 }),
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    retryConfig: { retries: 0 },
  });
}

describe('Slack adapter lifecycle', () => {
  let w: World | undefined;
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    await w?.close();
    await slack?.close();
    w = undefined;
    slack = undefined;
  });

  it('connects over Socket Mode through apps.connections.open on SLACK_API_URL, and disconnects on stop', async () => {
    w = await startWorld();
    expect(w.adapter.connected()).toBe(true);
    expect(w.adapter.port()).toBeNull();
    const open = w.slack.callsTo('apps.connections.open')[0];
    expect(open?.auth).toBe(`Bearer ${w.slack.appToken}`);
    expect(w.slack.callsTo('auth.test')[0]?.auth).toBe(`Bearer ${w.slack.botToken}`);
    await w.adapter.stop();
    expect(w.adapter.connected()).toBe(false);
    await w.slack.waitFor(() => w?.slack.socket.connections() === 0, 'socket closed');
  });

  it('answers /quadrants help compare with that command’s usage and example, privately', async () => {
    w = await startWorld();
    const ack = await w.slack.sendSlashCommand({ text: 'help compare' });
    const text = slackView(ack.payload as { blocks?: unknown }).text;
    expect(JSON.stringify(ack.payload)).toContain('"response_type":"ephemeral"');
    expect(text).toContain('/quadrants compare @a @b […] [posts N]');
    expect(text).toContain('/quadrants compare @mossy.kitchen @sofa.standup');
    expect(text).not.toContain('How to use /quadrants');
  });

  it('reconnects when Slack asks it to, and keeps answering', async () => {
    w = await startWorld();
    w.slack.socket.disconnectAll('polite');
    await w.slack.waitFor(() => w && w.slack.callsTo('apps.connections.open').length >= 2 && w.slack.socket.connections() > 0, 'reconnect');
    // The envelope follows hello on the new socket, so its ack proves the client is connected again.
    const ack = await w.slack.sendSlashCommand({ text: 'help' });
    expect(JSON.stringify(ack.payload)).toContain('How to use');
    expect(w.adapter.connected()).toBe(true);
    expect(w.logs.join('\n')).toContain('"event":"slack.disconnected"');
  });

  it.each([
    ['SLACK_BOT_TOKEN', { botToken: 'xoxb-not-the-right-one', appToken: 'xapp-1-fake-app-token' }],
    ['SLACK_APP_TOKEN', { botToken: 'xoxb-fake-bot-token', appToken: 'xapp-1-not-the-right-one' }],
  ])('fails to start with a sentence naming %s, never the token', async (variable, tokens) => {
    slack = await startFakeSlack();
    const logs: string[] = [];
    const adapter = adapterFor(slack, tokens, logs);
    const failure = await adapter.start().then(
      () => null,
      (err: unknown) => err as { userMessage?: string; message: string },
    );
    expect(failure?.userMessage).toMatch(new RegExp(`^Slack did not accept ${variable} \\(invalid_auth\\)`));
    const everything = JSON.stringify(failure?.message) + logs.join('\n');
    expect(everything).not.toContain(tokens.botToken);
    expect(everything).not.toContain(tokens.appToken);
    expect(adapter.connected()).toBe(false);
    await adapter.stop();
  });

  it('never writes a token into a log line', async () => {
    w = await startWorld();
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    await w.slack.waitFor(() => w?.slack.callsTo('chat.postMessage')[1], 'report and thread');
    const logs = w.logs.join('\n');
    expect(logs).toContain('slack.connected');
    expect(logs).not.toContain(w.slack.botToken);
    expect(logs).not.toContain(w.slack.appToken);
  });
});
