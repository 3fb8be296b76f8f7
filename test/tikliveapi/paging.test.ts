import { faults, rawVideo, rawVideos, type RawVideo } from '../fakes/tikliveapi';
import { MOSSY, rig, type Rig } from './helpers';

const DAY = 86_400;

function ids(videos: RawVideo[]): string[] {
  return videos.map((v) => v.aweme_id as string);
}

describe('paging /user-posts/', () => {
  let r: Rig;
  afterEach(async () => {
    await r.close();
  });

  const cursorsSent = () => r.api.requests.filter((q) => q.endpoint === 'user-posts').map((q) => q.query.cursor);

  it('asks for N + 3 items (at most 30) so pinned posts do not crowd out recent ones', async () => {
    r = await rig({}, rawVideos(40));
    await r.source.getPosts(MOSSY, 35);
    expect(r.api.requests[0]?.query.count).toBe('30');
    await r.source.getPosts(MOSSY, 5);
    expect(r.api.requests.at(-1)?.query.count).toBe('8');
  });

  it('walks pages with the cursor exactly as received until the window is full', async () => {
    const videos = rawVideos(20);
    r = await rig({}, videos);
    r.api.modes.pageSize = 4;
    const got = await r.source.getPosts(MOSSY, 10);
    expect(cursorsSent()).toEqual(['0', '4', '8']);
    expect(got.posts.map((p) => p.id)).toEqual(ids(videos.slice(0, 10)));
    expect(got).toMatchObject({ credits: 3, partial: false });
  });

  it('keeps pinned old posts out of the newest N, but keeps a pinned post that really is recent', async () => {
    const regular = rawVideos(15);
    const oldPinned = [1, 2, 3].map((i) => rawVideo({ is_top: 1, create_time: 1_600_000_000 - i * DAY }));
    const recentPinned = rawVideo({ is_top: 1, create_time: 1_760_000_000 + 60 });
    r = await rig({}, [...oldPinned, recentPinned, ...regular]);
    const got = await r.source.getPosts(MOSSY, 10);
    expect(got.posts.map((p) => p.id)).toEqual([recentPinned.aweme_id, ...ids(regular.slice(0, 9))]);
    expect(got.posts[0]?.pinned).toBe(true);
    expect(r.api.count('user-posts')).toBe(1);
  });

  it('without is_top, still over-fetches enough to drop up to three old posts listed first', async () => {
    const regular = rawVideos(20);
    const oldPinned = [1, 2, 3].map((i) => rawVideo({ is_top: 1, create_time: 1_600_000_000 - i * DAY }));
    r = await rig({}, [...oldPinned, ...regular]);
    r.api.modes.omitListFields = ['is_top'];
    r.api.modes.pageSize = 5;
    const got = await r.source.getPosts(MOSSY, 5);
    expect(got.posts.map((p) => p.id)).toEqual(ids(regular.slice(0, 5)));
    expect(r.api.count('user-posts')).toBe(2);
  });

  it('stops when hasMore is false and reports a short window as complete', async () => {
    r = await rig({}, rawVideos(6));
    r.api.modes.pageSize = 4;
    const got = await r.source.getPosts(MOSSY, 10);
    expect(got.posts).toHaveLength(6);
    expect(got.partial).toBe(false);
    expect(cursorsSent()).toEqual(['0', '4']);
  });

  it('returns no posts (not an error) for a creator with none, or a private feed', async () => {
    r = await rig({}, []);
    expect((await r.source.getPosts(MOSSY, 10)).posts).toEqual([]);
    r.api.addCreator({ username: 'secret.garden', userid: '6900000000000000001', videos: rawVideos(3), private: true });
    expect((await r.source.getPosts({ username: 'secret.garden', userid: '6900000000000000001' }, 10)).posts).toEqual([]);
  });

  it('stops on an empty page even when hasMore says true', async () => {
    r = await rig({}, rawVideos(20));
    r.api.modes.pageSize = 4;
    r.api.fail('user-posts', { kind: 'respond', body: { videos: [], cursor: '8', hasMore: true } }, { after: 1 });
    const got = await r.source.getPosts(MOSSY, 10);
    expect(got.posts).toHaveLength(4);
    expect(r.api.count('user-posts')).toBe(2);
  });

  it('stops on a cursor that does not advance and marks the answer partial', async () => {
    r = await rig({}, rawVideos(20));
    r.api.modes.pageSize = 4;
    r.api.modes.stuckCursor = true;
    const got = await r.source.getPosts(MOSSY, 10);
    expect(cursorsSent()).toEqual(['0', '4']);
    expect(got.posts).toHaveLength(8);
    expect(got.partial).toBe(true);
  });

  it('stops on a cursor seen before (a cycle)', async () => {
    r = await rig({}, rawVideos(20));
    r.api.modes.pageSize = 4;
    r.api.fail('user-posts', { kind: 'respond', body: { videos: rawVideos(2), cursor: 'B', hasMore: true } }, { after: 1 });
    r.api.fail('user-posts', { kind: 'respond', body: { videos: rawVideos(2), cursor: '4', hasMore: true } });
    const got = await r.source.getPosts(MOSSY, 10);
    expect(cursorsSent()).toEqual(['0', '4', 'B']);
    expect(got.posts).toHaveLength(8);
    expect(got.partial).toBe(true);
  });

  it('stops when a page brings no new ids', async () => {
    const videos = rawVideos(20);
    r = await rig({}, videos);
    r.api.modes.pageSize = 4;
    const repeat = videos.slice(0, 4).map((v) => ({ ...v, author: { id: MOSSY.userid, unique_id: MOSSY.username } }));
    r.api.fail('user-posts', { kind: 'respond', body: { videos: repeat, cursor: '99', hasMore: true } }, { after: 1 });
    const got = await r.source.getPosts(MOSSY, 10);
    expect(r.api.count('user-posts')).toBe(2);
    expect(got.posts.map((p) => p.id)).toEqual(ids(videos.slice(0, 4)));
    expect(got.partial).toBe(true);
  });

  it('drops duplicates repeated across pages', async () => {
    const videos = rawVideos(10);
    r = await rig({}, videos);
    r.api.modes.pageSize = 4;
    r.api.modes.duplicatesAcrossPages = true;
    const got = await r.source.getPosts(MOSSY, 10);
    expect(got.posts.map((p) => p.id)).toEqual(ids(videos));
    expect(new Set(got.posts.map((p) => p.id)).size).toBe(10);
  });

  it('stops at the page cap and marks the answer partial', async () => {
    r = await rig({ maxPages: 2 }, rawVideos(20));
    r.api.modes.pageSize = 2;
    const got = await r.source.getPosts(MOSSY, 10);
    expect(r.api.count('user-posts')).toBe(2);
    expect(got).toMatchObject({ partial: true, credits: 2 });
    expect(got.posts).toHaveLength(4);
  });

  it('skips records without an id or date and keeps the rest', async () => {
    const videos = rawVideos(6);
    r = await rig({}, []);
    r.api.addCreator({ ...MOSSY, videos });
    r.api.fail('user-posts', {
      kind: 'respond',
      body: { videos: [{ title: 'no id' }, { ...videos[0], create_time: null }, 'junk', ...videos.slice(1)], cursor: '0', hasMore: false },
    });
    const got = await r.source.getPosts(MOSSY, 10);
    expect(got.posts.map((p) => p.id)).toEqual(ids(videos.slice(1)));
    expect(r.lines.some((l) => l.includes('tikliveapi.records_skipped') && l.includes('"skipped":3'))).toBe(true);
  });

  it('fills details with bounded concurrency', async () => {
    r = await rig({ detailConcurrency: 2 }, rawVideos(10));
    r.api.modes.omitListFields = ['collect_count'];
    r.api.latencyMs = 20;
    const got = await r.source.getPosts(MOSSY, 10);
    expect(r.api.count('post-detail')).toBe(10);
    expect(r.api.load.peak).toBeLessThanOrEqual(2);
    expect(got.posts.every((p) => p.saves !== null)).toBe(true);
    expect(got.credits).toBe(11);
  });

  it('spends nothing on details when the list has every counter', async () => {
    r = await rig({}, rawVideos(10));
    await r.source.getPosts(MOSSY, 10);
    expect(r.api.count('post-detail')).toBe(0);
  });

  it('stops filling details on an out-of-credits answer', async () => {
    r = await rig({ detailConcurrency: 1 }, rawVideos(5));
    r.api.modes.omitListFields = ['collect_count'];
    r.api.fail('post-detail', faults.outOfCredits(), { after: 1 });
    await expect(r.source.getPosts(MOSSY, 5)).rejects.toMatchObject({ code: 'OUT_OF_CREDITS' });
    expect(r.api.count('post-detail')).toBe(2);
  });
});
