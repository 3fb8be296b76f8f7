/**
 * The App Home tab: the person's view of the workspace's digests, the same list card as
 * `/quadrants subscriptions`. It is published (views.publish, per user) when they open the tab,
 * redrawn with the answer on top after each click or form from it (src/chat/turn.ts), and
 * refreshed after any change they make elsewhere (a typed command, a button, a form), so it never
 * shows a stale state.
 */
import type { AllMiddlewareArgs, App } from '@slack/bolt';
import type { Card } from '../../src/chat/card';
import { runListTurn } from '../../src/chat/list-turn';
import type { PipelineDeps } from '../../src/chat/pipeline';
import type { Logger } from '../../src/log';
import { plainChannels, slackActor } from './conversation';
import { slackErrorCode } from './errors';
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

/** Publishes the person's home with these cards (a note on top, then the list). */
export async function publishHome(a: HomeArgs, cards: Card[]): Promise<void> {
  await a.client.views.publish({ user_id: a.userId, view: renderHome(cards) });
}

/** Publishes the person's home as the list reads now (first page). Never throws. */
export async function refreshHome(a: HomeArgs, deps: PipelineDeps): Promise<void> {
  try {
    const who = { actor: slackActor(a.workspaceId, '', a.userId, a.managers), ...plainChannels(a.client, a.log, null) };
    await publishHome(a, (await runListTurn(who, { page: 0 }, deps)).cards);
  } catch (err) {
    a.log.warn('slack.home_refresh_failed', { code: slackErrorCode(err), error: err });
  }
}

/** Publishes the home when someone opens its tab (not the Messages tab). */
export function registerHome(app: App, options: { deps: PipelineDeps; log: Logger; managers: ReadonlySet<string> | null; onPublished?: () => void }): void {
  const log = options.log.child({ adapter: SLACK, via: 'home' });
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await refreshHome({ client, workspaceId: body.team_id, userId: event.user, managers: options.managers, log }, options.deps);
    options.onPublished?.();
  });
}
