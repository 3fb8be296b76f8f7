/**
 * Walking /user-posts/ for a creator's newest N posts, then filling missing save/download
 * counters from /post-detail/. Upstream order is never trusted: pinned
 * posts come first, pages can repeat items and cursors can stall, so every stop rule is here.
 * (No "cursor went up" timestamp heuristic: cursors are treated as opaque, and a walk that
 * turned back is caught one page later by the no-new-ids rule.)
 */
import { QuadrantsError } from '../errors';
import type { Logger } from '../log';
import type { Post } from '../quadrants/types';
import { PINNED_SLACK, postsPageQuery } from './early';
import { CreditMeter, type TikLiveApiHttp } from './http';
import { parsePostsPage, parseVideo, type ParsedVideo } from './parse';


export interface FetchPostsOptions {
  pageTimeoutMs: number;
  postTimeoutMs: number;
  /** Hard cap on /user-posts/ pages per call. */
  maxPages: number;
  /** Parallel /post-detail/ calls when list items lack counters. */
  detailConcurrency: number;
  now: () => number;
  logger: Logger;
}

export interface FetchedPosts {
  /** Newest first, at most `count`. */
  posts: Post[];
  /** Paging stopped early (page cap, stalled cursor, a later page that failed or hung) before the window was full. */
  partial: boolean;
  /** A later page failed or hung (the deadline cut it): worth trying again, so not to be cached. */
  pageFailed: boolean;
  /** The creator's handle as the posts carry it, when they do. */
  username: string | null;
  /**
   * The command's deadline passed during the /post-detail/ fills: the posts are what the list
   * pages said, and counters only the detail would have given are still null (missing).
   */
  deadlineExceeded: boolean;
}

export type StopReason = 'enough' | 'no-more' | 'empty-page' | 'no-cursor' | 'cursor-stalled' | 'cursor-repeated' | 'no-new-ids' | 'page-cap' | 'page-failed';

/** Failures of a later page that leave the pages in hand worth answering with (a key or credit problem is not). */
const PASSING: ReadonlySet<string> = new Set(['UPSTREAM_UNAVAILABLE', 'RATE_LIMITED', 'MALFORMED_DATA']);

const COMPLETE: ReadonlySet<StopReason> = new Set(['enough', 'no-more', 'empty-page']);

function newestFirst(a: Post, b: Post): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  // Same second: the larger id is the later post (TikTok ids grow with time).
  return a.id.length !== b.id.length ? b.id.length - a.id.length : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
}

/**
 * True once the newest `count` posts are certainly in hand. Apart from pinned posts the feed
 * is newest first, so nothing unseen is newer than the oldest regular post seen. Without
 * `is_top` pinned posts look regular, so a margin of three more is required instead.
 */
function windowKnown(collected: ParsedVideo[], count: number, sawPinnedFlag: boolean): boolean {
  const regular = collected.filter((v) => !v.post.pinned);
  if (!sawPinnedFlag) return regular.length >= count + PINNED_SLACK;
  if (regular.length === 0) return false;
  const oldestRegular = Math.min(...regular.map((v) => v.post.createdAt));
  return collected.filter((v) => v.post.createdAt >= oldestRegular).length >= count;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function mapLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/**
 * The newest `count` posts of `userid`, newest first, without ads or duplicates.
 * Every request is charged to `meter`.
 */
export async function fetchRecentPosts(http: TikLiveApiHttp, userid: string, count: number, meter: CreditMeter, o: FetchPostsOptions): Promise<FetchedPosts> {
  const seenIds = new Set<string>();
  const seenCursors = new Set<string>(['0']);
  const collected: ParsedVideo[] = [];
  let cursor = '0';
  let skipped = 0;
  let skipReason = '';
  let sawPinnedFlag = false;
  let stop: StopReason = 'page-cap';

  for (let page = 1; page <= o.maxPages; page++) {
    let p: ReturnType<typeof parsePostsPage>;
    try {
      p = parsePostsPage(await http.get({ endpoint: 'user-posts', query: postsPageQuery(userid, count, cursor), timeoutMs: o.pageTimeoutMs, kind: 'list', notFound: 'CREATOR_NOT_FOUND' }, meter));
    } catch (err) {
      // A later page that hangs or fails must not throw away the posts in hand: answer with them, marked partial.
      const aborted = meter.signal?.aborted === true;
      if (collected.length === 0 || !(aborted || (err instanceof QuadrantsError && PASSING.has(err.code)))) throw err;
      o.logger.warn('tikliveapi.page_failed', { userid, page, collected: collected.length, code: err instanceof QuadrantsError ? err.code : 'unknown', deadline: aborted });
      stop = 'page-failed';
      break;
    }
    let added = 0;
    for (const raw of p.items) {
      const r = parseVideo(raw, { now: o.now() });
      if (!r.ok) {
        skipped++;
        skipReason ||= r.reason;
        continue;
      }
      sawPinnedFlag ||= r.video.hasPinnedFlag;
      if (r.video.isAd || seenIds.has(r.video.post.id)) continue;
      seenIds.add(r.video.post.id);
      collected.push(r.video);
      added++;
    }
    if (windowKnown(collected, count, sawPinnedFlag)) stop = 'enough';
    else if (!p.hasMore) stop = 'no-more';
    else if (p.items.length === 0) stop = 'empty-page';
    else if (added === 0) stop = 'no-new-ids';
    else if (p.next === null) stop = 'no-cursor';
    else if (p.next === cursor) stop = 'cursor-stalled';
    else if (seenCursors.has(p.next)) stop = 'cursor-repeated';
    else {
      seenCursors.add(p.next);
      cursor = p.next;
      stop = 'page-cap';
      continue;
    }
    break;
  }

  if (skipped > 0) o.logger.warn('tikliveapi.records_skipped', { userid, skipped, firstReason: skipReason });
  collected.sort((a, b) => newestFirst(a.post, b.post));
  const kept = collected.slice(0, count);
  const partial = !COMPLETE.has(stop) && kept.length < count;
  o.logger.debug('tikliveapi.posts', { userid, stop, collected: collected.length, kept: kept.length, credits: meter.spent });

  const deadlineExceeded = await fillFromDetail(http, kept, meter, o);
  const username = kept.find((v) => v.author.username && (v.author.userid === null || v.author.userid === userid))?.author.username ?? null;
  return { posts: kept.map((v) => v.post), partial, pageFailed: stop === 'page-failed', username, deadlineExceeded };
}

/** The canonical post link /post-detail/ takes; the handle in it need not be right. */
export function postUrl(username: string | null, id: string): string {
  return `https://www.tiktok.com/@${username && /^[A-Za-z0-9._]{2,24}$/.test(username) ? username : 'placeholder'}/video/${id}`;
}

/**
 * Fills posts whose list item had no save or download counter from /post-detail/ (one
 * credit each). A post that vanished meanwhile keeps its nulls; key and credit errors stop.
 * When the command's deadline passes, the fills stop and the posts keep their nulls: the list
 * is already in hand, so the command answers with it. Returns true when that happened.
 */
async function fillFromDetail(http: TikLiveApiHttp, videos: ParsedVideo[], meter: CreditMeter, o: FetchPostsOptions): Promise<boolean> {
  const todo = videos.filter((v) => v.post.saves === null || v.post.downloads === null);
  if (todo.length === 0) return false;
  const { signal } = meter;
  let cut = false;
  await mapLimited(todo, o.detailConcurrency, async (v) => {
    if (signal?.aborted) {
      cut = true;
      return;
    }
    try {
      const payload = await http.get({ endpoint: 'post-detail', query: { url: postUrl(v.author.username, v.post.id) }, timeoutMs: o.postTimeoutMs, kind: 'detail', notFound: 'POST_NOT_FOUND' }, meter);
      const r = parseVideo(payload, { now: o.now() });
      if (!r.ok || r.video.post.id !== v.post.id) {
        o.logger.warn('tikliveapi.detail_unusable', { id: v.post.id });
        return;
      }
      const d = r.video.post;
      // The detail is one consistent, fresher snapshot: prefer its counters where present.
      v.post = { ...v.post, views: d.views ?? v.post.views, likes: d.likes ?? v.post.likes, comments: d.comments ?? v.post.comments, shares: d.shares ?? v.post.shares, saves: d.saves ?? v.post.saves, downloads: d.downloads ?? v.post.downloads };
    } catch (err) {
      if (signal?.aborted) {
        cut = true;
        return;
      }
      if (err instanceof QuadrantsError && (err.code === 'POST_NOT_FOUND' || err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'MALFORMED_DATA')) {
        o.logger.warn('tikliveapi.detail_failed', { id: v.post.id, code: err.code });
        return;
      }
      throw err;
    }
  });
  if (cut) o.logger.warn('tikliveapi.detail_deadline', { filled: todo.filter((v) => v.post.saves !== null).length, missing: todo.filter((v) => v.post.saves === null).length });
  return cut;
}
