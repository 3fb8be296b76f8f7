/**
 * The digest's chart hears the digest's cadence: last period's typical post is labelled "last
 * week" on a weekly digest and "last month" on a monthly one, as drawn.
 */
import { digestReply } from '../../src/chat/actions/digest';
import type { ChartTools } from '../../src/chat/chart-delivery';
import { drawLocal } from '../../src/chart/local';
import { createLocalRenderer } from '../../src/chart/renderer';
import { sampleDigest } from '../../src/chart/samples';
import type { ChartConfig } from '../../src/chart/types';
import { computeDrift } from '../../src/digest/drift';
import { subscription } from '../chat/fixtures';

function drawnDigestNotes(cadence: 'weekly' | 'monthly'): string[] {
  const { report, previous } = sampleDigest();
  const seen: ChartConfig[] = [];
  const renderer = createLocalRenderer();
  const tools: ChartTools = {
    charts: { ...renderer, url: (c) => (seen.push(c), renderer.url(c)) },
    chartDelivery: () => 'upload',
  };
  const drift = computeDrift(
    { period: '2026-10', shareMedian: previous.shareRate, saveMedian: previous.saveRate, downloadMedian: null, counts: {}, templateIds: [], deadShare: false, deadFraction: 0 } as never,
    report,
  );
  const sub = { ...subscription('slack'), cadence };
  digestReply({ subscription: sub, period: '2026-11', report, drift, noNewPosts: false, idempotencyKey: 'qd-7-2026-11', nextRunAt: '2026-12-01T08:00:00.000Z', timezone: 'Europe/Berlin' }, { tools });
  expect(seen).toHaveLength(1);
  return drawLocal(seen[0]!).labels.filter((l) => l.kind === 'annotation').map((l) => l.text);
}

describe('digest chart cadence', () => {
  it('a weekly digest says "last week" on its chart', () => {
    const notes = drawnDigestNotes('weekly');
    expect(notes).toContain('last week');
    expect(notes.join(' ')).not.toContain('month');
  });

  it('a monthly digest says "last month" on its chart', () => {
    expect(drawnDigestNotes('monthly')).toContain('last month');
  });
});
