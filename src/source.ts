/**
 * The contract a post source keeps (TikLiveAPI, the bundled demo data), on the ground floor so the
 * sources and the service that consumes them both depend on it and never on each other.
 */
import type { Creator, CreatorPosts, Post } from './quadrants/types';

/** Per-call options a command passes down to its source. */
export interface SourceCallOptions {
  /**
   * Aborts when the command's deadline passes. Its `reason` is the QuadrantsError to answer with
   * when nothing useful is in hand; a source that has part of the answer returns that instead.
   */
  signal?: AbortSignal;
}

/** Where posts come from: TikLiveAPI (src/tikliveapi/source.ts) or the bundled demo data (src/demo/source.ts). */
export interface PostSource {
  /** Resolves user input (@name, name, profile URL, numeric id) to a creator. Throws QuadrantsError. */
  resolveCreator(input: string, call?: SourceCallOptions): Promise<Creator>;
  /**
   * The newest `count` posts of a creator, newest first. Throws QuadrantsError.
   * `creator.userid` may be empty: the source then resolves the username itself and counts that
   * lookup in `credits`, so a report states everything it spent.
   */
  getPosts(creator: Creator, count: number, call?: SourceCallOptions): Promise<CreatorPosts>;
  /** One post by its video URL, with its author. Throws QuadrantsError. */
  getPost(url: string, call?: SourceCallOptions): Promise<{ post: Post; creator: Creator; credits: number; fetchedAt: string }>;
}
