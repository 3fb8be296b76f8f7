/**
 * Raw TikLiveAPI (tikwm-shaped) video records → our `Post`, and /user-posts/ pages → items +
 * paging state. Ids stay strings (19-digit ids lose precision as numbers); counters may arrive as
 * numbers or as strings with thousands separators; a missing counter is null (not 0); a negative
 * or non-numeric counter is refused with MALFORMED_DATA.
 */
import { z } from 'zod';
import { QuadrantsError } from '../errors';
import type { Post } from '../quadrants/types';
import { safeSnippet } from './envelope';

const MAX_TITLE = 500;
const DAY_S = 86_400;

/** One parsed video plus what paging and creator lookup need beyond `Post`. */
export interface ParsedVideo {
  post: Post;
  isAd: boolean;
  /** The record carried an `is_top` field at all (pinned posts are then known, not guessed). */
  hasPinnedFlag: boolean;
  author: { userid: string | null; username: string | null };
}

export type VideoParse = { ok: true; video: ParsedVideo } | { ok: false; reason: string };

const scalar = z.union([z.string(), z.number(), z.bigint(), z.boolean()]).nullish().catch(null);

const authorSchema = z
  .looseObject({
    id: scalar,
    uid: scalar,
    unique_id: z.string().nullish().catch(null),
    uniqueId: z.string().nullish().catch(null),
  })
  .nullish()
  .catch(null);

const rawVideoSchema = z.looseObject({
  aweme_id: scalar,
  video_id: scalar,
  id: scalar,
  title: scalar,
  desc: scalar,
  create_time: scalar,
  is_top: scalar,
  is_ad: scalar,
  images: z.array(z.unknown()).nullish().catch(null),
  author: authorSchema,
});

/** Counter fields of the raw record, in `Post` terms. */
export const COUNTER_FIELDS = {
  views: 'play_count',
  likes: 'digg_count',
  comments: 'comment_count',
  shares: 'share_count',
  saves: 'collect_count',
  downloads: 'download_count',
} as const;

type CounterKey = keyof typeof COUNTER_FIELDS;

function malformed(postId: string, field: string, why: string): QuadrantsError {
  return new QuadrantsError('MALFORMED_DATA', `post ${postId} field ${field}: ${why}`);
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * A counter as a whole number ≥ 0, or null when missing. Accepts numbers, digit strings with
 * `,`/`_`/space grouping ("1,234") and rounded forms ("1.2K", "3M", as TikTok shows them).
 * Throws MALFORMED_DATA naming the field and the post for negatives and anything else.
 */
export function toCount(value: unknown, field: string, postId: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') {
    if (value < 0n) throw malformed(postId, field, 'negative value');
    return Number(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw malformed(postId, field, 'not a finite number');
    if (value < 0) throw malformed(postId, field, `negative value ${value}`);
    return Math.trunc(value);
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') return null;
    if (/^\d{1,3}(?:[,_ ]\d{3})+$/.test(s) || /^\d+$/.test(s)) return Number(s.replace(/[,_ ]/g, ''));
    if (/^\d+\.\d+$/.test(s)) return Math.trunc(Number(s));
    const approx = /^(\d+(?:\.\d+)?)\s*([kmb])$/i.exec(s);
    if (approx) return Math.round(Number(approx[1]) * (SUFFIX[(approx[2] as string).toLowerCase()] as number));
    if (/^-\s*\d/.test(s)) throw malformed(postId, field, `negative value "${safeSnippet(s, 30)}"`);
    throw malformed(postId, field, `not a number: "${safeSnippet(s, 30)}"`);
  }
  throw malformed(postId, field, `unexpected ${typeof value}`);
}

/** An id as a digit string (6+ digits), or null. Numbers are only trusted while exact. */
export function toId(value: unknown, minDigits = 6): string | null {
  let s: string | null = null;
  if (typeof value === 'string') s = value.trim();
  else if (typeof value === 'bigint') s = value.toString();
  else if (typeof value === 'number' && Number.isSafeInteger(value)) s = String(value);
  return s !== null && new RegExp(`^\\d{${minDigits},25}$`).test(s) ? s : null;
}

function truthyFlag(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

function toTitle(title: unknown, desc: unknown): string {
  const v = typeof title === 'string' || typeof title === 'number' ? title : typeof desc === 'string' ? desc : '';
  return String(v)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, MAX_TITLE);
}

/** Unix seconds from seconds or milliseconds, as a number or digit string; null if implausible. */
function toCreatedAt(v: unknown, nowMs: number): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const seconds = Math.trunc(n > 1e12 ? n / 1000 : n);
  return seconds <= nowMs / 1000 + DAY_S ? seconds : null;
}

/**
 * Parses one raw video record. Records without a usable id or date are skipped (`ok: false`);
 * a present but impossible counter throws MALFORMED_DATA.
 */
export function parseVideo(raw: unknown, options: { now: number }): VideoParse {
  const r = rawVideoSchema.safeParse(raw);
  if (!r.success) return { ok: false, reason: 'not an object' };
  const v = r.data;
  const id = toId(v.aweme_id) ?? toId(v.video_id) ?? toId(v.id);
  if (id === null) return { ok: false, reason: 'no usable id' };
  const createdAt = toCreatedAt(v.create_time, options.now);
  if (createdAt === null) return { ok: false, reason: `post ${id}: no usable create_time` };
  const record = raw as Record<string, unknown>;
  const counters = {} as Record<CounterKey, number | null>;
  for (const [key, field] of Object.entries(COUNTER_FIELDS) as Array<[CounterKey, string]>) {
    counters[key] = toCount(record[field], field, id);
  }
  const author = v.author ?? null;
  const post: Post = {
    id,
    title: toTitle(v.title, v.desc),
    createdAt,
    ...counters,
    pinned: truthyFlag(v.is_top),
    isPhoto: Array.isArray(v.images) && v.images.length > 0,
  };
  return {
    ok: true,
    video: {
      post,
      isAd: truthyFlag(v.is_ad),
      hasPinnedFlag: v.is_top !== null && v.is_top !== undefined,
      author: {
        userid: toId(author?.id, 5) ?? toId(author?.uid, 5),
        username: author?.unique_id ?? author?.uniqueId ?? null,
      },
    },
  };
}

/** One /user-posts/ page after envelope unwrapping. */
export interface PostsPage {
  items: unknown[];
  hasMore: boolean;
  /** The cursor to send next, exactly as received; null when absent ("", "0", "-1"). */
  next: string | null;
}

const listItems = z.array(z.unknown()).nullish().catch(null);
const cursorValue = z.union([z.string(), z.number()]).nullish().catch(null);
const pageSchema = z.looseObject({
  videos: listItems,
  itemList: listItems,
  aweme_list: listItems,
  hasMore: scalar,
  has_more: scalar,
  cursor: cursorValue,
  max_cursor: cursorValue,
  next_cursor: cursorValue,
});

/** Reads a /user-posts/ payload; a body with no list and no paging keys is MALFORMED_DATA. */
export function parsePostsPage(payload: unknown): PostsPage {
  const r = pageSchema.safeParse(payload);
  const known = ['videos', 'itemList', 'aweme_list', 'hasMore', 'has_more'];
  if (!r.success || !known.some((k) => k in (payload as object))) {
    throw new QuadrantsError('MALFORMED_DATA', 'user-posts: the page has no videos list');
  }
  const p = r.data;
  const items = p.videos ?? p.itemList ?? p.aweme_list ?? [];
  const rawCursor = p.cursor ?? p.max_cursor ?? p.next_cursor;
  const next = rawCursor === null || rawCursor === undefined ? null : String(rawCursor).trim();
  return {
    items,
    hasMore: truthyFlag(p.hasMore ?? p.has_more),
    next: next === null || next === '' || next === '0' || next === '-1' ? null : next,
  };
}
