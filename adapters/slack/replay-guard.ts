/**
 * Slack HTTP mode, before Bolt's signature check: the core's replay guard (src/ops/replay-guard.ts)
 * on Slack's signature headers. The seen signatures live in this process; behind a load balancer
 * with several replicas, a replay sent to another replica is caught only by Slack's own window.
 */
import type { RequestListener } from 'node:http';
import type { Logger } from '../../src/log';
import { replayGuard as guard } from '../../src/ops/replay-guard';

const HEADERS = { timestamp: 'x-slack-request-timestamp', signature: 'x-slack-signature' };

/** Wraps Bolt's request listener. */
export function replayGuard(next: RequestListener, options: { paths: readonly string[]; logger: Logger }): RequestListener {
  return guard(next, { ...options, headers: HEADERS, event: 'slack.request_refused' });
}
