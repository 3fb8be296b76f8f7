/**
 * Building blocks for the fake TikLiveAPI (test/fakes/tikliveapi.ts): realistic raw video
 * records and ready-made faults. Kept apart so the server file stays readable; import
 * everything from test/fakes/tikliveapi.ts, which re-exports this module.
 */

/** A raw tikwm/TikLiveAPI video record (snake_case); any field may be overridden or removed. */
export type RawVideo = Record<string, unknown>;

export type FakeEndpoint = 'userid' | 'userinfo-by-username' | 'user-posts' | 'post-detail';

/** One-shot misbehaviour for the next matching request. */
export type FakeFault =
  /**
   * Any status, headers and body (objects are sent as JSON, strings as is). `billed`: whether the
   * API charges a credit for it; default no (errors, throttles and refusals are not billed).
   */
  | { kind: 'respond'; status?: number; body?: unknown; headers?: Record<string, string>; billed?: boolean }
  /** An HTML challenge page instead of JSON. */
  | { kind: 'html'; status?: number }
  /** Never answer, so the client's timeout fires (the socket is closed by `close()`). */
  | { kind: 'hang' }
  /** Destroy the connection without a response. */
  | { kind: 'drop' };

/** Ready-made faults for the cases the reference notes describe. */
export const faults = {
  rateLimited: (retryAfterSeconds?: number): FakeFault => ({
    kind: 'respond',
    status: 429,
    body: '',
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: (status = 500): FakeFault => ({ kind: 'respond', status, body: { message: 'Internal Server Error' } }),
  status: (status: number, body: unknown = ''): FakeFault => ({ kind: 'respond', status, body }),
  html: (): FakeFault => ({ kind: 'html' }),
  hang: (): FakeFault => ({ kind: 'hang' }),
  drop: (): FakeFault => ({ kind: 'drop' }),
  /** HTTP 200 with a body of only `message`, as auth and credit failures arrive. */
  inBand: (message: string): FakeFault => ({ kind: 'respond', status: 200, body: { message } }),
  badKey: (): FakeFault => faults.inBand('Api-Key is not available'),
  outOfCredits: (): FakeFault => faults.inBand('Your balance is exhausted, please purchase credits'),
  /** Billed: a "not found" is a served request (the product counts it, to be safe). */
  notFound: (message = 'Not found post'): FakeFault => ({ kind: 'respond', status: 200, body: { status: 'error', message }, billed: true }),
  /** tikwm's throttle envelope with HTTP 200. */
  throttled: (): FakeFault => ({ kind: 'respond', status: 200, body: { code: -1, msg: 'Free Api Limit: 1 request/second.', processed_time: 0.1 } }),
  /** A hand-written JSON text (e.g. bare-number ids). */
  json: (text: string, status = 200): FakeFault => ({ kind: 'respond', status, body: text, headers: { 'content-type': 'application/json' }, billed: status < 300 }),
};

let seq = 0;
export const COUNTERS = ['play_count', 'digg_count', 'comment_count', 'share_count', 'download_count', 'collect_count'];

/** A realistic raw record: 19-digit string ids, snake_case counters, dates one hour apart. */
export function rawVideo(overrides: RawVideo = {}): RawVideo {
  seq += 1;
  const id = String(7_400_000_000_000_000_000n + BigInt(seq) * 7919n);
  const views = 5_000 + ((seq * 7_919) % 90_000);
  return {
    aweme_id: id,
    video_id: id,
    region: 'GB',
    title: `Kitchen idea number ${seq} #food`,
    cover: `https://cdn.example.invalid/cover/${id}.jpg`,
    duration: 15 + (seq % 45),
    play: `https://cdn.example.invalid/play/${id}.mp4`,
    music_info: { id: '7301000000000000001', title: 'original sound', author: 'mossy.kitchen', original: true, duration: 30 },
    play_count: views,
    digg_count: Math.round(views * 0.08),
    comment_count: Math.round(views * 0.004),
    share_count: Math.round(views * (0.002 + (seq % 7) * 0.002)),
    download_count: Math.round(views * 0.0005 * (seq % 3)),
    collect_count: Math.round(views * (0.004 + (seq % 5) * 0.003)),
    create_time: 1_760_000_000 - seq * 3_600,
    is_ad: false,
    is_top: 0,
    author: { id: '6912345678901234567', unique_id: 'mossy.kitchen', nickname: 'Mossy Kitchen', avatar: 'https://cdn.example.invalid/a.jpg' },
    ...overrides,
  };
}

/** `n` raw records, newest first; `each(i)` may override fields of the i-th (0 = newest). */
export function rawVideos(n: number, each: (i: number) => RawVideo = () => ({})): RawVideo[] {
  const base = 1_760_000_000;
  return Array.from({ length: n }, (_, i) => rawVideo({ create_time: base - i * 3_600, ...each(i) }));
}

