/**
 * Slack under the conversation contract (./conversations.contract.ts): the real adapter (real
 * Bolt, Socket Mode) against the fake Slack, the real service on the fake TikLiveAPI, budgets and
 * subscriptions in a real SQLite store. One driver per way a turn arrives: typed, a click or form
 * under a result, a click on the ephemeral list, a click in the App Home.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceBudget } from '../../src/budget/budget';
import { encodeTarget } from '../../src/chat/buttons';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { openStore } from '../../src/store';
import type { SlackAck } from '../fakes/slack-socket';
import { slackView } from '../fakes/slack-view';
import { startWorld, type World } from '../slack/world';
import type { ConversationDriver, Seen } from './conversations.contract';

export type SlackWay = 'typed' | 'click/form' | 'list' | 'home';

type Obj = Record<string, unknown>;
/** What TikLiveAPI's "not found" becomes. */
export const NOT_FOUND = /That creator was not found or their account is private/;
/** The message the result buttons sit on. */
const REPORT_TS = '1700000001.000100';
/** Only this member manages digests, so the form's clicker is refused privately. */
const MANAGER = 'U0BOSS';

/** Runs one turn and reads what it left behind: everything the fake recorded after `before`. */
async function turn(w: World, send: () => Promise<SlackAck>): Promise<Seen> {
  const mark = { messages: w.slack.messages.length, responses: w.slack.responses.length, calls: w.slack.calls.length, upstream: w.api.requests.length, ended: ended(w) };
  const ack = await send();
  await until(() => ended(w) > mark.ended);
  const calls = w.slack.calls.slice(mark.calls);
  const responses = w.slack.responses.slice(mark.responses);
  const ackText = ack.payload ? slackView((ack.payload as Obj).errors ? { text: Object.values((ack.payload as Obj).errors as Obj).join('\n') } : (ack.payload as Obj)).text : '';
  return {
    acknowledged: true,
    public: [
      ...w.slack.messages.slice(mark.messages).map((m) => ({ text: slackView(m as Obj).text, id: m.ts, thread: m.thread_ts ?? null })),
      ...responses.filter((r) => r.body.response_type === 'in_channel').map((r) => ({ text: slackView(r.body).text, id: String(r.seq), thread: null })),
    ],
    private: [
      // A working note in the acknowledgement is not an answer.
      ...(ackText && !ackText.startsWith('Working on') ? [ackText] : []),
      ...responses.filter((r) => r.body.response_type !== 'in_channel').map((r) => slackView(r.body).text),
      ...calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => slackView(c.body).text),
      ...calls.filter((c) => c.method === 'views.publish').map((c) => slackView({ blocks: (c.body.view as Obj).blocks }).text),
    ],
    upstream: w.api.requests.length - mark.upstream,
  };
}

/** Resolves once `done()` holds, looking again every few milliseconds (fails the test after 10 s). */
export async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > 10_000) throw new Error('the turn did not end');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Turns the adapter finished (its one log line each). */
function ended(w: World): number {
  return w.logs.filter((l) => l.includes('"turn.ended"')).length;
}

export async function slackDriver(way: SlackWay): Promise<ConversationDriver> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrants-conversation-slack-'));
  const store = openStore(join(dir, 'q.db'));
  const budget = new WorkspaceBudget({ store, limit: 1 });
  const w = await startWorld({ budget, managers: [MANAGER], subscriptions: (service) => createSubscriptionService({ store, service }) });
  const team = w.slack.teamId;
  const report = (creator: string) => encodeTarget(team, { command: 'report', creator, posts: 10 });
  const spend = () => budget.record({ platform: 'slack', workspaceId: team }, 1);
  const refresh = (creator: string) => turn(w, () => w.slack.sendBlockAction({ actionId: 'quadrants:refresh', value: report(creator), messageTs: REPORT_TS }));
  const place = way === 'home' ? 'home' : 'ephemeral';
  const listClick = (actionId: string, value: string) => turn(w, () => w.slack.sendBlockAction({ actionId, value, messageTs: REPORT_TS, place, userId: MANAGER }));
  const close = async () => {
    await w.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const noSubscription = /This channel has no digest for that creator/;

  if (way === 'typed') {
    const typed = (text: string) => turn(w, () => w.slack.sendSlashCommand({ text }));
    return {
      publicResult: () => typed('@mossy.kitchen'),
      failure: () => typed('@nobody.here'),
      failureText: NOT_FOUND,
      privateAnswer: () => typed('usage'),
      privateText: /API credits/,
      overBudget: async () => (await spend(), typed('@mossy.kitchen')),
      close,
    };
  }
  if (way === 'click/form') {
    return {
      publicResult: () => refresh('@mossy.kitchen'),
      failure: () => refresh('@nobody.here'),
      failureText: NOT_FOUND,
      // A form submitted by someone who may not change digests: refused only to them.
      privateAnswer: () =>
        turn(w, () =>
          w.slack.sendViewSubmission({
            callbackId: 'quadrants:subscribe',
            privateMetadata: JSON.stringify({ v: report('@mossy.kitchen'), c: w.slack.channelId, t: REPORT_TS }),
            values: { cadence: 'weekly', on: '', at: '', tz: '', posts: '' },
          }),
        ),
      privateText: /Changing digest subscriptions needs/,
      overBudget: async () => (await spend(), refresh('@mossy.kitchen')),
      close,
    };
  }
  const subscription = encodeTarget(team, { command: 'subscription', channel: w.slack.channelId, creator: '6912345678901234567', page: 0 });
  return {
    failure: () => listClick('quadrants:pause', subscription),
    failureText: noSubscription,
    privateAnswer: () => listClick('quadrants:page', encodeTarget(team, { command: 'subscriptions', page: 0 })),
    privateText: /digest/i,
    close,
  };
}
