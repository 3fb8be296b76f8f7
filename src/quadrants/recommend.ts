/**
 * Advice, in our own words: one recommendation per quadrant and a headline — the single most
 * useful next step. Post references use breakdown numbers ("post 3"), never titles, so no
 * untrusted text enters the advice.
 */
import type { Flags, Mix, QuadrantCounts, QuadrantId, RatedPost, Recommendation } from './types';

/** "Post 2" or "Posts 1, 3 and 2 more", and whether the sentence needs a plural verb. */
function postList(posts: RatedPost[], quadrant: QuadrantId): Subject {
  // One pass that keeps only the first four numbers: windows can hold thousands of posts.
  const first: number[] = [];
  let count = 0;
  for (const p of posts) {
    if (p.quadrant !== quadrant) continue;
    if (first.length < 4) first.push(p.index);
    count++;
  }
  const shown = first.join(', ');
  const list = count > 4 ? `${shown} and ${count - 4} more` : shown;
  return { text: `${count === 1 ? 'Post' : 'Posts'} ${list}`, plural: count !== 1 };
}

interface Subject {
  text: string;
  plural: boolean;
}

const were = (s: Subject) => (s.plural ? 'were' : 'was');
const are = (s: Subject) => (s.plural ? 'are' : 'is');
const their = (s: Subject) => (s.plural ? 'their' : 'its');

const ADVICE: Record<QuadrantId, { some: (s: Subject) => string; none: string }> = {
  'viral-evergreen': {
    some: (s) =>
      `${s.text} ${were(s)} both passed on and kept: rebuild ${their(s)} pattern (a hook in the first second, a payoff worth keeping, a closing line worth quoting) and aim for one of these every week.`,
    none: 'Nothing landed top-right this time: take your best-saved post and remake it with a sharper hook and a closing line people will want to pass on.',
  },
  'niche-reference': {
    some: (s) =>
      `${s.text} ${are(s)} being kept for later, which is what turns viewers into followers: keep them dense with numbered steps, named products or techniques, and on-screen text that works muted.`,
    none: 'No reference posts this time: plan two a week that teach one specific thing (a checklist, a how-to, a named technique) with on-screen text viewers can come back to.',
  },
  'viral-disposable': {
    some: (s) =>
      `${s.text} travelled but ${were(s)} not kept: use this format for launches and reach, and add something worth saving (a list, a recipe card, a part two) to pull the next one top-right.`,
    none: 'Nothing was share-bait this time: once a week, write for the forward — the line your audience will quote when they send it on.',
  },
  dead: {
    some: (s) =>
      `${s.text} moved nobody to share or save: audit ${s.plural ? 'their' : 'its'} first second, because if nothing promises a payoff early, viewers never reach the buttons.`,
    none: 'No dead posts: every post earned shares or saves above at least one median. Keep the hooks that got you here.',
  },
};

export function recommendations(posts: RatedPost[], counts: QuadrantCounts): Recommendation[] {
  return (Object.keys(ADVICE) as QuadrantId[]).map((quadrant) => ({
    quadrant,
    text: counts[quadrant] > 0 ? ADVICE[quadrant].some(postList(posts, quadrant)) : ADVICE[quadrant].none,
  }));
}

export function headline(
  posts: RatedPost[],
  counts: QuadrantCounts,
  flags: Flags,
  mix: Mix,
  recs: Recommendation[],
): Recommendation | null {
  if (flags.noPosts) {
    return { quadrant: null, text: 'There are no public posts to map yet: check back once the creator has published a few.' };
  }
  if (flags.smallSample) {
    const placed = posts.reduce((n, p) => (p.excluded === null ? n + 1 : n), 0);
    return {
      quadrant: null,
      text: `Only ${placed} post${placed === 1 ? '' : 's'} had enough data to place, which is too few to split at the medians: run it again with more posts or once newer posts have gathered views.`,
    };
  }
  if (flags.allEqual) {
    return {
      quadrant: null,
      text: 'Every post has the same share and save rate, so there is nothing to split: widen the window to include posts that performed differently.',
    };
  }
  const byQuadrant = (q: QuadrantId) => recs.find((r) => r.quadrant === q) ?? null;
  if (flags.deadShare) return byQuadrant('dead');
  // The quadrant furthest below its planned share is the one to produce more of.
  const under = mix.entries.filter((e) => e.quadrant !== 'dead' && e.gap < 0).sort((a, b) => a.gap - b.gap)[0];
  if (under) return byQuadrant(under.quadrant);
  return counts['viral-evergreen'] > 0 ? byQuadrant('viral-evergreen') : byQuadrant('niche-reference');
}
