/**
 * The template flag: posts other creators are downloading to reuse (stitch, remake, repost).
 *
 * Rule: a post is a template when ALL of these hold
 *  - at least TEMPLATE_MIN_BASELINE posts in the window have a download rate, so "usual" means something;
 *  - its download rate is at least TEMPLATE_MULTIPLIER times the creator's median download rate;
 *  - its download rate is at least TEMPLATE_MIN_RATE (5 downloads per 10,000 views), so a creator who
 *    almost never gets downloads is not flagged for a couple of stray ones;
 *  - it has at least TEMPLATE_MIN_DOWNLOADS downloads in absolute terms.
 */
export const TEMPLATE_MULTIPLIER = 3;
export const TEMPLATE_MIN_RATE = 0.0005;
export const TEMPLATE_MIN_DOWNLOADS = 10;
export const TEMPLATE_MIN_BASELINE = 3;
/**
 * Rates are quotients of counts, so "exactly 3×" can land a rounding error below 3 × the median
 * (12 / 20,000 against 3 × 0.0002): thresholds are met within this relative margin.
 */
const ROUNDING = 1e-9;

export const TEMPLATE_RULE =
  `download rate at least ${TEMPLATE_MULTIPLIER}× the creator's median, at least ` +
  `${TEMPLATE_MIN_RATE * 100}% of views and at least ${TEMPLATE_MIN_DOWNLOADS} downloads`;

export function isTemplate(
  downloadRate: number | null,
  downloads: number | null,
  medianDownloadRate: number | null,
  baselineSize: number,
): boolean {
  if (downloadRate === null || downloads === null || medianDownloadRate === null) return false;
  if (baselineSize < TEMPLATE_MIN_BASELINE) return false;
  return (
    downloadRate >= TEMPLATE_MULTIPLIER * medianDownloadRate * (1 - ROUNDING) &&
    downloadRate >= TEMPLATE_MIN_RATE * (1 - ROUNDING) &&
    downloads >= TEMPLATE_MIN_DOWNLOADS
  );
}
