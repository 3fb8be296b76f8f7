/**
 * The platform-neutral data model. The engine produces a QuadrantReport; adapters only render it.
 * Ids are strings end to end (TikTok ids have ~19 digits). Rates are fractions (0.0123), never percentages.
 */

export const QUADRANT_IDS = ['viral-evergreen', 'niche-reference', 'viral-disposable', 'dead'] as const;
export type QuadrantId = (typeof QUADRANT_IDS)[number];

/** One post as read from the data source. A null counter means "missing", which is not 0. */
export interface Post {
  id: string;
  title: string;
  /** Unix seconds. */
  createdAt: number;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  downloads: number | null;
  pinned: boolean;
  isPhoto: boolean;
}

export interface Creator {
  /** Handle without the leading @ (may be empty when only the numeric id is known). */
  username: string;
  /** Numeric TikTok user id, as a string. */
  userid: string;
}

/** What a data source returns for one creator and window. */
export interface CreatorPosts {
  creator: Creator;
  /** Newest first, at most the requested window. */
  posts: Post[];
  /** Upstream requests this answer cost (0 when served from cache or demo data). */
  credits: number;
  /** ISO time the data was fetched from upstream. */
  fetchedAt: string;
  /** True when paging stopped early (page cap) and the window may be short. */
  partial: boolean;
  /** True when served from the bundled demo dataset. */
  demo: boolean;
  /**
   * True when the command's deadline passed while missing counters were being fetched post by
   * post: those counters stay null (missing), so the posts are reported without them.
   */
  deadlineExceeded?: boolean;
}

export type ExclusionReason = 'low-views' | 'missing-data';

export interface RatedPost extends Post {
  /** Position in the breakdown, 1 = newest. Chart labels use this number. */
  index: number;
  shareRate: number | null;
  saveRate: number | null;
  downloadRate: number | null;
  likeRate: number | null;
  commentRate: number | null;
  /** null when the post is left out of the split (see `excluded`). */
  quadrant: QuadrantId | null;
  /** Download-heavy post that other creators are likely reusing as a template. */
  template: boolean;
  excluded: ExclusionReason | null;
}

export interface Medians {
  shareRate: number | null;
  saveRate: number | null;
  downloadRate: number | null;
}

export type QuadrantCounts = Record<QuadrantId, number>;

export interface Flags {
  /** A third or more of the split posts are dead. */
  deadShare: boolean;
  /** Dead posts / split posts (0 when nothing was split). */
  deadFraction: number;
  /** Ids of posts flagged as templates. */
  templates: string[];
  /** The rule used for templates, in words, for read-outs. */
  templateRule: string;
  /** Fewer than 3 posts could be split: the quadrants are not meaningful yet. */
  smallSample: boolean;
  /** The creator has no public posts in the window. */
  noPosts: boolean;
  /** Every split post has the same rates on both axes. */
  allEqual: boolean;
  /** Most posts have no save counter: the save axis is unreliable. */
  savesUnavailable: boolean;
  /** Posts listed as "not enough views yet" (fewer than the minimum). */
  lowViews: number;
  /** Posts with views but a missing share or save counter. */
  missingData: number;
  /** The minimum views a post needs to be placed. */
  minViews: number;
}

export interface MixEntry {
  quadrant: QuadrantId;
  /** Fraction of split posts in this quadrant. */
  actual: number;
  /** Fraction the weekly plan asks for. */
  target: number;
  /** actual - target. */
  gap: number;
}

export interface Mix {
  /** The plan, as counts per week (default 2 niche-reference : 1 viral-disposable : 1 viral-evergreen). */
  plan: Record<QuadrantId, number>;
  entries: MixEntry[];
  /** The quadrant furthest from its target, or null when nothing was split. */
  largestGap: MixEntry | null;
}

export interface Recommendation {
  /** The quadrant the advice is about; null for advice about the sample itself (too few posts). */
  quadrant: QuadrantId | null;
  text: string;
}

export interface QuadrantReport {
  kind: 'report';
  creator: Creator;
  window: {
    /** Posts in the window actually returned. */
    posts: number;
    /** Posts asked for. */
    requested: number;
    /** ISO time of the oldest and newest post, null when there are none. */
    from: string | null;
    to: string | null;
  };
  medians: Medians;
  /** Newest first. */
  posts: RatedPost[];
  counts: QuadrantCounts;
  flags: Flags;
  mix: Mix;
  /** One per quadrant, in QUADRANT_IDS order. */
  recommendations: Recommendation[];
  /** The single most useful next step for this creator. */
  headline: Recommendation | null;
  chartUrl: string | null;
  credits: number;
  fetchedAt: string;
  partial: boolean;
  demo: boolean;
  /** Set when the command's deadline cut the per-post fills (see CreatorPosts.deadlineExceeded). */
  deadlineExceeded?: boolean;
}

/** Two or more creators on shared axes. */
export interface CompareReport {
  kind: 'compare';
  /** Medians over every creator's split posts together. */
  pooledMedians: Medians;
  creators: Array<{
    /** The creator's own report (own medians, own counts). */
    report: QuadrantReport;
    /** The same posts counted against the pooled medians. */
    pooledCounts: QuadrantCounts;
  }>;
  chartUrl: string | null;
  credits: number;
  fetchedAt: string;
  demo: boolean;
}

/** One post placed against its creator's recent medians. */
export interface PostPlacement {
  kind: 'post';
  /** The post, rated against the baseline medians (index 0: it is not part of the window). */
  post: RatedPost;
  /** The creator's recent report the post is measured against. */
  baseline: QuadrantReport;
  chartUrl: string | null;
  credits: number;
  fetchedAt: string;
  demo: boolean;
}
