/** The platform-neutral digest engine: schedule, runs, subscriptions and the ports adapters implement. */
export * from './types';
export { computeDrift, describeDrift, rateMove } from './drift';
export { creatorLabel, describeSchedule, footerText, formatLocal, noNewPostsLine, safeHandle } from './format';
export { idempotencyKey } from './prepare';
export {
  cronExpression,
  dueAt,
  mostRecentDuePeriod,
  nextRunAt,
  periodFor,
  shiftPeriod,
  validateSchedule,
  type Schedulable,
} from './schedule';
export { canonicalTimeZone, isValidTimeZone } from './zoned';
export { runDueDigests, type RunDueOptions, type RunSummary, type RunOutcome, type DigestOutcome } from './runner';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { DEFAULT_PACING, type PacingRule } from './pacing';
export { startDigestScheduler, type DigestScheduler, type DigestSchedulerOptions } from './scheduler';
export {
  createSubscriptionService,
  DEFAULT_SUBSCRIPTION_DEFAULTS,
  type DigestPreview,
  type SubscriptionChange,
  type SubscriptionDefaults,
  type SubscriptionListing,
  type SubscriptionService,
} from './subscriptions';
export { DIGEST_CLI_HELP, DIGEST_EXIT, digestExitCode, digestList, digestRun, formatRunSummary, type DigestRunOptions, type DigestRunResult } from './cli';
