/**
 * Which bot a digest is posted as. With one bot token (Socket Mode, or HTTP in one workspace) every
 * digest uses that bot; with the app distributed to many workspaces each subscription's digest
 * uses the bot token of its own workspace's installation, looked up at delivery time so a
 * reinstall (a new token) is picked up by the next run.
 */
import type { webApi } from '@slack/bolt';
import { DeliveryError, type ChannelPlace } from '../../src/digest/types';
import { keptOnceAnswered } from '../../src/digest/lookup';
import { registerSecret } from '../../src/log';
import { NOT_INSTALLED_REASON, type WorkspaceTokens } from '../../src/store/slack-workspaces';
import { digestClientFor, digestWebClient } from './digest-client';
import { fetchIdentity, type BotIdentity } from './digest-history';


/** A client for one bot and that bot's identity (asked once, for finding its own messages). */
export interface DigestPoster {
  client: webApi.WebClient;
  me(): Promise<BotIdentity>;
}

/** The poster for a subscription's workspace; rejects with a DeliveryError when there is none. */
export type PosterFor = (place: Pick<ChannelPlace, 'workspaceId'>) => Promise<DigestPoster>;

/** A poster for `client`; its identity is asked once and kept (a failed look-up is not kept). */
function poster(client: webApi.WebClient): DigestPoster {
  return { client, me: keptOnceAnswered(() => fetchIdentity(client)) };
}

/** Every digest as the one bot of `base` (its token, through a retry-free copy). */
export function singlePoster(base: webApi.WebClient, timeoutMs?: number): PosterFor {
  const only = poster(digestWebClient(base, timeoutMs));
  return async () => only;
}

/**
 * Each digest as its workspace's bot. Posters are kept per token: one client and one identity
 * look-up per installed bot, and a replaced token simply gets a new poster.
 */
export function workspacePosters(tokens: WorkspaceTokens, apiUrl: string | undefined, timeoutMs?: number): PosterFor {
  const byToken = new Map<string, DigestPoster>();
  return async (sub) => {
    const token = await tokens(sub.workspaceId);
    if (!token) throw new DeliveryError(NOT_INSTALLED_REASON, { pause: 'workspace' });
    registerSecret(token);
    let found = byToken.get(token);
    if (!found) {
      found = poster(digestClientFor(token, apiUrl, timeoutMs));
      byToken.set(token, found);
    }
    return found;
  };
}
