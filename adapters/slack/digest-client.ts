/**
 * The Web API client digests are posted with, and how its failures map onto the digest runner's
 * DeliveryError.
 *
 * Digests get their own client because the runner's "already posted?" check only works if the
 * runner is the only one retrying: a client that re-sends `chat.postMessage` after a 500 or a cut
 * socket would post a digest that already landed a second time, without looking first. So this
 * client never retries, refuses to sleep through rate limits (the runner honours Retry-After), and
 * gives every call a deadline so a silent server can never leave a run stuck in "posting".
 */
import { webApi } from '@slack/bolt';
import { DIGEST_CALL_TIMEOUT_MS } from '../../src/digest/lookup';
import { DeliveryError } from '../../src/digest/types';
import { CHANNEL_REASONS, slackErrorCode } from './errors';

/**
 * A client like `base` (same token and API URL) with no retries, no waiting on 429, and a timeout.
 * A client without a token of its own (multi-workspace installs authorise per call) is returned as
 * it is, since its token cannot be copied.
 */
export function digestWebClient(base: webApi.WebClient, timeoutMs = DIGEST_CALL_TIMEOUT_MS): webApi.WebClient {
  if (!base.token) return base;
  return digestClientFor(base.token, base.slackApiUrl, timeoutMs);
}

/** A digest client (no retries, no waiting on 429, a timeout) for one bot token. */
export function digestClientFor(token: string, slackApiUrl: string | undefined, timeoutMs = DIGEST_CALL_TIMEOUT_MS): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(slackApiUrl === undefined ? {} : { slackApiUrl }),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    // Failures reach the runner as DeliveryErrors and are logged there once, without the SDK's own lines.
    logLevel: webApi.LogLevel.ERROR,
  });
}

/**
 * The app's problems: the token or its scopes, the same for every channel of the workspace. They
 * pause the workspace's deliveries (nothing is disabled) until the token works again.
 */
const APP: Record<string, string> = {
  invalid_auth: 'Slack rejected the bot token',
  not_authed: 'the Slack bot token is missing',
  account_inactive: 'the bot account is deactivated',
  token_revoked: 'the bot token was revoked',
  token_expired: 'the bot token has expired',
  missing_scope: 'the Slack app is missing a permission',
};

/** A Web API failure as a DeliveryError: channel problems permanent, app problems a pause, 429 with Retry-After. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = slackErrorCode(err) ?? 'unknown';
  // The channel's problems: retrying cannot help there, so the subscription is disabled with the reason.
  const channel = CHANNEL_REASONS[code];
  if (channel) return new DeliveryError(channel, { permanent: true, cause: err });
  const app = APP[code];
  if (app) return new DeliveryError(app, { pause: 'workspace', cause: err });
  if (code === 'ratelimited') {
    const seconds = (err as { retryAfter?: unknown }).retryAfter;
    const retryAfterMs = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : undefined;
    return new DeliveryError('Slack is rate limiting the bot', { cause: err, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  return new DeliveryError(`Slack did not accept the message (${code})`, { cause: err });
}
