/**
 * The Slack workspaces the app is installed in: Bolt's InstallationStore backed by our Store (in
 * the shape Bolt reads, without importing it), each workspace's bot token for digests, and what
 * removing a workspace means.
 *
 * A workspace install is keyed by its team id alone (team ids are unique across Slack, and a
 * subscription knows only its team), an org-wide Enterprise Grid install by its enterprise id.
 * Every token that passes through here, read or written, is registered with the logger first.
 */
import { registerSecret, type Logger } from '../log';
import type { SlackInstallationKey, Store } from './types';
import { SLACK } from '../platforms';

/** A workspace's bot token from its installation, or null when the app is not installed there. */
export type WorkspaceTokens = (workspaceId: string) => Promise<string | null>;

interface Tokens {
  token?: string | undefined;
  refreshToken?: string | undefined;
}

/** What is read of an installation Slack's SDK built (its Installation type has these and more). */
export interface InstallationLike {
  isEnterpriseInstall?: boolean | undefined;
  enterprise?: { id: string } | undefined;
  team?: { id: string } | undefined;
  bot?: (Tokens & { userId?: string | undefined; id?: string | undefined }) | undefined;
  user?: Tokens | undefined;
}

/** Which installation a request asks for (Bolt's InstallationQuery). */
interface InstallationQuery {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}

/** Why a workspace's subscriptions stop when the app leaves it (shown by `subscriptions`). */
export const UNINSTALLED_REASON = 'the app was uninstalled from this workspace';
export const REVOKED_REASON = "the workspace revoked the app's bot token";
/** Why a workspace's digests pause when it has no installation (it was removed, or never made). */
export const NOT_INSTALLED_REASON = 'the Slack app is not installed in this workspace';

/** The store key for an install (or a query about one). */
export function installationKey(q: InstallationQuery): SlackInstallationKey {
  if (q.isEnterpriseInstall && q.enterpriseId) return { enterpriseId: q.enterpriseId, teamId: null };
  return { enterpriseId: null, teamId: q.teamId ?? null };
}

function registerTokens(installation: InstallationLike): void {
  registerSecret(installation.bot?.token);
  registerSecret(installation.bot?.refreshToken);
  registerSecret(installation.user?.token);
  registerSecret(installation.user?.refreshToken);
}

/**
 * The InstallationStore Bolt's installer writes to at /slack/oauth_redirect and `authorize` reads
 * from; `I` is the SDK's Installation type, stored and handed back as it is.
 */
export function storeInstallations<I extends InstallationLike>(store: Store, logger: Logger, now: () => Date = () => new Date()) {
  return {
    async storeInstallation(installation: InstallationLike): Promise<void> {
      registerTokens(installation);
      const bot = installation.bot;
      // The bot is the whole app: an install without its token could never answer.
      if (!bot?.token) throw new Error('the installation has no bot token (the bot scopes were not granted)');
      const key = installationKey({
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await store.saveSlackInstallation(
        { ...key, isEnterpriseInstall: installation.isEnterpriseInstall === true, botToken: bot.token, botUserId: bot.userId ?? null, botId: bot.id ?? null, data: installation },
        now(),
      );
      logger.info('slack.installed', { teamId: key.teamId, enterpriseId: key.enterpriseId });
    },

    async fetchInstallation(query: InstallationQuery): Promise<I> {
      const found = await store.getSlackInstallation(installationKey(query));
      if (!found) throw new Error(`no installation for team ${query.teamId ?? '-'} / enterprise ${query.enterpriseId ?? '-'}`);
      registerSecret(found.botToken);
      const installation = found.data as I;
      registerTokens(installation);
      return installation;
    },

    async deleteInstallation(query: InstallationQuery): Promise<void> {
      await store.deleteSlackInstallation(installationKey(query));
    },
  };
}

/** The workspace's bot token for digests, from its installation. */
export function installedTokens(store: Store): WorkspaceTokens {
  return async (workspaceId) => {
    const found = await store.getSlackInstallation({ enterpriseId: null, teamId: workspaceId });
    if (found) registerSecret(found.botToken);
    return found?.botToken ?? null;
  };
}

export interface RemovedWorkspace {
  removed: boolean;
  /** Ids of the subscriptions stopped. */
  paused: number[];
}

/**
 * The app left a workspace (uninstalled, or its bot token revoked): forget the installation and
 * stop the workspace's active digest subscriptions with `reason`. Subscribing again after a
 * reinstall makes a subscription active again.
 */
export async function removeWorkspace(store: Store, key: SlackInstallationKey, reason: string, at: Date): Promise<RemovedWorkspace> {
  const removed = await store.deleteSlackInstallation(key);
  const paused: number[] = [];
  if (key.teamId) {
    for (const sub of await store.listSubscriptions({ platform: SLACK, workspaceId: key.teamId, status: 'active' })) {
      await store.disableSubscription(sub.id, reason, at);
      paused.push(sub.id);
    }
  }
  return { removed, paused };
}
