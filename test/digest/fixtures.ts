/** Two months of posts with hand-computed medians, counts, templates and dead share (see drift.test.ts). */
import type { Post } from '../../src/quadrants/types';
import { post } from '../fakes/digest-service';

const v = 10_000;
const p = (id: string, t: number, share: number, save: number, downloads = 5): Post =>
  post(id, t, { views: v, shares: share * v, saves: save * v, downloads });

/**
 * November: share and save medians 1.5%; viral evergreen 2, niche reference 1, viral disposable 1,
 * dead 2 (a third: over the line); no templates.
 */
export const NOVEMBER: Post[] = [
  p('p1', 1_000, 0.01, 0.01),
  p('p2', 1_001, 0.02, 0.02),
  p('p3', 1_002, 0.03, 0.01),
  p('p4', 1_003, 0.04, 0.04),
  p('p5', 1_004, 0.01, 0.03),
  p('p6', 1_005, 0.01, 0.01),
];

/**
 * December (six new posts): medians 2.5%; viral evergreen 1, niche reference 2, viral disposable 2,
 * dead 1 (a sixth: fell below a third); q5 (chart #2) is a template.
 */
export const DECEMBER: Post[] = [
  p('q1', 2_000, 0.01, 0.05),
  p('q2', 2_001, 0.05, 0.01),
  p('q3', 2_002, 0.02, 0.04),
  p('q4', 2_003, 0.04, 0.02),
  p('q5', 2_004, 0.03, 0.03, 100),
  p('q6', 2_005, 0.01, 0.01),
];
