/**
 * Slack distribution (OAuth mode): the app answers many workspaces over HTTP. Bolt's installer
 * serves INSTALL_PATH (a signed `state` in a cookie, then a redirect to Slack) and REDIRECT_PATH
 * (state checked against that cookie and used up in our Store, `oauth.v2.access`, the installation
 * stored through our Store); Bolt's `authorize` then finds each request's own workspace bot token
 * there. An install that ends without one (cancelled, stale link) gets a plain page. When the app
 * leaves a workspace (`app_uninstalled`, or `tokens_revoked` for the bot) its installation is
 * removed and its digest subscriptions stop.
 */
import type { App, HTTPReceiverOptions, Installation, webApi } from '@slack/bolt';
import type { Logger } from '../../src/log';
import type { Store } from '../../src/store/types';
import { BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH } from './constants';
import { installCallbackOptions } from './install-pages';
import { installationKey, removeWorkspace, REVOKED_REASON, storeInstallations, UNINSTALLED_REASON } from '../../src/store/slack-workspaces';
import { singleUseStateStore, STATE_LIFETIME_SECONDS } from '../../src/store/slack-oauth-states';

export interface SlackOAuthOptions {
  /** SLACK_CLIENT_ID. */
  clientId: string;
  /** SLACK_CLIENT_SECRET. */
  clientSecret: string;
  /** SLACK_STATE_SECRET: signs the install flow's state. */
  stateSecret: string;
  /** Where installations live (the same store as subscriptions). */
  store: Store;
  /** Slack's authorize page; only tests change it. */
  authorizationUrl?: string;
}

/** The HTTPReceiver options that turn on Bolt's installer with our installation store. */
export function oauthReceiverOptions(
  oauth: SlackOAuthOptions,
  clientOptions: webApi.WebClientOptions,
  logger: Logger,
): Pick<HTTPReceiverOptions, 'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: storeInstallations<Installation>(oauth.store, logger),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // Straight to Slack's consent page: there is nothing to read on an intermediate page of ours.
      directInstall: true,
      // The state must come back in the same browser that started the install (a cookie), so a
      // link with someone else's state installs nothing; and it completes one install at most.
      stateVerification: true,
      stateStore: singleUseStateStore(oauth.stateSecret, oauth.store),
      stateCookieExpirationSeconds: STATE_LIFETIME_SECONDS,
      // A cancelled or stale install gets a plain page saying nothing was installed, not a 500.
      callbackOptions: installCallbackOptions(logger.child({ component: 'slack-install' })),
      // oauth.v2.access and auth.test go to SLACK_API_URL like every other call.
      clientOptions,
      ...(oauth.authorizationUrl === undefined ? {} : { authorizationUrl: oauth.authorizationUrl }),
    },
  };
}

interface LeavingEvent {
  type: string;
  tokens?: { bot?: unknown[]; oauth?: unknown[] };
}

/** Removes a workspace's installation and stops its subscriptions when the app leaves it. */
export function listenForUninstalls(app: App, store: Store, log: Logger, now: () => Date = () => new Date()): void {
  const leave = async (context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }, reason: string, trigger: string) => {
    const key = installationKey(context);
    const result = await removeWorkspace(store, key, reason, now());
    log.info('slack.uninstalled', { trigger, teamId: key.teamId, enterpriseId: key.enterpriseId, removed: result.removed, paused: result.paused.length });
  };
  app.event('app_uninstalled', async ({ context }) => leave(context, UNINSTALLED_REASON, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ context, event }) => {
    // Revoked user tokens leave the bot working; only the bot's token going away ends the install.
    const bots = (event as LeavingEvent).tokens?.bot ?? [];
    if (bots.length > 0) await leave(context, REVOKED_REASON, 'tokens_revoked');
  });
}
