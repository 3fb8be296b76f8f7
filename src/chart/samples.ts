/**
 * Sample charts from the bundled demo data: the pictures in docs/, the pixel tests and the chart
 * bench all draw these, so what the README shows is what is tested and measured.
 */
import { DEMO_CREATORS } from '../demo/data';
import { buildCompare } from '../quadrants/compare';
import { placePost } from '../quadrants/placement';
import { buildReport, mediansOf, ratePosts } from '../quadrants/report';
import type { CompareReport, CreatorPosts, Medians, PostPlacement, QuadrantReport } from '../quadrants/types';
import { DEMO_FETCHED_AT } from '../demo/data';
import { buildTrend, snapshotOf, type SnapshotPlace, type Trend } from '../trend/trend';
import type { CreatorSnapshot } from '../store/snapshots';
import { SLACK } from '../platforms';

function creatorData(i: number, count: number, skip = 0): CreatorPosts {
  const d = DEMO_CREATORS[i % DEMO_CREATORS.length]!;
  const posts = [...d.posts].sort((a, b) => b.createdAt - a.createdAt).slice(skip, skip + count).map((p) => ({ ...p }));
  return { creator: { ...d.creator }, posts, credits: 0, fetchedAt: DEMO_FETCHED_AT, partial: false, demo: true };
}

/** The demo report (`npm run demo`): the first demo creator's last `posts` posts. */
export function sampleReport(posts = 10, creator = 0): QuadrantReport {
  return buildReport(creatorData(creator, posts), posts);
}

/** The three demo creators compared over `posts` posts each. */
export function sampleCompare(posts = 35, creators = 3): CompareReport {
  return buildCompare(Array.from({ length: creators }, (_, i) => creatorData(i, posts)), posts);
}

/** A digest: this period's `posts` posts, and the medians of the `posts` before them. */
export function sampleDigest(posts = 15, creator = 1): { report: QuadrantReport; previous: Medians } {
  const report = buildReport(creatorData(creator, posts), posts);
  const previous = mediansOf(ratePosts(creatorData(creator, posts, posts), 1));
  return { report, previous };
}

/** A placement of the demo creator's post number `index` (1 = newest) against its recent posts. */
export function samplePlacement(index = 3, window = 10, creator = 0): PostPlacement {
  const data = creatorData(creator, window);
  const post = data.posts[index - 1]!;
  return placePost(post, buildReport(data, window), { credits: 0, fetchedAt: DEMO_FETCHED_AT, demo: true });
}

/**
 * A sample trend for docs/chart-trend.png: the first demo creator's reports of 10 posts, each
 * month a few posts further back, filed under the eight months to December 2026 with October
 * left out (a gap, as when no report ran that month).
 */
/** Seven monthly snapshots of demo creator 0 (October missing: a gap), filed under `place`. */
export function sampleTrendSnapshots(place: SnapshotPlace = { platform: SLACK, workspaceId: 'T-demo' }): CreatorSnapshot[] {
  const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-11', '2026-12'];
  return months.map((period, i) => snapshotOf(buildReport(creatorData(0, 10, (months.length - 1 - i) * 3), 10), place, new Date(`${period}-15T09:00:00Z`)));
}

export function sampleTrend(): Trend {
  const snapshots = sampleTrendSnapshots();
  return buildTrend(snapshots[0]?.username ?? 'mossy.kitchen', snapshots, new Date('2026-12-20T09:00:00Z'));
}
