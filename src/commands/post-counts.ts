/**
 * Posts a report maps by default, and the range a user may ask for. On their own (no zod) so the
 * command line can name a report's first request before the parser loads (src/ops/early-report.ts).
 */
export const DEFAULT_POSTS = 10;
export const MIN_POSTS = 5;
export const MAX_POSTS = 35;
