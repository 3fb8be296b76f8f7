/**
 * Per-post rates. A rate exists only when its counter exists and the post has at least
 * `minViews` views, so a zero-view post never gets an absurd (infinite) rate.
 */
import type { ExclusionReason, Post } from './types';

export interface PostRates {
  shareRate: number | null;
  saveRate: number | null;
  downloadRate: number | null;
  likeRate: number | null;
  commentRate: number | null;
  /** Why the post cannot be placed on the share/save plane, or null when it can. */
  excluded: ExclusionReason | null;
}

function rate(count: number | null, views: number): number | null {
  return count === null ? null : count / views;
}

export function ratesFor(post: Post, minViews: number): PostRates {
  const views = post.views;
  if (views === null || views < Math.max(1, minViews)) {
    return { shareRate: null, saveRate: null, downloadRate: null, likeRate: null, commentRate: null, excluded: 'low-views' };
  }
  const r: PostRates = {
    shareRate: rate(post.shares, views),
    saveRate: rate(post.saves, views),
    downloadRate: rate(post.downloads, views),
    likeRate: rate(post.likes, views),
    commentRate: rate(post.comments, views),
    excluded: null,
  };
  if (r.shareRate === null || r.saveRate === null) r.excluded = 'missing-data';
  return r;
}
