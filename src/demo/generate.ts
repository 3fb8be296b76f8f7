/**
 * Turns a demo creator profile into posts: a seeded generator, so the bundled dataset is the
 * same on every machine and every run, with magnitudes that look like real TikTok accounts.
 */
import type { Post } from '../quadrants/types';

/**
 * Post archetypes, one letter per post, newest first:
 * E high shares + high saves, R low shares + high saves, V high shares + low saves,
 * D low on both, Z just published (no views yet).
 */
export type Archetype = 'E' | 'R' | 'V' | 'D' | 'Z';

export interface DemoProfile {
  username: string;
  userid: string;
  /** First 19-digit video id; later posts count down from it. */
  firstVideoId: bigint;
  seed: number;
  /** Typical views, low and high end (the generator spreads posts log-uniformly between them). */
  views: [number, number];
  /** Share and save rates (fractions) for the low and high end of each axis. */
  shareRate: { low: [number, number]; high: [number, number] };
  saveRate: { low: [number, number]; high: [number, number] };
  /** Newest first; its length is the number of regular posts. */
  pattern: string;
  /** Indexes (0 = newest) of posts that other creators download as templates. */
  templates: number[];
  titles: readonly string[];
  /** An old post the creator pinned to the top of their profile (listed first, like the live feed). */
  pinned: { title: string; daysAgo: number; views: number; shares: number; saves: number; downloads: number };
}

/** Deterministic 32-bit PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400;

function between(rand: () => number, [lo, hi]: [number, number]): number {
  return lo + (hi - lo) * rand();
}

function logBetween(rand: () => number, [lo, hi]: [number, number]): number {
  return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rand());
}

function archetypeAt(profile: DemoProfile, i: number): Archetype {
  const a = profile.pattern[i];
  if (a === 'E' || a === 'R' || a === 'V' || a === 'D' || a === 'Z') return a;
  throw new Error(`demo profile ${profile.username}: bad archetype at ${i}`);
}

/** The creator's posts in feed order: the pinned post first, then newest first. */
export function generatePosts(profile: DemoProfile, referenceTime: number): Post[] {
  const rand = prng(profile.seed);
  const posts: Post[] = [];
  let createdAt = referenceTime - 5 * 3600;
  for (let i = 0; i < profile.pattern.length; i++) {
    const kind = archetypeAt(profile, i);
    const id = String(profile.firstVideoId - BigInt(i) * 104_729n);
    // Titles repeat as a series ("… (part 2)") once the list runs out.
    const round = Math.floor(i / profile.titles.length);
    const title = `${profile.titles[i % profile.titles.length] as string}${round > 0 ? ` (part ${round + 1})` : ''}`;
    if (kind === 'Z') {
      posts.push({ id, title, createdAt, views: 0, likes: 0, comments: 0, shares: 0, saves: 0, downloads: 0, pinned: false, isPhoto: false });
    } else {
      // Posts that travel (E, V) reach more people than the ones that do not.
      const boost = kind === 'E' || kind === 'V' ? 2.5 : 1;
      const views = Math.round(Math.min(profile.views[1] * 1.5, logBetween(rand, profile.views) * boost));
      const share = between(rand, kind === 'E' || kind === 'V' ? profile.shareRate.high : profile.shareRate.low);
      const save = between(rand, kind === 'E' || kind === 'R' ? profile.saveRate.high : profile.saveRate.low);
      const downloadRate = profile.templates.includes(i) ? between(rand, [0.004, 0.009]) : between(rand, [0.00002, 0.00015]);
      posts.push({
        id,
        title,
        createdAt,
        views,
        likes: Math.round(views * between(rand, [0.035, 0.11])),
        comments: Math.round(views * between(rand, [0.0008, 0.006])),
        shares: Math.round(views * share),
        saves: Math.round(views * save),
        downloads: Math.round(views * downloadRate),
        pinned: false,
        isPhoto: false,
      });
    }
    // One post every one to three days, at varying times of day.
    createdAt -= Math.round(DAY + 2 * DAY * rand());
  }
  const p = profile.pinned;
  const pinned: Post = {
    id: String(profile.firstVideoId - 9_000_000_000_000n),
    title: p.title,
    createdAt: referenceTime - p.daysAgo * DAY,
    views: p.views,
    likes: Math.round(p.views * 0.09),
    comments: Math.round(p.views * 0.004),
    shares: p.shares,
    saves: p.saves,
    downloads: p.downloads,
    pinned: true,
    isPhoto: false,
  };
  return [pinned, ...posts];
}
