/**
 * The machine-readable shape of a report (the CLI's --json, reusable by any front end).
 * Rates are fractions, ids are strings, dates ISO strings; posts newest first, with
 * `quadrant: null` for posts left out of the split.
 */
import { postUrl } from './post-url';
import type { CompareReport, Flags, Medians, Mix, PostPlacement, QuadrantCounts, QuadrantId, QuadrantReport, RatedPost, Recommendation } from '../quadrants/types';

export interface PostJson {
  id: string;
  title: string;
  createdAt: string;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  downloads: number | null;
  shareRate: number | null;
  saveRate: number | null;
  downloadRate: number | null;
  quadrant: QuadrantId | null;
  template: boolean;
  /** Breakdown number, as on the chart (1 = newest; 0 for a placed post outside the window). */
  index: number;
  pinned: boolean;
  excluded: RatedPost['excluded'];
  /** The video on TikTok, built from the validated handle and id; null when either is not valid. */
  url: string | null;
}

export interface ReportJson {
  creator: { username: string; userid: string };
  window: { posts: number; from: string | null; to: string | null };
  medians: Medians;
  posts: PostJson[];
  counts: QuadrantCounts;
  flags: Flags;
  mix: Mix;
  headline: Recommendation | null;
  recommendations: Recommendation[];
  chartUrl: string | null;
  credits: number;
  fetchedAt: string;
  partial: boolean;
  /** True when the command's deadline passed before every save count arrived (those are null). */
  deadlineExceeded: boolean;
  demo: boolean;
}

function isoFromUnix(seconds: number): string {
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : new Date(0).toISOString();
}

/** One post in the JSON shape; `handle` is the creator's, for the link to the video. */
export function postToJson(p: RatedPost, handle = ''): PostJson {
  return {
    id: p.id,
    title: p.title,
    createdAt: isoFromUnix(p.createdAt),
    views: p.views,
    likes: p.likes,
    comments: p.comments,
    shares: p.shares,
    saves: p.saves,
    downloads: p.downloads,
    shareRate: p.shareRate,
    saveRate: p.saveRate,
    downloadRate: p.downloadRate,
    quadrant: p.quadrant,
    template: p.template,
    index: p.index,
    pinned: p.pinned,
    excluded: p.excluded,
    url: postUrl(handle, p.id),
  };
}

/** A report in the JSON shape (copies: the result shares nothing with the report). */
export function reportToJson(r: QuadrantReport): ReportJson {
  return structuredClone({
    creator: { username: r.creator.username, userid: r.creator.userid },
    window: { posts: r.window.posts, from: r.window.from, to: r.window.to },
    medians: r.medians,
    posts: [...r.posts].sort((a, b) => a.index - b.index).map((p) => postToJson(p, r.creator.username)),
    counts: r.counts,
    flags: r.flags,
    mix: r.mix,
    headline: r.headline,
    recommendations: r.recommendations,
    chartUrl: r.chartUrl,
    credits: r.credits,
    fetchedAt: r.fetchedAt,
    partial: r.partial,
    deadlineExceeded: r.deadlineExceeded === true,
    demo: r.demo,
  });
}

/** A comparison: each creator's own report plus letter and counts against the pooled medians. */
export function compareToJson(r: CompareReport) {
  return {
    pooledMedians: { ...r.pooledMedians },
    creators: r.creators.map((c, i) => ({ letter: String.fromCharCode(65 + i), pooledCounts: { ...c.pooledCounts }, report: reportToJson(c.report) })),
    chartUrl: r.chartUrl,
    credits: r.credits,
    fetchedAt: r.fetchedAt,
    demo: r.demo,
  };
}

/** A post placement: the post (rated against the baseline medians) and the baseline report. */
export function placementToJson(p: PostPlacement) {
  return { post: postToJson(p.post, p.baseline.creator.username), baseline: reportToJson(p.baseline), chartUrl: p.chartUrl, credits: p.credits, fetchedAt: p.fetchedAt, demo: p.demo };
}
