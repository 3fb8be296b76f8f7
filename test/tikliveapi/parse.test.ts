import { parseJsonBody, quoteLongIntegers } from '../../src/tikliveapi/json';
import { parsePostsPage, parseVideo, toCount, toId } from '../../src/tikliveapi/parse';
import { extractUserId, parseUserInfo } from '../../src/tikliveapi/userid';
import { expectQuadrantsError } from '../helpers/errors';

const NOW = Date.UTC(2025, 10, 1);
const ID = '7398700011122233344';

function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aweme_id: ID,
    video_id: ID,
    title: '3-ingredient miso butter',
    create_time: 1722340800,
    play_count: 143020,
    digg_count: 12877,
    comment_count: 311,
    share_count: 2104,
    download_count: 95,
    collect_count: 6631,
    is_ad: false,
    is_top: 0,
    author: { id: '6912345678901234567', unique_id: 'mossy.kitchen' },
    ...overrides,
  };
}

function parsed(overrides: Record<string, unknown> = {}) {
  const r = parseVideo(record(overrides), { now: NOW });
  if (!r.ok) throw new Error(`skipped: ${r.reason}`);
  return r.video;
}

const malformed = (fn: () => unknown) => expectQuadrantsError(fn, 'MALFORMED_DATA');

describe('JSON with 19-digit ids', () => {
  it('keeps bare 19-digit numbers exact by quoting them before JSON.parse', () => {
    const body = parseJsonBody('{"aweme_id":7398700011122233344,"author":{"id":6912345678901234567},"list":[7398700011122233345, 12]}') as Record<string, unknown>;
    expect(body.aweme_id).toBe('7398700011122233344');
    expect((body.author as Record<string, unknown>).id).toBe('6912345678901234567');
    expect(body.list).toEqual(['7398700011122233345', 12]);
  });

  it('leaves digits inside strings, short numbers, floats and exponents alone', () => {
    const text = '{"title":"call 12345678901234567890 now, \\"7398700011122233344\\"","n":123456789012345,"f":1.2345678901234567,"e":1e25,"neg":-7398700011122233344}';
    expect(quoteLongIntegers(text)).toBe(text.replace('-7398700011122233344', '"-7398700011122233344"'));
    const body = parseJsonBody(text) as Record<string, unknown>;
    expect(body.title).toBe('call 12345678901234567890 now, "7398700011122233344"');
    expect(body.n).toBe(123456789012345);
  });

  it('quotes a bare top-level id and still rejects broken JSON', () => {
    expect(parseJsonBody('6912345678901234567')).toBe('6912345678901234567');
    expect(() => parseJsonBody('<html>')).toThrow(SyntaxError);
    expect(() => parseJsonBody('{"a":')).toThrow(SyntaxError);
  });
});

describe('toCount', () => {
  it.each([
    [0, 0],
    [12, 12],
    [12.9, 12],
    ['1234', 1234],
    ['1,234', 1234],
    ['1,234,567', 1234567],
    ['1_000', 1000],
    [' 42 ', 42],
    ['12.0', 12],
    ['1.2K', 1200],
    ['3.4m', 3400000],
    ['1B', 1000000000],
    [10n, 10],
  ])('reads %p as %p', (input, out) => {
    expect(toCount(input, 'play_count', ID)).toBe(out);
  });

  it('keeps missing distinct from zero', () => {
    expect(toCount(undefined, 'collect_count', ID)).toBeNull();
    expect(toCount(null, 'collect_count', ID)).toBeNull();
    expect(toCount('', 'collect_count', ID)).toBeNull();
    expect(toCount(0, 'collect_count', ID)).toBe(0);
  });

  it.each([[-1], ['-5'], ['abc'], ['12abc'], ['1,23'], [true], [{}], [[1]], [Infinity], [NaN]])('refuses %p naming the field and the post', (bad) => {
    const err = malformed(() => toCount(bad, 'share_count', ID));
    expect(err.message).toContain('share_count');
    expect(err.message).toContain(ID);
  });
});

describe('toId', () => {
  it('accepts digit strings and exact numbers only', () => {
    expect(toId(ID)).toBe(ID);
    expect(toId(123456)).toBe('123456');
    expect(toId(7398700011122233344)).toBeNull(); // lossy as a JS number
    expect(toId('12345')).toBeNull();
    expect(toId('12345', 5)).toBe('12345');
    expect(toId('73987000111a')).toBeNull();
    expect(toId(null)).toBeNull();
  });
});

describe('parseVideo', () => {
  it('maps the documented record to a Post', () => {
    const v = parsed();
    expect(v.post).toEqual({
      id: ID,
      title: '3-ingredient miso butter',
      createdAt: 1722340800,
      views: 143020,
      likes: 12877,
      comments: 311,
      shares: 2104,
      saves: 6631,
      downloads: 95,
      pinned: false,
      isPhoto: false,
    });
    expect(v.isAd).toBe(false);
    expect(v.author).toEqual({ userid: '6912345678901234567', username: 'mossy.kitchen' });
  });

  it('takes the id from aweme_id, then video_id, then id', () => {
    expect(parsed({ aweme_id: undefined, video_id: '7398700011122233399' }).post.id).toBe('7398700011122233399');
    expect(parsed({ aweme_id: undefined, video_id: undefined, id: '7398700011122233398' }).post.id).toBe('7398700011122233398');
    expect(parsed({ aweme_id: '', video_id: ID }).post.id).toBe(ID);
  });

  it.each([
    ['no id at all', { aweme_id: undefined, video_id: undefined }],
    ['a lossy numeric id', { aweme_id: 7398700011122233344, video_id: undefined }],
    ['a non-digit id', { aweme_id: 'abc', video_id: undefined }],
    ['no create_time', { create_time: undefined }],
    ['a zero create_time', { create_time: 0 }],
    ['a far-future create_time', { create_time: NOW / 1000 + 7 * 86400 }],
    ['a text create_time', { create_time: 'yesterday' }],
  ])('skips a record with %s', (_why, overrides) => {
    expect(parseVideo(record(overrides), { now: NOW }).ok).toBe(false);
  });

  it.each([[null], ['text'], [42], [[record()]]])('skips a non-object record %p', (raw) => {
    expect(parseVideo(raw, { now: NOW }).ok).toBe(false);
  });

  it('reads millisecond and string dates', () => {
    expect(parsed({ create_time: 1722340800000 }).post.createdAt).toBe(1722340800);
    expect(parsed({ create_time: '1722340800' }).post.createdAt).toBe(1722340800);
  });

  it('keeps a missing counter as null and a string counter as a number', () => {
    const v = parsed({ collect_count: undefined, download_count: null, share_count: '2,104' });
    expect(v.post.saves).toBeNull();
    expect(v.post.downloads).toBeNull();
    expect(v.post.shares).toBe(2104);
  });

  it('refuses a negative or non-numeric counter with the field and post id in the detail', () => {
    expect(malformed(() => parseVideo(record({ share_count: -3 }), { now: NOW })).message).toMatch(new RegExp(`post ${ID} field share_count`));
    expect(malformed(() => parseVideo(record({ collect_count: 'lots' }), { now: NOW })).message).toMatch(/collect_count/);
    expect(malformed(() => parseVideo(record({ play_count: { n: 1 } }), { now: NOW })).message).toMatch(/play_count/);
  });

  it('cleans titles: null, numbers, desc fallback, control characters', () => {
    expect(parsed({ title: null }).post.title).toBe('');
    expect(parsed({ title: 42 }).post.title).toBe('42');
    expect(parsed({ title: undefined, desc: 'from desc' }).post.title).toBe('from desc');
    expect(parsed({ title: '  line\none\u0007 ' }).post.title).toBe('line one');
    expect(parsed({ title: { nested: true } }).post.title).toBe('');
    expect(parsed({ title: 'x'.repeat(2000) }).post.title).toHaveLength(500);
  });

  it('reads pinned, ad and photo flags in their loose forms', () => {
    expect(parsed({ is_top: 1 }).post.pinned).toBe(true);
    expect(parsed({ is_top: 'true' }).post.pinned).toBe(true);
    expect(parsed({ is_top: 0 }).post.pinned).toBe(false);
    expect(parsed({ is_top: undefined }).hasPinnedFlag).toBe(false);
    expect(parsed({ is_ad: true }).isAd).toBe(true);
    expect(parsed({ images: ['a.jpg'] }).post.isPhoto).toBe(true);
    expect(parsed({ images: [] }).post.isPhoto).toBe(false);
    expect(parsed({ images: 'a.jpg' }).post.isPhoto).toBe(false);
  });

  it('tolerates a missing or odd author', () => {
    expect(parsed({ author: null }).author).toEqual({ userid: null, username: null });
    expect(parsed({ author: 'someone' }).author).toEqual({ userid: null, username: null });
    expect(parsed({ author: { uniqueId: 'camel.case', id: 12345 } }).author).toEqual({ userid: '12345', username: 'camel.case' });
  });
});

describe('parsePostsPage', () => {
  it('reads videos, hasMore and cursor as sent', () => {
    expect(parsePostsPage({ videos: [1, 2], cursor: '1722340800000', hasMore: true })).toEqual({ items: [1, 2], hasMore: true, next: '1722340800000' });
    expect(parsePostsPage({ videos: [], cursor: 1722340800000, hasMore: 'true' }).next).toBe('1722340800000');
  });

  it('accepts fallback key names and loose booleans', () => {
    expect(parsePostsPage({ itemList: [1], has_more: 1, max_cursor: '5' })).toEqual({ items: [1], hasMore: true, next: '5' });
    expect(parsePostsPage({ aweme_list: [1], hasMore: '1', next_cursor: '6' })).toEqual({ items: [1], hasMore: true, next: '6' });
    expect(parsePostsPage({ videos: [1], hasMore: 'yes' }).hasMore).toBe(false);
  });

  it.each([[''], ['0'], ['-1'], [null], [0]])('treats cursor %p as absent', (cursor) => {
    expect(parsePostsPage({ videos: [1], cursor, hasMore: true }).next).toBeNull();
  });

  it('treats a null list as empty, but a body with no list at all as malformed', () => {
    expect(parsePostsPage({ videos: null, hasMore: false }).items).toEqual([]);
    expect(parsePostsPage({ videos: 'oops', hasMore: false }).items).toEqual([]);
    malformed(() => parsePostsPage({ user: {} }));
    malformed(() => parsePostsPage(null));
    malformed(() => parsePostsPage([1, 2]));
  });
});

describe('/userid/ and /userinfo-by-username/ shapes', () => {
  it.each([
    ['6912345678901234567'],
    [{ user_id: '6912345678901234567' }],
    [{ userid: '6912345678901234567' }],
    [{ uid: '6912345678901234567' }],
    [{ id: '6912345678901234567' }],
    [{ userId: '6912345678901234567' }],
    [{ user: { id: '6912345678901234567' } }],
    [{ data: { id: '6912345678901234567' } }],
  ])('finds the id in %j', (payload) => {
    expect(extractUserId(payload)).toBe('6912345678901234567');
  });

  it('refuses ids that are lossy, short or absent', () => {
    expect(extractUserId(6912345678901234567)).toBeNull();
    expect(extractUserId('1234')).toBeNull();
    expect(extractUserId({ result: 'ok' })).toBeNull();
    expect(extractUserId(null)).toBeNull();
    expect(extractUserId(12345)).toBe('12345');
  });

  it('reads user info and the private flags', () => {
    expect(parseUserInfo({ user: { id: '6912345678901234567', uniqueId: 'mossy.kitchen' }, stats: {} })).toEqual({ userid: '6912345678901234567', username: 'mossy.kitchen', private: false });
    expect(parseUserInfo({ user: { id: '6912345678901234567', privateAccount: true } }).private).toBe(true);
    expect(parseUserInfo({ user: { id: '6912345678901234567', secret: 1 } }).private).toBe(true);
    expect(parseUserInfo({ userInfo: { user: { id: '6912345678901234567' } } }).userid).toBe('6912345678901234567');
    expect(parseUserInfo({ stats: {} })).toEqual({ userid: null, username: null, private: false });
    expect(parseUserInfo('nope').userid).toBeNull();
  });
});
