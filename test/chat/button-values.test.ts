/**
 * Every value the bot writes on a button reads back, and carries only validated parts: a handle
 * from upstream that fails the handle whitelist never rides on a button (the numeric id does, or
 * no button is drawn), and values are read with the same schemas as typed input.
 */
import { compareActions, decodeClick, placementActions, reportActions, type CardAction } from '../../src/chat/buttons';
import { subscriptionListCard } from '../../src/chat/cards/subscription-list';
import { buildCompare } from '../../src/quadrants/compare';
import { placePost } from '../../src/quadrants/placement';
import { creatorPosts, post, sampleReport } from '../discord/fixtures';
import { HOSTILE, sampleListings, subscription } from './fixtures';

const HOSTILE_HANDLES = [
  '[x](https://evil.example)',
  'a|b',
  'a,b',
  '<!here>',
  'x',
  'a'.repeat(25),
  'mossy kitchen',
  'ünïcode',
  '@everyone',
  '',
  HOSTILE,
];
const WORKSPACE = '100000000000000001';

function reportFor(username: string, userid = '6812345678901234567') {
  const r = sampleReport(10);
  r.creator = { username, userid };
  return r;
}

/** Every emitted value decodes for its own kind, to a target made of validated parts only. */
function expectReadsBack(actions: CardAction[]) {
  for (const a of actions) {
    const click = decodeClick(`quadrants:${a.kind}`, a.value);
    expect(click.workspaceId).toBe(WORKSPACE);
    for (const part of a.value.split('|').slice(3)) for (const c of part.split(',')) expect(c).toMatch(/^(@[a-z0-9._]{2,24}|\d{1,25})$/i);
  }
}

describe('buttons under results', () => {
  it.each(HOSTILE_HANDLES)('a report of the handle %j has buttons that read back, naming the creator by id', (handle) => {
    const actions = reportActions(WORKSPACE, reportFor(handle));
    expect(actions.map((a) => a.kind)).toEqual(['window', 'refresh', 'compare', 'subscribe', 'csv']);
    expectReadsBack(actions);
    for (const a of actions) expect(a.value).toContain('|r|6812345678901234567|');
  });

  it('a report whose handle and id both fail validation draws no buttons', () => {
    expect(reportActions(WORKSPACE, reportFor('[x](https://evil.example)', 'abc'))).toEqual([]);
  });

  it('keeps the handle when it passes the whitelist', () => {
    const actions = reportActions(WORKSPACE, reportFor('mossy.kitchen'));
    expect(actions[1]?.value).toBe(`v1|${WORKSPACE}|r|@mossy.kitchen|10`);
    expectReadsBack(actions);
  });

  it.each(HOSTILE_HANDLES)('a comparison with the handle %j has buttons that read back', (handle) => {
    const compare = buildCompare(
      [
        { ...creatorPosts(10), creator: { username: 'mossy.kitchen', userid: '6812345678901234567' } },
        { ...creatorPosts(10), creator: { username: handle, userid: '6812345678901234568' } },
      ],
      10,
    );
    const actions = compareActions(WORKSPACE, compare);
    expect(actions.length).toBeGreaterThan(0);
    expectReadsBack(actions);
  });

  it.each(HOSTILE_HANDLES)('a placement of a post by %j offers only buttons that read back', (handle) => {
    const baseline = reportFor(handle);
    const placement = placePost(post(40), baseline, { credits: 1, fetchedAt: baseline.fetchedAt, demo: false });
    expectReadsBack(placementActions(WORKSPACE, placement));
  });
});

describe('buttons on the list of subscriptions', () => {
  it('read back, and a stored id that is not a TikTok id draws no buttons for that item', () => {
    const sub = { ...subscription('discord') };
    const listings = sampleListings(sub);
    const broken = { ...listings[0]!, subscription: { ...sub, id: 99, creatorUserid: '[x](https://evil.example)' } };
    const card = subscriptionListCard([...listings, broken], { page: 0, size: 10, workspaceId: WORKSPACE, place: 'server', offerNew: false }, []);
    const block = card.blocks.find((b) => b.kind === 'list');
    const items = block?.kind === 'list' ? block.items : [];
    expect(items).toHaveLength(4);
    expect(items[3]?.actions).toEqual([]);
    for (const item of items.slice(0, 3)) {
      const actions = item.actions ?? [];
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) expect(decodeClick(`quadrants:${a.kind}`, a.value).workspaceId).toBe(WORKSPACE);
    }
  });
});

describe('values are read like typed input', () => {
  it.each(['1e1', '10.0', '0x0a', ' 10', '+10', '4', '36', '99', '010x'])('posts %j is stale', (posts) => {
    expect(() => decodeClick('quadrants:refresh', `v1|${WORKSPACE}|r|@mossy.kitchen|${posts}`)).toThrow(/stale button/);
  });

  it('reads plain digits in range', () => {
    expect(decodeClick('quadrants:refresh', `v1|${WORKSPACE}|r|@mossy.kitchen|35`).target).toEqual({ command: 'report', creator: '@mossy.kitchen', posts: 35 });
  });

  it.each(['00', '1e1', '-1', '10000'])('a list page %j is stale', (page) => {
    expect(() => decodeClick('quadrants:page', `v1|${WORKSPACE}|h|${page}`)).toThrow(/stale button/);
  });
});
