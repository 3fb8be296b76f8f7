/**
 * Slack digests under faults: the real Slack WebClient (configured as the CLI builds it, with
 * retries and no timeout) against the fake Slack, a real SQLite store and a virtual clock.
 * Lost answers, a silent server, a busy channel, someone else's look-alike message, a crash
 * before the thread, and a revoked token.
 */
import { uploadOnlyCharts } from '../fakes/chart-tools';
import { webApi } from '@slack/bolt';
import { createSlackDigestDelivery, DIGEST_EVENT_TYPE, DIGEST_PART_EVENT_TYPE } from '../../adapters/slack/digest';
import { digestList, idempotencyKey, runDueDigests, type DigestDelivery } from '../../src/digest';
import { silentLogger } from '../../src/log';
import type { Store, Subscription } from '../../src/store/types';
import { never } from '../fakes/digest-delivery';
import { createDigestService, syntheticPosts } from '../fakes/digest-service';
import { startFakeSlack, type FakeSlack, type SlackMessage } from '../fakes/slack';
import { addSub, removeDir, storeIn, tempDir, until, virtualClock, type VirtualClock } from './helpers';

const CHANNEL = 'C0TARGET';
const CREATED = '2026-10-15T12:00:00Z';
const DUE = '2026-11-01T09:00:00Z';

let dir: string;
let store: Store;
let slack: FakeSlack;
let clock: VirtualClock;
let delivery: DigestDelivery;
const service = createDigestService({ creators: [{ username: 'alice', userid: '1001', posts: syntheticPosts(1, 30, 1_790_000_000) }] });

beforeEach(async () => {
  dir = tempDir('quadrants-slack-faults-');
  store = storeIn(dir);
  slack = await startFakeSlack();
  clock = virtualClock(DUE);
  slack.useClock(() => clock.now().getTime());
  // As the CLI builds it: the SDK's own retries on, no timeout. The delivery must not inherit either.
  const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 2, factor: 1, minTimeout: 1, maxTimeout: 1 }, logLevel: webApi.LogLevel.ERROR });
  delivery = createSlackDigestDelivery({ client, logger: silentLogger, timeoutMs: 500, charts: uploadOnlyCharts(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])) });
});

afterEach(async () => {
  await store.close();
  await slack.close();
  removeDir(dir);
});

const run = (deliveries: DigestDelivery[] = [delivery]) =>
  runDueDigests({ store, service, deliveries, now: clock.now, sleep: clock.sleep, logger: silentLogger, leaseMs: 5 * 60_000 });
const subscribe = (overrides: Partial<Subscription> = {}) => addSub(store, CREATED, { workspaceId: slack.teamId, channelId: CHANNEL, ...overrides });
/** Digest messages that are really in the channel (landed, whatever became of the answer). */
const digests = (channel = CHANNEL): SlackMessage[] =>
  slack.messages.filter((m) => m.channel === channel && !m.thread_ts && (m.metadata as { event_type?: string } | undefined)?.event_type === DIGEST_EVENT_TYPE);
const replies = (ts: string) => slack.messages.filter((m) => m.thread_ts === ts);

/** A delivery that "crashes" (never returns) at post time, after `before` ran. */
function crashingAt(before: (digestKey: string) => Promise<void>): DigestDelivery {
  return { ...delivery, post: async (digest) => { await before(digest.idempotencyKey); return never<string>(); } };
}

describe('a post whose answer is lost is never posted twice', () => {
  test.each([[500], ['reset' as const]])('lost answer (%s): the runner looks before it retries', async (lost) => {
    const sub = await subscribe();
    slack.fail('chat.postMessage', { lost });
    const summary = await run();
    expect(digests()).toHaveLength(1);
    expect(summary).toMatchObject({ recovered: 1, posted: 0 });
    expect(await store.getRun(sub.id, '2026-11')).toMatchObject({ state: 'posted', messageRef: digests()[0]?.ts });
  });

  test('a server that never answers times out instead of leaving the run "posting" forever', async () => {
    const sub = await subscribe();
    slack.fail('chat.postMessage', { lost: 'silence' });
    const summary = await run();
    expect(summary.recovered).toBe(1);
    expect(digests()).toHaveLength(1);
    expect((await store.getRun(sub.id, '2026-11'))?.state).toBe('posted');
  });
});

test('after a crash, a channel busy with 450 newer messages still hides no digest', async () => {
  const sub = await subscribe();
  void run([crashingAt(async () => { await delivery.post(await digestOf(sub)); })]);
  await until(() => digests().length === 1, 'the digest to land');
  clock.advance(60_000);
  for (let i = 0; i < 450; i += 1) slack.addMessage(CHANNEL, { user: 'U0HUMAN', text: `chatter ${i}` });
  clock.advance(10 * 60_000); // the crashed runner's lease has expired
  const restart = await run();
  expect(restart).toMatchObject({ recovered: 1, posted: 0 });
  expect(digests()).toHaveLength(1);
  const history = slack.callsTo('conversations.history');
  expect(history.length).toBeGreaterThanOrEqual(3); // 451 messages at 200 a page
  const oldest = Number(history[0]?.body.oldest);
  expect(oldest).toBeLessThanOrEqual(Date.parse(DUE) / 1000);
  expect(oldest).toBeGreaterThan(Date.parse(DUE) / 1000 - 3600);
});

test("someone else's message carrying the digest's metadata does not count as posted", async () => {
  const sub = await subscribe();
  const metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { key: idempotencyKey(sub.id, '2026-11') } };
  slack.addMessage(CHANNEL, { user: 'U0HUMAN', bot_id: 'B0OTHER', app_id: 'A0OTHER', metadata, text: 'gotcha' });
  const summary = await run();
  expect(summary).toMatchObject({ posted: 1, recovered: 0 });
  expect(digests().filter((m) => m.bot_id === 'B0BOT')).toHaveLength(1);
});

test('a digest recovered after a crash gets the breakdown thread the crash left out, once; its chart is in the message', async () => {
  const sub = await subscribe();
  // The digest message (its chart in it) lands; the process dies before its thread reply is out.
  slack.failWhen('chat.postMessage', (body) => typeof body.thread_ts === 'string', { error: 'internal_error' });
  void run([crashingAt(async () => {
    await delivery.post(await digestOf(sub)).catch(() => undefined);
  })]);
  await until(() => digests().length === 1 && slack.callsTo('chat.postMessage').length === 2, 'the main message and the refused reply');
  const main = digests()[0] as SlackMessage;
  expect(replies(main.ts)).toHaveLength(0);
  expect(main.files).toHaveLength(1);
  clock.advance(10 * 60_000);
  expect((await run()).recovered).toBe(1);
  const thread = replies(main.ts);
  expect(thread.filter((m) => (m.metadata as { event_type?: string })?.event_type === DIGEST_PART_EVENT_TYPE)).toHaveLength(1);
  // The chart stays in the message: nothing is uploaded into the thread, and no second message.
  expect(thread.filter((m) => (m.files?.length ?? 0) > 0)).toHaveLength(0);
  expect(digests()).toHaveLength(1);
  expect((await store.getRun(sub.id, '2026-11'))?.state).toBe('posted');
  // Completing again finds the breakdown and adds nothing.
  await delivery.complete?.(await digestOf(sub), main.ts);
  expect(replies(main.ts)).toHaveLength(1);
});

test('a revoked token pauses the workspace without disabling anything, and it resumes by itself', async () => {
  const a = await subscribe();
  const b = await subscribe({ channelId: 'C0SECOND', creatorUsername: 'alice2' });
  slack.fail('auth.test', { error: 'token_revoked' }, 1);
  const first = await run();
  expect(first).toMatchObject({ paused: 2, posted: 0, disabled: [] });
  expect(first.pausedScopes).toEqual([{ scope: `slack:${slack.teamId}`, reason: 'the bot token was revoked' }]);
  expect((await store.listSubscriptions({ status: 'active' })).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  const listing = await digestList({ store, now: clock.now() });
  expect(listing).toContain('PAUSED: the bot token was revoked');
  expect(listing).toContain('resumes by itself once the token works');
  // The token works again: the next tick after the pause beat delivers both, with no attempt used up.
  clock.advance(5 * 60_000);
  const second = await run();
  expect(second).toMatchObject({ posted: 2, paused: 0 });
  expect(await store.getRun(a.id, '2026-11')).toMatchObject({ state: 'posted', attempts: 1 });
  expect(await digestList({ store, now: clock.now() })).not.toContain('PAUSED');
});

async function digestOf(sub: Subscription) {
  const report = await service.reportFor({ username: sub.creatorUsername, userid: sub.creatorUserid }, sub.posts);
  return {
    subscription: sub,
    period: '2026-11',
    report,
    drift: null,
    noNewPosts: false,
    idempotencyKey: idempotencyKey(sub.id, '2026-11'),
    nextRunAt: '2026-12-01T09:00:00.000Z',
    timezone: 'UTC',
  };
}
