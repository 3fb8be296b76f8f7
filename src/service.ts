/**
 * The one entry point adapters, the CLI and the digest scheduler use.
 * It fetches (through a PostSource), computes (src/quadrants) and draws (src/chart); it never talks to a chat platform.
 */
import type { CompareReport, Creator, CreatorPosts, Post, PostPlacement, QuadrantReport } from './quadrants/types';

/** Where posts come from: TikLiveAPI (src/tikliveapi/source.ts) or the bundled demo data (src/demo/source.ts). */
export interface PostSource {
  /** Resolves user input (@name, name, profile URL, numeric id) to a creator. Throws QuadrantsError. */
  resolveCreator(input: string): Promise<Creator>;
  /** The newest `count` posts of a creator, newest first. Throws QuadrantsError. */
  getPosts(creator: Creator, count: number): Promise<CreatorPosts>;
  /** One post by its video URL, with its author. Throws QuadrantsError. */
  getPost(url: string): Promise<{ post: Post; creator: Creator; credits: number; fetchedAt: string }>;
}

export interface QuadrantsService {
  report(input: { creator: string; posts: number }): Promise<QuadrantReport>;
  /** Report for an already resolved creator (digests store the numeric id at subscribe time). */
  reportFor(creator: Creator, posts: number): Promise<QuadrantReport>;
  compare(input: { creators: string[]; posts: number }): Promise<CompareReport>;
  placePost(input: { url: string }): Promise<PostPlacement>;
  resolveCreator(input: string): Promise<Creator>;
  /** The chart as a PNG, for when the URL is too long for a platform (QuickChart POST /chart). */
  chartPng(report: QuadrantReport | CompareReport | PostPlacement): Promise<Buffer>;
}
