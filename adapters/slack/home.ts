/**
 * The App Home tab: the person's view of the workspace's digests, the same list card as
 * `/quadrants subscriptions`. It is published (views.publish, per user) when they open the tab,
 * redrawn with the answer on top after each click or form from it, and refreshed after any change
 * they make elsewhere (a typed command, a button, a form), so it never shows a stale state.
 */
import type { AllMiddlewareArgs, App } from '@slack/bolt';
import type { Card } from '../../src/chat/card';
import type { PipelineDeps } from '../../src/chat/pipeline';
import type { Logger } from '../../src/log';
import { plainChannels, slackActor } from './conversation';
import { slackErrorCode } from './errors';
import { redrawList, type ListPlace, type ListTurn } from './list';
import { renderHome } from './render';
import { SLACK } from '../../src/platforms';

type Client = AllMiddlewareArgs['client'];

export interface HomeArgs {
  client: Client;
  workspaceId: string;
  userId: string;
  managers: ReadonlySet<string> | null;
  log: Logger;
}

/** The App Home of one person as the place a list is drawn: no channel of its own. */
export function homePlace(a: HomeArgs): ListPlace {
  return {
    actor: slackActor(a.workspaceId, '', a.userId, a.managers),
    channels: plainChannels(a.client, a.log, null),
    async show(cards: Card[]) {
      await a.client.views.publish({ user_id: a.userId, view: renderHome(cards) });
    },
    log: a.log,
  };
}

/** Runs a turn from the home (or none) and publishes the home with its answer on top. Never throws. */
export function drawHome(a: HomeArgs, turn: ListTurn, deps: PipelineDeps) {
  return redrawList(homePlace(a), turn, deps);
}

/** After a change made elsewhere: publishes the person's home again (first page). Never throws. */
export async function refreshHome(a: HomeArgs, deps: PipelineDeps): Promise<void> {
  try {
    await drawHome(a, { page: 0 }, deps);
  } catch (err) {
    a.log.warn('slack.home_refresh_failed', { code: slackErrorCode(err), error: err });
  }
}

/** Publishes the home when someone opens its tab (not the Messages tab). */
export function registerHome(app: App, options: { deps: PipelineDeps; log: Logger; managers: ReadonlySet<string> | null; onPublished?: () => void }): void {
  const log = options.log.child({ adapter: SLACK, via: 'home' });
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await drawHome({ client, workspaceId: body.team_id, userId: event.user, managers: options.managers, log }, { page: 0 }, options.deps);
    options.onPublished?.();
  });
}
