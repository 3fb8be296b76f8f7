/**
 * watch and unwatch from chat, through the real pipeline and command table: only people who may
 * manage the channel change it, the channel hears of the change, the requester gets a private
 * answer, watching twice changes nothing, and a channel the bot may not post in keeps no watch.
 */
import { runCommand } from '../../src/chat/pipeline';
import type { Announcement, Conversation } from '../../src/chat/types';
import { plain } from '../../src/chat/inline';
import type { Card } from '../../src/chat/card';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { silentLogger } from '../../src/log';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { createDigestService, syntheticPosts } from '../fakes/digest-service';
import { subInput } from '../digest/helpers';

let store: Store;
const service = createDigestService({ creators: [{ username: 'mossy.kitchen', userid: '1001', posts: syntheticPosts(1, 10, 1_790_000_000) }] });
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

function chat(canManage: boolean, announce: Announcement = { posted: true }) {
  const said: string[] = [];
  const posted: Array<{ channel: string; card: Card }> = [];
  const conversation: Conversation = {
    actor: { surface: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', canManage },
    answer: async (r) => void said.push(plain(r.card.summary)),
    acknowledge: async () => undefined,
    deliver: async (r) => void said.push(plain(r.card.summary)),
    fail: async (card) => void said.push(plain(card.summary)),
    resolve: async (ref) => (ref ? ref.replace(/^#/, '') : 'C1'),
    post: async (channel, card) => {
      posted.push({ channel, card });
      return announce;
    },
  };
  const deps = { service: service as never, subscriptions: createSubscriptionService({ store, service, now: () => new Date('2026-12-07T09:00:00Z') }), limiter: null, logger: silentLogger };
  const run = (command: 'watch' | 'unwatch', creator: string, channel: string | null = null) => runCommand(() => ({ command, creator, channel }), conversation, deps);
  return { said, posted, run };
}

test('watching announces it in the channel and answers privately; a second watch changes nothing; unwatch stops it', async () => {
  const { said, posted, run } = chat(true);
  expect(await run('watch', '@mossy.kitchen', '#C9')).toBe('delivered');
  expect(plain(posted[0]?.card.summary ?? [])).toBe('@U1 set this channel to watch @mossy.kitchen: once a day, a post under 7 days old that other creators download to reuse gets one short alert here.');
  expect(posted[0]?.channel).toBe('C9');
  expect(said.at(-1)).toBe('Done: #C9 watches @mossy.kitchen; its newest posts are checked once a day and each new template post is alerted there once.');
  expect(await store.listWatches()).toEqual([expect.objectContaining({ platform: 'slack', workspaceId: 'T1', channelId: 'C9', creatorUserid: '1001', createdBy: 'U1' })]);

  expect(await run('watch', 'mossy.kitchen', '#C9')).toBe('delivered');
  expect(said.at(-1)).toBe('#C9 already watches @mossy.kitchen, so nothing was changed.');
  expect(posted).toHaveLength(1);

  expect(await run('unwatch', '@Mossy.Kitchen', '#C9')).toBe('delivered');
  expect(said.at(-1)).toBe('Done: #C9 no longer watches @mossy.kitchen.');
  expect(plain(posted[1]?.card.summary ?? [])).toContain("stopped this channel's watch on @mossy.kitchen");
  expect(await store.listWatches()).toEqual([]);
  expect(await run('unwatch', '@mossy.kitchen', '#C9')).toBe('refused');
  expect(said.at(-1)).toBe('This channel does not watch that creator, so nothing was changed.');
});

test('someone who may not manage the channel is refused, and nothing is kept', async () => {
  const { said, run } = chat(false);
  expect(await run('watch', '@mossy.kitchen')).toBe('refused');
  expect(said.at(-1)).toMatch(/manage/i);
  expect(await store.listWatches()).toEqual([]);
});

test('a channel the bot may not post in keeps no watch, and the answer says how to let it in', async () => {
  const { said, run } = chat(true, { posted: false, noAccess: 'the bot is not in this channel' });
  expect(await run('watch', '@mossy.kitchen', '#C9')).toBe('delivered');
  expect(said.at(-1)).toMatch(/^I cannot post in #C9, so it does not watch @mossy.kitchen: type \/invite @quadrants in it, then watch again\.$/);
  expect(await store.listWatches()).toEqual([]);
});

test("a creator a digest of the workspace names is watched without a lookup, by handle or by id; the workspace's watches are listed, nobody else's", async () => {
  const { said, run } = chat(true);
  const ask = jest.spyOn(service, 'resolveCreator');
  await store.saveSubscription(subInput({ platform: 'slack', workspaceId: 'T1', channelId: 'C5', creatorUsername: 'mossy.kitchen', creatorUserid: '1001' }), new Date('2026-12-01T00:00:00Z'));
  expect(await run('watch', '@Mossy.Kitchen', '#C9')).toBe('delivered');
  expect(await run('watch', '1001', '#C8')).toBe('delivered');
  expect(said.at(-1)).toBe('Done: #C8 watches @mossy.kitchen; its newest posts are checked once a day and each new template post is alerted there once.');
  expect(ask).not.toHaveBeenCalled();
  ask.mockRestore();
  await store.saveWatch({ platform: 'slack', workspaceId: 'T2', channelId: 'C1', creatorUserid: '1001', creatorUsername: 'mossy.kitchen', createdBy: 'U9' }, new Date('2026-12-01T00:00:00Z'));
  const watches = createSubscriptionService({ store, service }).watches;
  // In the order they were made, so the list's pages stay put.
  expect((await watches?.list({ platform: 'slack', workspaceId: 'T1' }))?.map((w) => [w.channelId, w.creatorUsername])).toEqual([
    ['C9', 'mossy.kitchen'],
    ['C8', 'mossy.kitchen'],
  ]);
});
