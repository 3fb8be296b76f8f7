/**
 * The fake Slack's side of the Slack bench, run in a child process (./worker-rpc.ts) so accepting sockets and
 * timing acks does not share the bot's event loop (as with the real Slack). All times are taken
 * here with this process's clock; only durations leave it.
 * Messages in `{id, op, args}`, out `{id, result}` / `{id, error}`; first out `{ready, apiUrl, botToken, appToken}`.
 */
import { startFakeSlack, type FakeSlack } from '../test/fakes/slack';
import { fakeChannel, serveOps, type FakeChannel } from './worker-rpc';

export interface SlackBenchOps {
  apiUrl: string;
  botToken: string;
  appToken: string;
  /** Sends `n` commands back to back (channels `${prefix}0…`); resolves with each ack latency in ms. */
  burst(n: number, text: string, prefix: string): Promise<number[]>;
  /** Resolves once every channel `${prefix}0…${n-1}` has its report posted. */
  waitReports(n: number, prefix: string): Promise<void>;
  /** Sends `n` button clicks back to back (each on its own message); resolves with each ack latency in ms. */
  clicks(n: number, actionId: string, value: string): Promise<number[]>;
  /** Resolves once `n` messages have been posted in threads. */
  waitThreadPosts(n: number): Promise<void>;
  /** One command; resolves with ms from sending it to the report's chat.postMessage, after its thread reply. */
  report(text: string, channel: string): Promise<number>;
  close(): Promise<void>;
}

function mainPost(slack: FakeSlack, channel: string) {
  return slack.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === channel && !c.body.thread_ts);
}

/** The bench operations over a fake Slack in this thread. */
export function slackBenchOps(slack: FakeSlack): SlackBenchOps {
  return {
    apiUrl: slack.apiUrl,
    botToken: slack.botToken,
    appToken: slack.appToken,
    async burst(n, text, prefix) {
      const acks = await Promise.all(Array.from({ length: n }, (_, i) => slack.sendSlashCommand({ text, channel_id: `${prefix}${i}`, user_id: `U${i}` })));
      return acks.map((a) => a.at - a.sentAt);
    },
    async clicks(n, actionId, value) {
      const acks = await Promise.all(Array.from({ length: n }, (_, i) => slack.sendBlockAction({ actionId, value, messageTs: `1700000001.${String(i).padStart(6, '0')}`, userId: `U${i}` })));
      return acks.map((a) => a.at - a.sentAt);
    },
    async waitThreadPosts(n) {
      await slack.waitFor(() => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts).length >= n, 'thread posts', 120_000);
    },
    async waitReports(n, prefix) {
      await slack.waitFor(() => Array.from({ length: n }, (_, i) => mainPost(slack, `${prefix}${i}`)).every(Boolean), 'burst reports', 120_000);
    },
    async report(text, channel) {
      const t0 = performance.now();
      await slack.sendSlashCommand({ text, channel_id: channel });
      const post = await slack.waitFor(() => mainPost(slack, channel), 'report', 30_000);
      await slack.waitFor(() => slack.calls.some((c) => c.body.channel === channel && c.body.thread_ts), 'thread', 30_000);
      return post.at - t0;
    },
    close: () => slack.close(),
  };
}

async function serve(port: FakeChannel): Promise<void> {
  const ops = slackBenchOps(await startFakeSlack());
  serveOps(port, ops, { apiUrl: ops.apiUrl, botToken: ops.botToken, appToken: ops.appToken });
}

const port = fakeChannel();
if (port) void serve(port);
