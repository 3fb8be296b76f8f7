/**
 * The live PostSource: TikLiveAPI behind pacing, retries, a TTL cache and single-flight.
 *
 * Credits: every request the API charges costs one (see CreditMeter in ./http.ts). `CreatorPosts.credits` is what
 * this call caused: 0 when served from cache, and 0 for callers that joined a request
 * already in flight (its leader reports the cost), so adding up answers never double counts.
 *
 * Deadline: each call may carry the command's AbortSignal. It ends retries and requests in
 * flight; when it passes during the per-post detail fills, the posts are returned without
 * those counters (`deadlineExceeded`) and that answer is not cached.
 */
import { z } from 'zod';
import { parseCreatorInput } from '../commands/creator';
import { parseVideoUrl, videoIdFromUrl } from '../commands/video-url';
import { QuadrantsError } from '../errors';
import { registerSecret, silentLogger, type Logger } from '../log';
import type { Creator, CreatorPosts, Post } from '../quadrants/types';
import type { PostSource, SourceCallOptions } from '../source';
import { SingleFlight, TtlCache } from './cache';
import { CreditMeter, TikLiveApiHttp } from './http';
import { Pacer, type RequestPacer } from './pacer';
import type { SharedCache } from './shared-cache';
import { parseVideo } from './parse';
import { fetchRecentPosts } from './posts';
import { UserIdResolver } from './userid';

export interface TikLiveApiSourceOptions {
  apiKey: string;
  /** Default https://api.tikliveapi.com (the caller passes TIKLIVEAPI_BASE_URL). */
  baseUrl?: string;
  /** Process-wide pacing. Default 200. */
  requestsPerMinute?: number;
  /** Back-to-back requests before pacing starts. Default 10. */
  burst?: number;
  /** Default 10 minutes; 0 disables the cache. */
  cacheTtlMs?: number;
  /** Parallel /post-detail/ fills. Default 4. */
  detailConcurrency?: number;
  /** Per-attempt timeout for list pages. Default 20 s. */
  pageTimeoutMs?: number;
  /** Per-attempt timeout for single lookups (post, user id). Default 15 s. */
  postTimeoutMs?: number;
  /** Hard cap on /user-posts/ pages per call. Default 5. */
  maxPages?: number;
  /** Attempts per request, first included. Default 3. */
  maxAttempts?: number;
  /** First retry backoff. Default 500 ms (tests use 1). */
  retryBaseMs?: number;
  /** Longest Retry-After worth waiting for. Default 20 s. */
  maxRetryDelayMs?: number;
  /**
   * Pacing and a cache shared with other replicas (PostgreSQL); default: this process's own.
   * The in-process cache and single-flight stay in front of the shared ones.
   */
  shared?: { pacer: RequestPacer; cache: SharedCache };
  logger?: Logger;
  /** Injected clock (ms) for the cache TTL, fetchedAt and date checks (pacing uses real time). */
  now?: () => number;
  /** Injected sleep for retry backoff. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type TikLiveApiSource = PostSource & {
  /** Credits spent by this source since it was created. */
  creditsSpent(): number;
  /** Closes the connection pool. */
  close(): Promise<void>;
};

const optionsSchema = z.object({
  apiKey: z.string().regex(/^[\x21-\x7e]{4,512}$/),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  requestsPerMinute: z.number().positive().optional(),
  burst: z.number().int().positive().optional(),
  cacheTtlMs: z.number().int().nonnegative().optional(),
  detailConcurrency: z.number().int().min(1).max(32).optional(),
  pageTimeoutMs: z.number().int().positive().optional(),
  postTimeoutMs: z.number().int().positive().optional(),
  maxPages: z.number().int().min(1).max(50).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
  retryBaseMs: z.number().nonnegative().optional(),
  maxRetryDelayMs: z.number().nonnegative().optional(),
});

const countSchema = z.number().int().min(1).max(100);

/** Builds the live source. Throws QuadrantsError('CONFIG') for unusable options (never echoing the key). */
export function createTikLiveApiSource(options: TikLiveApiSourceOptions): TikLiveApiSource {
  const { logger: givenLogger, now: givenNow, sleep, shared, ...checked } = options;
  registerSecret(options.apiKey);
  const parsed = optionsSchema.safeParse(checked);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
    throw new QuadrantsError('CONFIG', `invalid TikLiveAPI source options: ${fields}`);
  }
  const o = parsed.data;
  const now = givenNow ?? Date.now;
  const logger = givenLogger ?? silentLogger;
  const pageTimeoutMs = o.pageTimeoutMs ?? 20_000;
  const postTimeoutMs = o.postTimeoutMs ?? 15_000;
  const http = new TikLiveApiHttp({
    apiKey: o.apiKey,
    baseUrl: o.baseUrl ?? 'https://api.tikliveapi.com',
    // The pacer keeps real time even when `now` is injected: a frozen test clock would otherwise never refill it.
    pacer: shared?.pacer ?? new Pacer({ requestsPerMinute: o.requestsPerMinute ?? 200, ...(o.burst === undefined ? {} : { burst: o.burst }) }),
    logger,
    ...(o.maxAttempts === undefined ? {} : { maxAttempts: o.maxAttempts }),
    ...(o.retryBaseMs === undefined ? {} : { retryBaseMs: o.retryBaseMs }),
    ...(o.maxRetryDelayMs === undefined ? {} : { maxRetryDelayMs: o.maxRetryDelayMs }),
    ...(sleep === undefined ? {} : { sleep }),
  });
  const users = new UserIdResolver(http, { timeoutMs: postTimeoutMs, logger, ...(shared ? { shared: shared.cache } : {}) });
  const ttl = o.cacheTtlMs ?? 600_000;

  /**
   * Runs `load` once across replicas when a shared cache is configured: another replica's answer
   * (or one it cached) comes back with 0 credits, since this replica spent none on it. With the
   * cache off (TTL 0) the flight is still shared: the answer is handed to the replicas waiting
   * for it (see PgSharedCache's hand-off), as single-flight works within one process.
   */
  async function acrossReplicas<V extends { credits: number }>(key: string, load: () => Promise<V>, keep: (v: V) => boolean, signal?: AbortSignal): Promise<V> {
    if (!shared) return load();
    const { value, leader } = await shared.cache.getOrLoad(key, ttl, async () => {
      const v = await load();
      return { value: v, keep: keep(v) };
    }, signal);
    return leader ? value : { ...value, credits: 0 };
  }
  const postsCache = new TtlCache<CreatorPosts>({ ttlMs: ttl, now });
  const postsFlights = new SingleFlight<CreatorPosts>();
  const postCache = new TtlCache<{ post: Post; creator: Creator; fetchedAt: string }>({ ttlMs: ttl, now });
  const postFlights = new SingleFlight<{ post: Post; creator: Creator; fetchedAt: string; credits: number }>();
  const fetchOptions = {
    pageTimeoutMs,
    postTimeoutMs,
    maxPages: o.maxPages ?? 5,
    detailConcurrency: o.detailConcurrency ?? 4,
    now,
    logger,
  };

  async function creatorWithId(creator: Creator, meter: CreditMeter): Promise<Creator> {
    if (/^\d{5,25}$/.test(creator.userid)) return creator;
    const input = parseCreatorInput(creator.username);
    if (input.kind === 'userid') return { username: '', userid: input.userid };
    return users.resolve(input.username, meter);
  }

  // Answers cut short (a deadline in the fills, a later page that failed) are not kept: the next command should try again.
  const unfinished = new WeakSet<CreatorPosts>();
  const keepable = (r: CreatorPosts) => !r.deadlineExceeded && !unfinished.has(r);

  async function loadPosts(creator: Creator, count: number, signal?: AbortSignal): Promise<CreatorPosts> {
    const meter = new CreditMeter(signal);
    const fetched = await fetchRecentPosts(http, creator.userid, count, meter, fetchOptions);
    const username = creator.username || (fetched.username ?? '').toLowerCase();
    if (!creator.username && username) users.remember(username, creator.userid);
    const result: CreatorPosts = {
      creator: { username, userid: creator.userid },
      posts: fetched.posts,
      credits: meter.spent,
      fetchedAt: new Date(now()).toISOString(),
      partial: fetched.partial,
      demo: false,
      ...(fetched.deadlineExceeded ? { deadlineExceeded: true } : {}),
    };
    if (fetched.pageFailed) unfinished.add(result);
    return result;
  }

  return {
    async resolveCreator(input: string, call: SourceCallOptions = {}): Promise<Creator> {
      const parsedInput = parseCreatorInput(input);
      if (parsedInput.kind === 'userid') return { username: '', userid: parsedInput.userid };
      return users.resolve(parsedInput.username, new CreditMeter(call.signal));
    },

    async getPosts(creator: Creator, count: number, call: SourceCallOptions = {}): Promise<CreatorPosts> {
      if (!countSchema.safeParse(count).success) throw new QuadrantsError('BAD_INPUT', `posts count ${String(count)} out of range`);
      const lookup = new CreditMeter(call.signal);
      const resolved = await creatorWithId(creator, lookup);
      const key = `${resolved.userid}:${count}`;
      const cached = postsCache.get(key);
      if (cached) return { ...structuredClone(cached), credits: lookup.spent };
      const { value, leader } = await postsFlights.run(key, async () => {
        // An answer cut short by a deadline is not kept: the next command should try the fills again.
        const v = await acrossReplicas(`posts:${key}`, () => loadPosts(resolved, count, call.signal), keepable, call.signal);
        if (keepable(v)) postsCache.set(key, v);
        return v;
      });
      // Copies, so a caller editing its answer cannot change what the cache hands out next.
      return { ...structuredClone(value), credits: (leader ? value.credits : 0) + lookup.spent };
    },

    async getPost(url: string, call: SourceCallOptions = {}) {
      const clean = parseVideoUrl(url);
      const cached = postCache.get(clean);
      if (cached) return { ...structuredClone(cached), credits: 0 };
      const { value, leader } = await postFlights.run(clean, () => acrossReplicas(`post:${clean}`, async () => {
        const meter = new CreditMeter(call.signal);
        const payload = await http.get({ endpoint: 'post-detail', query: { url: clean }, timeoutMs: postTimeoutMs, kind: 'detail', notFound: 'POST_NOT_FOUND' }, meter);
        const r = parseVideo(payload, { now: now() });
        if (!r.ok) throw new QuadrantsError('POST_NOT_FOUND', `post-detail gave no usable post (${r.reason})`);
        const wanted = videoIdFromUrl(clean);
        if (wanted && r.video.post.id !== wanted) throw new QuadrantsError('MALFORMED_DATA', `post-detail answered post ${r.video.post.id} for ${wanted}`);
        const { author } = r.video;
        let creator: Creator;
        if (author.userid) creator = { username: (author.username ?? '').toLowerCase(), userid: author.userid };
        else {
          const handle = author.username ?? /tiktok\.com\/@([A-Za-z0-9._]{2,24})\//.exec(clean)?.[1];
          if (!handle) throw new QuadrantsError('MALFORMED_DATA', `post ${r.video.post.id} has no author`);
          creator = await users.resolve(handle, meter);
        }
        if (creator.username) users.remember(creator.username, creator.userid);
        return { post: r.video.post, creator, fetchedAt: new Date(now()).toISOString(), credits: meter.spent };
      }, () => true, call.signal).then((v) => {
        postCache.set(clean, { post: v.post, creator: v.creator, fetchedAt: v.fetchedAt });
        if (v.creator.username) users.remember(v.creator.username, v.creator.userid);
        return v;
      }));
      return { ...structuredClone(value), credits: leader ? value.credits : 0 };
    },

    creditsSpent: () => http.creditsSpent,
    close: () => http.close(),
  };
}
