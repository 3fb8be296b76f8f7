/**
 * Post placement: one post measured against its creator's recent medians.
 */
import { classify } from './classify';
import { ratesFor } from './rates';
import { isTemplate } from './templates';
import type { Post, PostPlacement, QuadrantReport, RatedPost } from './types';

export function placePost(
  post: Post,
  baseline: QuadrantReport,
  meta: { credits: number; fetchedAt: string; demo: boolean },
): PostPlacement {
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
