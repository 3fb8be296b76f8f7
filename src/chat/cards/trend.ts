/**
 * The trend card: a creator's medians month by month, from stored snapshots (no credits), with
 * the quadrant mix of each month. Months without a report show as gaps, not as zeros.
 */
import type { Card } from '../card';
import { sentenceCard } from '../card';
import { formatRate } from '../format';
import { code, say, words } from '../inline';
import { SURFACES, type Surface } from '../surfaces';
import { QUADRANT_NAMES } from '../../quadrants/names';
import { QUADRANT_IDS } from '../../quadrants/types';
import type { Trend, TrendPeriod } from '../../trend/trend';

/** How to get a first snapshot, in the surface's syntax. */
function reportCommand(creator: string, surface: Surface): string {
  return SURFACES[surface].syntax === 'argv' ? `quadrants report @${creator}` : SURFACES[surface].syntax === 'options' ? `/quadrants report creator:@${creator}` : `/quadrants report @${creator}`;
}

/** The quadrant mix of one month, in the order the report lists quadrants. */
function mix(p: TrendPeriod): string {
  return QUADRANT_IDS.map((id) => `${QUADRANT_NAMES[id]} ${p.counts[id] ?? 0}`).join(', ');
}

/** The trend as a card; one sentence saying how to get a first snapshot when there is none. */
export function trendCard(t: Trend, surface: Surface): Card {
  const first = t.months.findIndex((m) => m.snapshot !== null);
  if (first < 0) {
    return sentenceCard(
      say`No report of @${t.creator} is stored for this ${SURFACES[surface].place} in the last 12 months, so there is no trend yet: run ${code(reportCommand(t.creator, surface))}${SURFACES[surface].syntax === 'argv' ? words(' with DATABASE_URL set') : words('')} (or let a digest run) and each month's latest report is kept for the trend from then on.`,
    );
  }
  const shown = t.months.slice(first);
  const items = shown.map((m) =>
    m.snapshot
      ? { text: say`${m.period}: median share rate ${formatRate(m.snapshot.medianShareRate)}, median save rate ${formatRate(m.snapshot.medianSaveRate)}, ${String(m.snapshot.posts)} posts (${mix(m.snapshot)})` }
      : { text: say`${m.period}: no report that month (a gap)` },
  );
  const reported = shown.filter((m) => m.snapshot).length;
  return {
    title: say`@${t.creator}: medians by month`,
    summary: say`@${t.creator}'s median share and save rates over ${String(reported)} month${reported === 1 ? '' : 's'} of reports.`,
    blocks: [{ kind: 'list', title: null, items }],
    footer: [words("Each month shows that month's latest report kept here; no TikLiveAPI credits were spent.")],
    tone: 'normal',
  };
}
