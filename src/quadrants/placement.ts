/**
 * Post placement: one post measured against its creator's recent medians. When the post is one of
 * those recent posts, it is taken out of them first: a post is never measured against itself.
 */
import { classify } from './classify';
import { ratesFor } from './rates';
import { buildReport } from './report';
import { isTemplate } from './templates';
import type { Post, PostPlacement, QuadrantReport, RatedPost } from './types';

/** The baseline without the post `id` (rebuilt, so medians, quadrants and numbers are its peers' only). */
export function withoutPost(baseline: QuadrantReport, id: string): QuadrantReport {
  if (!baseline.posts.some((p) => p.id === id)) return baseline;
  const peers = baseline.posts.filter((p) => p.id !== id);
  const rebuilt = buildReport(
    { creator: baseline.creator, posts: peers, credits: baseline.credits, fetchedAt: baseline.fetchedAt, partial: baseline.partial, demo: baseline.demo },
    baseline.window.requested,
    { minViews: baseline.flags.minViews },
  );
  return { ...rebuilt, chartUrl: null };
}

export function placePost(
  post: Post,
  window: QuadrantReport,
  meta: { credits: number; fetchedAt: string; demo: boolean },
): PostPlacement {
  const baseline = withoutPost(window, post.id);
  const rates = ratesFor(post, baseline.flags.minViews);
  const rated: RatedPost = { ...post, index: 0, ...rates, quadrant: null, template: false };
  const m = baseline.medians;
  const canSplit = !baseline.flags.smallSample && !baseline.flags.noPosts && !baseline.flags.allEqual;
  if (rated.excluded === null && canSplit && m.shareRate !== null && m.saveRate !== null) {
    rated.quadrant = classify(rated.shareRate as number, rated.saveRate as number, { shareRate: m.shareRate, saveRate: m.saveRate });
  }
  const baselineSize = baseline.posts.filter((p) => p.downloadRate !== null).length;
  rated.template = isTemplate(rated.downloadRate, rated.downloads, m.downloadRate, baselineSize);
  return {
    kind: 'post',
    post: rated,
    baseline,
    chartUrl: null,
    credits: meta.credits + baseline.credits,
    fetchedAt: meta.fetchedAt,
    demo: meta.demo,
  };
}
