/**
 * Starts a real discord.js adapter against the fake Discord and runs interactions through it.
 * Each run resolves once the adapter has finished handling that interaction (no sleeps).
 */
import type { SnapshotBook } from '../../src/trend/trend';
import type { WorkspaceBudget } from '../../src/budget/budget';
import type { SubscriptionService } from '../../src/digest/subscriptions';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/client';
import type { Outcome } from '../../src/chat/pipeline';
import { silentLogger, type Logger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import type { WorkTracker } from '../../src/chat/pipeline';
import type { QuadrantsService } from '../../src/service';
import { startFakeDiscord, type FakeDiscord, type InteractionInput, type RecordedCall } from '../fakes/discord';

export interface Harness {
  discord: FakeDiscord;
  adapter: DiscordAdapter;
  /** Dispatches one interaction and waits until the adapter has handled it. */
  run(input: InteractionInput): Promise<{ outcome: Outcome; token: string; calls: RecordedCall[] }>;
  close(): Promise<void>;
}

export async function startHarness(service: QuadrantsService, options: { limiter?: CommandRateLimiter; logger?: Logger; inflight?: WorkTracker; snapshots?: SnapshotBook; budget?: WorkspaceBudget; subscriptions?: SubscriptionService } = {}): Promise<Harness> {
  const discord = await startFakeDiscord();
  const adapter = createDiscordAdapter({
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    service,
    limiter: options.limiter ?? new CommandRateLimiter({ perUserPerMinute: 1000, perTeamPerMinute: 1000 }),
    logger: options.logger ?? silentLogger,
    ...(options.inflight ? { inflight: options.inflight } : {}),
    ...(options.snapshots ? { snapshots: options.snapshots } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
  });
  const waiting = new Map<string, (o: Outcome) => void>();
  const done = new Map<string, Outcome>();
  adapter.onHandled((outcome, id) => {
    const resolve = waiting.get(id);
    if (resolve) resolve(outcome);
    else done.set(id, outcome);
  });
  await adapter.start();
  return {
    discord,
    adapter,
    async run(input) {
      const { id, token } = discord.dispatchInteraction(input);
      const outcome = done.get(id) ?? (await new Promise<Outcome>((resolve) => waiting.set(id, resolve)));
      return { outcome, token, calls: discord.callsFor(token) };
    },
    async close() {
      await adapter.stop();
      await discord.close();
    },
  };
}

/** The message-creating or -editing calls (everything the bot "sends"). */
export function sends(calls: RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => (c.method === 'PATCH' || c.method === 'POST') && !c.path.endsWith('/threads') && !(c.path.endsWith('/callback') && c.body?.type === 5));
}
