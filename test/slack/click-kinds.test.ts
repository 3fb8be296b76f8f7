/**
 * On Slack too, a click may only act on its own kind of message (real Bolt against the fake
 * Slack): a list button (page, pause, unsubscribe) sent from a public report would replace the
 * report through its response_url, and a report button sent from the private list would post in
 * a thread nobody sees. Both get one private sentence; nothing is replaced, stored or posted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeTarget } from '../../src/chat/buttons';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { openStore, type Store } from '../../src/store';
import { subInput } from '../digest/helpers';
import { rawVideos } from '../fakes/tikliveapi';
import { startWorld, type World } from './world';

const SENTENCE = 'That button does not belong to this message, so nothing changed; use the buttons drawn under the message, or run the command again.';
const NOW = new Date('2026-12-10T12:00:00Z');

let w: World;
let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quadrants-slack-kinds-'));
  store = openStore(join(dir, 'quadrants.db'));
  w = await startWorld({ videos: rawVideos(35), subscriptions: (service) => createSubscriptionService({ store, service, now: () => NOW }) });
});
afterEach(async () => {
  await w.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function seed() {
  const { subscription } = await store.saveSubscription(subInput({ platform: 'slack', workspaceId: w.slack.teamId, channelId: w.slack.channelId, creatorUsername: 'mossy.kitchen', creatorUserid: '6912345678901234567' }), NOW);
  return subscription;
}

async function expectRefusedPrivately() {
  const answer = await w.slack.waitFor(() => w.slack.responses[0], 'private sentence');
  expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: SENTENCE });
  // One answer, and it replaced nothing.
  expect(w.slack.responses.filter((r) => r.body.replace_original === true)).toEqual([]);
  expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
  expect(w.slack.callsTo('chat.update')).toEqual([]);
}

it.each(['page', 'pause', 'unsubscribe', 'watch', 'unwatch'] as const)('a %s button sent from a public report changes nothing', async (kind) => {
  const sub = await seed();
  const value = kind === 'page' ? encodeTarget(w.slack.teamId, { command: 'subscriptions', page: 0 }) : encodeTarget(w.slack.teamId, { command: 'subscription', channel: sub.channelId, creator: sub.creatorUserid, page: 0 });
  await w.slack.sendBlockAction({ place: 'message', actionId: `quadrants:${kind}`, value, messageTs: '1700000001.000100' });
  await expectRefusedPrivately();
  const [stored] = await store.listSubscriptions({ platform: 'slack' });
  expect(stored).toMatchObject({ pausedAt: null, status: 'active' });
  expect(await store.listWatches()).toEqual([]);
  expect(w.api.requests).toHaveLength(0);
});

it('a report button sent from the private list posts nothing', async () => {
  await w.slack.sendBlockAction({ place: 'ephemeral', actionId: 'quadrants:window', value: encodeTarget(w.slack.teamId, { command: 'report', creator: '@mossy.kitchen', posts: 30 }) });
  await expectRefusedPrivately();
  expect(w.api.requests).toHaveLength(0);
});
