/**
 * A scheduled digest as a reply: the same card, chart and breakdown thread on every surface.
 * The digest's delivery (idempotency, retries) stays with the digest engine and each surface's
 * DigestDelivery; this only says what the message is.
 */
import type { Digest } from '../../digest/types';
import type { Reply } from '../card';
import { breakdownCard, breakdownThreadName } from '../cards/breakdown';
import { digestCard, digestFooter, noNewPostsCard } from '../cards/digest';
import type { ChartTools } from '../chart-delivery';
import { words, type Inline } from '../inline';
import type { Surface } from '../surfaces';
import { reportCharts } from './results';

/**
 * The digest's reply. `marker` is appended to the footer (surfaces that find posted digests by a
 * footer marker pass it); without `tools` the digest goes without a chart.
 */
export function digestReply(digest: Digest, options: { marker?: string; tools?: ChartTools } = {}): Reply {
  const surface: Surface = digest.subscription.platform;
  const footer: Inline = [...digestFooter(digest.subscription.cadence, digest.timezone, digest.nextRunAt), ...(options.marker ? words(` · ${options.marker}`) : [])];
  const report = digest.report;
  if (digest.noNewPosts || report === null) {
    return { visibility: 'public', card: noNewPostsCard(digest.subscription, footer), thread: [] };
  }
  const breakdown = report.posts.length > 0;
  const charts = options.tools ? reportCharts(report, options.tools, surface, digest.drift, digest.subscription.cadence) : [];
  return {
    visibility: 'public',
    card: digestCard({ report, drift: digest.drift, footer, breakdown: breakdown ? surface : null, charts }),
    thread: breakdown ? [breakdownCard(report)] : [],
    threadName: breakdownThreadName(report),
  };
}
