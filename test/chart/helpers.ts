import { buildReport } from '../../src/quadrants/report';
import type { CreatorPosts, Post, QuadrantReport } from '../../src/quadrants/types';

/** A post with the given counters; index i sets a distinct id and date (0 = newest). */
export function makePost(i: number, p: Partial<Post> = {}): Post {
  return {
    id: String(7_410_000_000_000_000_000n + BigInt(i)),
    title: `post ${i}`,
    createdAt: 1_790_000_000 - i * 86_400,
    views: 10_000,
    likes: 500,
    comments: 20,
    shares: 100,
    saves: 200,
    downloads: 3,
    pinned: false,
    isPhoto: false,
    ...p,
  };
}

export function creatorPosts(posts: Post[], over: Partial<CreatorPosts> = {}): CreatorPosts {
  return {
    creator: { username: 'chart.tester', userid: '6912345678901234567' },
    posts,
    credits: 1,
    fetchedAt: '2026-11-01T09:00:00.000Z',
    partial: false,
    demo: false,
    ...over,
  };
}

/**
 * Worst case for URL length: every rate rounds to six characters ("0.0123"-style values need the
 * most digits), and every post is placeable.
 */
export function worstCaseReport(n: number): QuadrantReport {
  const posts = Array.from({ length: n }, (_, i) =>
    makePost(i, { views: 9_876_543, shares: 1_011 + i * 37, saves: 1_013 + ((i * 53) % 900), downloads: 17 }),
  );
  return buildReport(creatorPosts(posts), n);
}

/** A varied, realistic report of `n` posts. */
export function variedReport(n: number, map: (p: Post, i: number) => Post = (p) => p): QuadrantReport {
  const posts = Array.from({ length: n }, (_, i) =>
    map(makePost(i, { views: 5_000 + i * 7_919, shares: 20 + ((i * 37) % 300), saves: 30 + ((i * 61) % 500), downloads: i % 4 }), i),
  );
  return buildReport(creatorPosts(posts), n);
}
