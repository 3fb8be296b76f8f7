/**
 * A scheduled digest as a reply: the same card, chart and breakdown thread on every surface.
 * The digest's delivery (idempotency, retries) stays with the digest engine and each surface's
 * DigestDelivery; this only says what the message is.
 */
import type { Digest } from '../../digest/types';
import type { QuadrantReport } from '../../quadrants/types';
import type { Reply } from '../card';
import { breakdownCard, breakdownThreadName } from '../cards/breakdown';
import { digestCard, digestFooter, noNewPostsCard } from '../cards/digest';
import { words, type Inline } from '../inline';
import type { Surface } from '../surfaces';
import { chartOf } from './results';

/**
 * The digest's reply. `marker` is appended to the footer (surfaces that find posted digests by a
 * footer marker pass it); `chartPng` renders the chart when its URL cannot be used.
 */
export function digestReply(digest: Digest, options: { marker?: string; chartPng?: (report: QuadrantReport) => Promise<Buffer> } = {}): Reply {
  const surface: Surface = digest.subscription.platform;
  const footerParts: Inline = [...digestFooter(digest.subscription.cadence, digest.timezone, digest.nextRunAt), ...(options.marker ? words(` · ${options.marker}`) : [])];
  const report = digest.report;
  if (digest.noNewPosts || report === null) {
    return { visibility: 'public', card: noNewPostsCard(digest.subscription, footerParts), thread: [] };
  }
  const chart = chartOf(report);
  const breakdown = report.posts.length > 0;
  const png = options.chartPng;
  return {
    visibility: 'public',
    card: digestCard({ report, drift: digest.drift, footer: footerParts, breakdown: breakdown ? surface : null, ...(chart ? { chart } : {}) }),
    thread: breakdown ? [breakdownCard(report)] : [],
    threadName: breakdownThreadName(report),
    ...(chart && png ? { png: () => png(report) } : {}),
  };
}
