/**
 * Subscribing a channel the bot is not in, through real Bolt (Socket Mode) against the fake Slack,
 * whose channels answer `not_in_channel` to an app that was never invited: the person is told in
 * one sentence how to invite the bot, and no subscription nobody can receive is kept as working.
 */
import { createSubscriptionService } from '../../src/digest';
import { openStore, type Store } from '../../src/store';
import { removeDir, tempDir } from '../digest/helpers';
import { CREATOR, startWorld, type World } from './world';

const OUTSIDE = 'C0NOBOT';
const NOW = new Date('2026-12-10T12:00:00Z');

let world: World;
let store: Store;
let dir: string;

beforeEach(async () => {
  dir = tempDir('quadrants-slack-access-');
  store = openStore(`${dir}/quadrants.db`);
  world = await startWorld({ subscriptions: (service) => createSubscriptionService({ store, service, now: () => NOW }) });
});

afterEach(async () => {
  await world.close();
  await store.close();
  removeDir(dir);
});

/** The private answer as the person reads it: its fallback text and every block's text. */
async function command(text: string): Promise<string> {
  const before = world.slack.responses.length;
  await world.slack.sendSlashCommand({ text });
  await world.slack.waitFor(() => world.slack.responses.length > before, `answer to ${text}`);
  const body = world.slack.responses[before]?.body ?? {};
  return `${String(body.text ?? '')}\n${JSON.stringify(body.blocks ?? [])}`;
}

const landedIn = (channel: string) => world.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && c.result?.ok === true);

test('subscribing a channel the bot is not in says how to invite it and stores nothing', async () => {
  world.slack.removeBot(OUTSIDE);
  const answer = await command(`subscribe @${CREATOR.username} <#${OUTSIDE}|private-ish>`);
  expect(answer).not.toContain('Done');
  expect(answer).toContain(`I cannot post in <#${OUTSIDE}>, so it was not subscribed to @mossy.kitchen and no digest will arrive there`);
  expect(answer).toContain('/invite @quadrants');
  expect(answer).toContain('then subscribe again');
  expect(world.slack.responses.at(-1)?.body.response_type).toBe('ephemeral');
  expect(await store.listSubscriptions({ platform: 'slack' })).toEqual([]);
  expect(landedIn(OUTSIDE)).toEqual([]);
  // Listing shows nothing to be surprised by later.
  expect(await command('subscriptions')).not.toContain(OUTSIDE);
});

test('re-subscribing after the bot was removed switches the subscription off and says so; inviting and subscribing again turns it on', async () => {
  await command(`subscribe @${CREATOR.username} <#${OUTSIDE}|social>`);
  expect(landedIn(OUTSIDE)).toHaveLength(1);
  world.slack.removeBot(OUTSIDE);
  const answer = await command(`subscribe @${CREATOR.username} <#${OUTSIDE}|social> posts 20`);
  expect(answer).toContain(`I cannot post in <#${OUTSIDE}>, so its digest for @mossy.kitchen is now switched off`);
  expect(answer).toContain('/invite @quadrants');
  const [sub] = await store.listSubscriptions({ platform: 'slack' });
  expect(sub).toMatchObject({ channelId: OUTSIDE, status: 'disabled', disabledReason: 'the bot is not in this channel' });
  expect(await command('subscriptions')).toContain('the bot is not in this channel');

  world.slack.inviteBot(OUTSIDE);
  expect(await command(`subscribe @${CREATOR.username} <#${OUTSIDE}|social>`)).toContain(`Done: <#${OUTSIDE}> gets a digest for @mossy.kitchen`);
  expect((await store.listSubscriptions({ platform: 'slack' }))[0]).toMatchObject({ status: 'active', posts: 20 });
  expect(landedIn(OUTSIDE)).toHaveLength(2);
});
