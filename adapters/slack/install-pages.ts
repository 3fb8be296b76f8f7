/**
 * The page a browser gets when a Slack install ends without installing anything. Bolt's own
 * failure page answers a cancelled consent (`error=access_denied`) with HTTP 500 and an error
 * code; here a cancel is an ordinary 200 page, a used, expired or foreign state a 400, and only a
 * failure on our or Slack's side a 500. The words are the core's; nothing from the request is
 * echoed back, and the state cookie is cleared in every case.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions } from '@slack/bolt';
import { installEndingPage, type InstallEnding } from '../../src/chat/cards/install';
import type { Logger } from '../../src/log';
import { INSTALL_PATH } from './constants';

/** Bolt's cookie holding the state in the browser that started the install. */
const STATE_COOKIE = 'slack-app-oauth-state';
type CallbackOptions = NonNullable<NonNullable<HTTPReceiverOptions['installerOptions']>['callbackOptions']>;

/** Bolt's codes for a state or code that cannot be used: the link, not the server, is at fault. */
const STALE_CODES = new Set(['slack_oauth_missing_state', 'slack_oauth_invalid_state', 'slack_oauth_missing_code']);

/** How an unfinished install ended, from the redirect's query and Bolt's error code. */
export function endingOf(req: IncomingMessage, code: string | undefined): InstallEnding {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  if (query.get('error') === 'access_denied') return 'cancelled';
  return code !== undefined && STALE_CODES.has(code) ? 'stale-link' : 'failed';
}

/** Writes the core's plain page for `ending`. */
export function writeInstallEnding(res: ServerResponse, ending: InstallEnding): void {
  const { status, html } = installEndingPage(ending, INSTALL_PATH);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'set-cookie': `${STATE_COOKIE}=deleted; Secure; HttpOnly; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`,
  });
  res.end(html);
}

/** Bolt callback options: our page for every install that ends without an installation. */
export function installCallbackOptions(log: Logger): Pick<CallbackOptions, 'failure'> {
  return {
    failure: (error, _options, req, res) => {
      const code = (error as { code?: unknown }).code;
      const ending = endingOf(req, typeof code === 'string' ? code : undefined);
      log.info('slack.install.ended', { ending, code: typeof code === 'string' ? code : null });
      writeInstallEnding(res, ending);
    },
  };
}
