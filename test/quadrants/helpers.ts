import type { CreatorPosts, Post } from '../../src/quadrants/types';

let seq = 0;

/** A post with round numbers; createdAt decreases with each call unless given, so order = newest first. */
export function post(p: Partial<Post> & { views: number | null; shares: number | null; saves: number | null }): Post {
  seq += 1;
  return {
    id: String(7_300_000_000_000_000_000n + BigInt(seq)),
    title: `post ${seq}`,
    createdAt: 1_800_000_000 - seq * 3600,
    likes: 0,
    comments: 0,
    downloads: 0,
    pinned: false,
    isPhoto: false,
    ...p,
  };
}

export function creatorPosts(posts: Post[]): CreatorPosts {
  return {
    creator: { username: 'tester', userid: '6912345678901234567' },
    posts,
    credits: 1,
    fetchedAt: '2026-11-01T09:00:00.000Z',
    partial: false,
    demo: false,
  };
}
