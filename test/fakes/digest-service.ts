/**
 * A stand-in QuadrantsService for digest tests: synthetic creators, real report maths
 * (src/quadrants/report.ts), per-creator call counts, optional latency and fault injection.
 * No jest globals: the benchmark and child-process tests import it too.
 */
import { chargeCredits } from '../../src/budget/ledger';
import { QuadrantsError } from '../../src/errors';
import { buildReport } from '../../src/quadrants/report';
import type { Creator, Post, QuadrantReport } from '../../src/quadrants/types';

export interface SyntheticCreator {
  username: string;
  userid: string;
  posts: Post[];
}

export interface DigestServiceOptions {
  creators: SyntheticCreator[];
  /** Simulated upstream latency per report. */
  latencyMs?: number;
  /** Return an error to throw for this creator's fetch. */
  fail?: (userid: string, call: number) => Error | undefined;
  /** Runs before the report resolves (a never-settling promise simulates a crash while fetching). */
  beforeReport?: (creator: Creator) => Promise<void>;
}

export interface DigestTestService {
  resolveCreator(input: string): Promise<Creator>;
  reportFor(creator: Creator, posts: number): Promise<QuadrantReport>;
  /** Report calls per userid. */
  readonly calls: Map<string, number>;
  readonly resolveCalls: number;
  /** Sum of credits charged (one per successful report). */
  readonly credits: number;
  setPosts(userid: string, posts: Post[]): void;
}

export function createDigestService(options: DigestServiceOptions): DigestTestService {
  const byId = new Map(options.creators.map((c) => [c.userid, { ...c }]));
  const calls = new Map<string, number>();
  let resolveCalls = 0;
  let credits = 0;
  return {
    calls,
    get resolveCalls() {
      return resolveCalls;
    },
    get credits() {
      return credits;
    },
    setPosts(userid, posts) {
      const c = byId.get(userid);
      if (c) c.posts = posts;
    },
    async resolveCreator(input) {
      resolveCalls += 1;
      const name = input.trim().replace(/^@+/, '').toLowerCase();
      for (const c of byId.values()) if (c.username.toLowerCase() === name || c.userid === name) return { username: c.username, userid: c.userid };
      throw new QuadrantsError('CREATOR_NOT_FOUND', `no creator ${name.slice(0, 40)}`);
    },
    async reportFor(creator, count) {
      const n = (calls.get(creator.userid) ?? 0) + 1;
      calls.set(creator.userid, n);
      if (options.beforeReport) await options.beforeReport(creator);
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const err = options.fail?.(creator.userid, n);
      if (err) throw err;
      const c = byId.get(creator.userid);
      if (!c) throw new QuadrantsError('CREATOR_NOT_FOUND', 'unknown creator');
      credits += 1;
      // As the HTTP client does for a live source: the credit goes to the ledger of the work running.
      chargeCredits(1);
      const posts = [...c.posts].sort((a, b) => b.createdAt - a.createdAt).slice(0, count);
      return buildReport(
        { creator: { username: c.username, userid: c.userid }, posts, credits: 1, fetchedAt: new Date(0).toISOString(), partial: false, demo: false },
        count,
      );
    },
  };
}

/** A post with the given counters (views 10,000 unless set). */
export function post(id: string, createdAt: number, counters: Partial<Pick<Post, 'views' | 'shares' | 'saves' | 'downloads'>> = {}): Post {
  return {
    id,
    title: `post ${id}`,
    createdAt,
    views: counters.views ?? 10_000,
    likes: 100,
    comments: 10,
    shares: counters.shares ?? 100,
    saves: counters.saves ?? 100,
    downloads: counters.downloads ?? 5,
    pinned: false,
    isPhoto: false,
  };
}

/** `count` varied posts ending at `newest` (unix s), one a day, deterministic from `seed`. */
export function syntheticPosts(seed: number, count: number, newest: number): Post[] {
  const out: Post[] = [];
  let x = seed * 7919 + 17;
  const next = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  for (let i = 0; i < count; i += 1) {
    const views = 5_000 + Math.floor(next() * 50_000);
    out.push(
      post(`${seed}-${newest - i * 86_400}`, newest - i * 86_400, {
        views,
        shares: Math.floor(views * next() * 0.02),
        saves: Math.floor(views * next() * 0.02),
        downloads: Math.floor(views * next() * 0.002),
      }),
    );
  }
  return out;
}
