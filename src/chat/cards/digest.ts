/**
 * Digest cards: the report card with what changed since the last digest, and the one line sent
 * when a creator has nothing new. Used by the scheduled digests and by `digest @creator` previews.
 */
import { describeDrift } from '../../digest/drift';
import { creatorLabel, formatLocal } from '../../digest/format';
import type { Drift } from '../../digest/types';
import type { QuadrantReport } from '../../quadrants/types';
import type { Subscription } from '../../store/types';
import type { Card, CardChart } from '../card';
import { sentenceCard } from '../card';
import { say, strong, words, type Inline } from '../inline';
import type { Surface } from '../surfaces';
import { reportCard } from './report';

/** The drift as a titled list; every line is our own words and numbers. */
function driftBlock(drift: Drift): Card['blocks'][number] {
  const [title = 'What changed', ...lines] = describeDrift(drift);
  return { kind: 'list', title: [strong(title)], items: lines.map((l) => ({ text: words(l) })) };
}

export interface DigestCardInput {
  report: QuadrantReport;
  drift: Drift | null;
  /** The digest's own small print: cadence, time zone, next run (see digestFooter). */
  footer: Inline;
  charts?: CardChart[];
  breakdown: Surface | null;
}

/** The digest: the report card, the drift right after the next step, and the digest's footer. */
export function digestCard(input: DigestCardInput): Card {
  const card = reportCard(input.report, { breakdown: input.breakdown, ...(input.charts ? { charts: input.charts } : {}) });
  const blocks = [...card.blocks];
  if (input.drift) blocks.splice(input.report.headline ? 1 : 0, 0, driftBlock(input.drift));
  return { ...card, blocks, footer: [...card.footer, input.footer] };
}

/** "Monthly digest · times in Europe/Berlin · next digest Fri 1 Jan 2027, 09:00". */
export function digestFooter(cadence: Subscription['cadence'], timezone: string, nextRunAt: string): Inline {
  const next = formatLocal(new Date(nextRunAt), timezone);
  return say`${words(cadence === 'weekly' ? 'Weekly' : 'Monthly')} digest · times in ${timezone} · next digest ${words(next)}`;
}

/** The preview's footer: when the real digest comes, or that there is none yet. */
export function previewFooter(timezone: string, nextRunAt: string | null): Inline {
  return nextRunAt
    ? say`Preview · times in ${timezone} · next digest ${words(formatLocal(new Date(nextRunAt), timezone))}`
    : words('Preview · this channel has no digest for this creator yet.');
}

/** The single line posted instead of a map when the creator published nothing new. */
export function noNewPostsCard(subscription: Pick<Subscription, 'creatorUsername' | 'creatorUserid'>, footer: Inline): Card {
  const sentence = say`${creatorLabel(subscription)} has not posted anything new since the last digest, so there is no new map this time.`;
  return { ...sentenceCard(sentence), footer: [footer] };
}
