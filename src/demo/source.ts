/**
 * A PostSource answering from the bundled demo dataset: no network, no credits. Input goes
 * through the same parsers as the live source, so what is accepted or refused is identical.
 */
import { parseCreatorInput } from '../commands/creator';
import { parseVideoUrl, videoIdFromUrl } from '../commands/video-url';
import { QuadrantsError } from '../errors';
import type { Creator, CreatorPosts, Post } from '../quadrants/types';
import type { PostSource } from '../source';
import { DEMO_CREATORS, DEMO_FETCHED_AT, demoHandles, type DemoCreator } from './data';

function notFound(): QuadrantsError {
  return new QuadrantsError('CREATOR_NOT_FOUND', 'creator not in the demo dataset', {
    userMessage: `The demo data only has ${demoHandles()}; try one of those, or set TIKLIVEAPI_KEY for live data.`,
  });
}

function find(creator: Creator): DemoCreator | undefined {
  const name = creator.username.toLowerCase();
  return DEMO_CREATORS.find((d) => (creator.userid !== '' && d.creator.userid === creator.userid) || (name !== '' && d.creator.username === name));
}

function copy(post: Post): Post {
  return { ...post };
}

/** The demo PostSource (see src/service.ts). */
export function createDemoSource(): PostSource {
  return {
    async resolveCreator(input: string): Promise<Creator> {
      const parsed = parseCreatorInput(input);
      const hit = find(parsed.kind === 'userid' ? { username: '', userid: parsed.userid } : { username: parsed.username, userid: '' });
      if (!hit) throw notFound();
      return { ...hit.creator };
    },

    async getPosts(creator: Creator, count: number): Promise<CreatorPosts> {
      if (!Number.isInteger(count) || count < 1 || count > 100) {
        throw new QuadrantsError('BAD_INPUT', `posts count ${String(count)} out of range`);
      }
      const hit = find(creator);
      if (!hit) throw notFound();
      // Like the live source: the newest `count` posts by date, so an old pinned post drops out.
      const posts = [...hit.posts].sort((a, b) => b.createdAt - a.createdAt).slice(0, count).map(copy);
      return { creator: { ...hit.creator }, posts, credits: 0, fetchedAt: DEMO_FETCHED_AT, partial: false, demo: true };
    },

    async getPost(url: string) {
      const id = videoIdFromUrl(parseVideoUrl(url));
      for (const d of DEMO_CREATORS) {
        const post = d.posts.find((p) => p.id === id);
        if (post) return { post: copy(post), creator: { ...d.creator }, credits: 0, fetchedAt: DEMO_FETCHED_AT };
      }
      throw new QuadrantsError('POST_NOT_FOUND', 'post not in the demo dataset', {
        userMessage: `That video is not in the demo data; paste a full video link of ${demoHandles()}, or set TIKLIVEAPI_KEY for live data.`,
      });
    },
  };
}
