/**
 * Wraps the QuadrantsService for operation: every call is tracked by the InFlight gate (so
 * shutdown waits for it and refuses new ones), and upstream failures are logged as
 * `upstream.error` and remembered for /readyz. The service itself logs `report.done` and friends.
 */
import { QuadrantsError, type ErrorCode } from '../errors';
import type { Logger } from '../log';
import type { QuadrantsService } from '../service';
import { ShuttingDownError, type InFlight } from './inflight';
import type { Readiness } from './readiness';

/** Error codes that mean "something outside us failed", as opposed to bad user input. */
const UPSTREAM_CODES: ReadonlySet<ErrorCode> = new Set([
  'BAD_API_KEY',
  'OUT_OF_CREDITS',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'MALFORMED_DATA',
  'CHART_UNAVAILABLE',
]);

/** True for errors worth an `upstream.error` line and a /readyz entry. */
export function isUpstreamError(err: unknown): err is QuadrantsError {
  return err instanceof QuadrantsError && !(err instanceof ShuttingDownError) && UPSTREAM_CODES.has(err.code);
}

export interface InstrumentOptions {
  inflight: InFlight;
  logger: Logger;
  readiness?: Readiness;
}

/** Returns a service with the same interface, gated by shutdown and watched for upstream errors. */
export function instrumentService(service: QuadrantsService, options: InstrumentOptions): QuadrantsService {
  const { inflight, logger, readiness } = options;

  const watch = async <T>(op: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (isUpstreamError(err)) {
        readiness?.recordUpstreamError(err);
        logger.warn('upstream.error', { op, code: err.code, error: err });
      }
      throw err;
    }
  };
  // Commands start here, so these are refused once shutdown begins.
  const gated = <T>(op: string, work: () => Promise<T>) => inflight.run(() => watch(op, work));

  return {
    report: (input) => gated('report', () => service.report(input)),
    reportFor: (creator, posts) => gated('report', () => service.reportFor(creator, posts)),
    compare: (input) => gated('compare', () => service.compare(input)),
    placePost: (input) => gated('post', () => service.placePost(input)),
    resolveCreator: (input) => gated('resolve', () => service.resolveCreator(input)),
    // Drawing finishes a command that was already accepted: tracked, never refused half-way.
    chartDelivery: (url, platform) => service.chartDelivery(url, platform),
    charts: service.charts,
  };
}
