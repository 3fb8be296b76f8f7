/**
 * Reports built by the real engine from synthetic posts, for render tests (no I/O).
 */
import { buildReport } from '../../src/quadrants/report';
import type { CreatorPosts, Post, QuadrantReport } from '../../src/quadrants/types';

/** A post with deterministic, varied counters (index 0 is the newest). */
export function post(i: number, overrides: Partial<Post> = {}): Post {
  const views = 10_000 + i * 1_000;
  return {
    id: `7398700011122${String(233344 + i)}`,
    title: `Post number ${i}`,
    createdAt: 1_777_000_000 - i * 86_400,
    views,
    likes: 500 + i,
    comments: 20 + i,
    shares: ((i * 37) % 11) * 10 + 5,
    saves: ((i * 53) % 13) * 12 + 3,
    downloads: i === 2 ? 400 : (i % 5) + 1,
    pinned: false,
    isPhoto: false,
    ...overrides,
  };
}

export function creatorPosts(count: number, map: (p: Post, i: number) => Post = (p) => p): CreatorPosts {
  return {
    creator: { username: 'mossy.kitchen', userid: '6812345678901234567' },
    posts: Array.from({ length: count }, (_, i) => map(post(i), i)),
    credits: 2,
    fetchedAt: '2026-05-01T09:00:00.000Z',
    partial: false,
    demo: false,
  };
}

export function sampleReport(count = 10, map?: (p: Post, i: number) => Post, chartUrl: string | null = 'https://quickchart.example/chart?c=short'): QuadrantReport {
  const r = buildReport(creatorPosts(count, map), count);
  r.chartUrl = chartUrl;
  return r;
}
