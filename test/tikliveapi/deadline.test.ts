/**
 * One overall deadline per command (COMMAND_DEADLINE_MS) against the fake TikLiveAPI with a
 * hanging /post-detail/ or /user-posts/ route. The deadline here is short; nothing asserts on
 * elapsed time: the outcomes are what was answered, what was asked upstream and what was charged.
 */
import { flagItems } from '../../src/chat/cards/report';
import { plain } from '../../src/chat/inline';
import { createQuadrantsService } from '../../src/service';
import { faults, rawVideos } from '../fakes/tikliveapi';
import { failure, rig, type Rig } from './helpers';

// Long enough that the answered requests always fit on a busy machine; the hung ones never do.
const DEADLINE_MS = 2_000;
/** Both counters the detail fill exists for are missing from the list items. */
const OMIT = ['collect_count', 'download_count'];

/** Requests the fake answered: everything except the hung ones. */
function answered(r: Rig, hung: number): number {
  return r.api.count() - hung;
}

describe('command deadline', () => {
  let r: Rig;
  afterEach(async () => {
    await r.close();
  });

  const service = () => createQuadrantsService({ source: r.source, deadlineMs: DEADLINE_MS, quickchartBaseUrl: 'http://127.0.0.1:9' });

  it.each([
    [10, 1],
    [35, 2],
  ])('answers a %i-post report without the hanging detail fills, charging only what the API answered', async (posts, pages) => {
    r = await rig({}, rawVideos(40));
    r.api.modes.omitListFields = OMIT;
    for (let i = 0; i < 120; i++) r.api.fail('post-detail', faults.hang());
    const report = await service().report({ creator: '@mossy.kitchen', posts });
    expect(report.deadlineExceeded).toBe(true);
    expect(report.posts).toHaveLength(posts);
    // Saves are marked missing, never read as 0.
    expect(report.posts.every((p) => p.saves === null && p.excluded === 'missing-data')).toBe(true);
    expect(report.flags.savesUnavailable).toBe(true);
    // Only the first wave of fills (detail concurrency 4) was started; none was retried.
    expect(r.api.count('post-detail')).toBe(4);
    expect(r.api.count('userid')).toBe(1);
    expect(r.api.count('user-posts')).toBe(pages);
    // Claimed = charged: the /userid/ lookup and the list pages, not the hung attempts.
    expect(report.credits).toBe(1 + pages);
    expect(report.credits).toBe(answered(r, 4));
    expect(r.source.creditsSpent()).toBe(1 + pages);
  });

  it('does not cache an answer the deadline cut short: the next command fills the counters', async () => {
    r = await rig();
    r.api.modes.omitListFields = OMIT;
    for (let i = 0; i < 4; i++) r.api.fail('post-detail', faults.hang());
    const s = service();
    expect((await s.report({ creator: '6912345678901234567', posts: 5 })).deadlineExceeded).toBe(true);
    const again = await s.report({ creator: '6912345678901234567', posts: 5 });
    expect(again.deadlineExceeded).toBeUndefined();
    expect(again.posts.every((p) => p.saves !== null)).toBe(true);
    expect(r.api.count('user-posts')).toBe(2);
  });

  it('answers a 35-post report with the 30 posts in hand when the second page hangs, says it is partial, and does not cache it', async () => {
    // The page's own timeout outlasts the command's deadline: the deadline is what cuts it.
    r = await rig({ pageTimeoutMs: 60_000 }, rawVideos(40));
    r.api.fail('user-posts', faults.hang(), { after: 1 });
    const s = service();
    const report = await s.report({ creator: '@mossy.kitchen', posts: 35 });
    expect(report.posts).toHaveLength(30);
    expect(report.partial).toBe(true);
    expect(report.window).toMatchObject({ posts: 30, requested: 35 });
    const notes = flagItems(report).map((i) => plain(i.text));
    expect(notes).toContain('Partial: TikLiveAPI stopped paging early, so this covers 30 posts of the 35 asked for.');
    // Charged: the lookup and the first page; the hung page cost nothing.
    expect(report.credits).toBe(2);
    expect(r.api.billed()).toBe(2);
    // Not kept: the next command asks for both pages again, and gets the full window.
    const again = await s.report({ creator: '@mossy.kitchen', posts: 35 });
    expect(again.posts).toHaveLength(35);
    expect(again.partial).toBe(false);
  });

  it('answers one true sentence when the list page itself hangs, and charges only the lookup', async () => {
    r = await rig();
    for (let i = 0; i < 3; i++) r.api.fail('user-posts', faults.hang());
    const err = await failure(service().report({ creator: '@mossy.kitchen', posts: 10 }));
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.userMessage).toBe('TikLiveAPI did not answer within 2 seconds, so there is nothing to show yet; try again in a few minutes.');
    expect(r.api.count('user-posts')).toBe(1);
    expect(r.source.creditsSpent()).toBe(1);
  });

  it('stops waiting out a Retry-After when the deadline passes first', async () => {
    // Real waiting (no injected sleep): the 10 s the API asks for would outlast the deadline.
    r = await rig({ sleep: undefined, maxRetryDelayMs: 60_000 });
    r.api.fail('user-posts', faults.rateLimited(10));
    const err = await failure(service().report({ creator: '6912345678901234567', posts: 5 }));
    expect(err.userMessage).toMatch(/^TikLiveAPI did not answer within 2 seconds/);
    expect(r.api.count('user-posts')).toBe(1);
    // A 429 is not billed, so it is not counted.
    expect(r.source.creditsSpent()).toBe(0);
  });

  it('bounds the post command too, lookup and baseline together', async () => {
    const videos = rawVideos(12);
    r = await rig({}, videos);
    for (let i = 0; i < 3; i++) r.api.fail('post-detail', faults.hang());
    const url = `https://www.tiktok.com/@mossy.kitchen/video/${videos[0]?.aweme_id as string}`;
    const err = await failure(service().placePost({ url }));
    expect(err.userMessage).toMatch(/did not answer within 2 seconds/);
    expect(r.api.count('post-detail')).toBe(1);
    expect(r.source.creditsSpent()).toBe(0);
  });
});

describe('credits for requests that got no answer', () => {
  let r: Rig;
  afterEach(async () => {
    await r.close();
  });

  it('does not count a timed-out attempt, only the answered retry', async () => {
    // Long enough that the answered retry never times out too on a busy machine; the hang always does.
    r = await rig({ pageTimeoutMs: 1_500 });
    r.api.fail('user-posts', faults.hang());
    const got = await r.source.getPosts({ username: 'mossy.kitchen', userid: '6912345678901234567' }, 5);
    expect(r.api.count('user-posts')).toBe(2);
    expect(got.credits).toBe(1);
  });

  it('does not count a dropped connection', async () => {
    r = await rig();
    r.api.fail('user-posts', faults.drop());
    const got = await r.source.getPosts({ username: 'mossy.kitchen', userid: '6912345678901234567' }, 5);
    expect(r.api.count('user-posts')).toBe(2);
    expect(got.credits).toBe(1);
  });
});
