/**
 * The world for Discord digest tests: the adapter (real discord.js) against the fake Discord, the
 * demo data behind the real service, and subscriptions in a real SQLite file, at a test clock.
 */
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/client';
import type { Outcome } from '../../src/chat/pipeline';
import { createDemoSource } from '../../src/demo/source';
import { createSubscriptionService } from '../../src/digest/subscriptions';
import { silentLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import { createQuadrantsService } from '../../src/service';
import type { Store } from '../../src/store/types';
import { startFakeDiscord, type FakeDiscord, type InteractionInput, type RecordedCall } from '../fakes/discord';
import { removeDir, storeIn, tempDir } from '../digest/helpers';

export const demoService = createQuadrantsService({ source: createDemoSource(), quickchartBaseUrl: 'http://127.0.0.1:9', logger: silentLogger });

export interface StoreWorld {
  dir: string;
  store: Store;
  discord: FakeDiscord;
  adapter: DiscordAdapter;
  /** Dispatches an interaction and waits until the adapter has handled it. */
  run(input: InteractionInput): Promise<{ outcome: Outcome; token: string; calls: RecordedCall[] }>;
  close(): Promise<void>;
}

export async function startStoreWorld(options: { prefix: string; now: () => Date; clock?: () => number }): Promise<StoreWorld> {
  const dir = tempDir(options.prefix);
  const store = storeIn(dir);
  const discord = await startFakeDiscord();
  // Message ids carry the test clock's time, as Discord's carry theirs.
  if (options.clock) discord.useClock(options.clock);
  const adapter = createDiscordAdapter({
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    service: demoService,
    limiter: new CommandRateLimiter({ perUserPerMinute: 1000, perTeamPerMinute: 1000 }),
    logger: silentLogger,
    subscriptions: createSubscriptionService({ store, service: demoService, now: options.now }),
  });
  const done = new Map<string, (o: Outcome) => void>();
  adapter.onHandled((outcome, id) => done.get(id)?.(outcome));
  await adapter.start();
  return {
    dir,
    store,
    discord,
    adapter,
    async run(input) {
      const { id, token } = discord.dispatchInteraction(input);
      // onHandled fires after the handler finishes, never synchronously with the dispatch.
      const outcome = await new Promise<Outcome>((resolve) => done.set(id, resolve));
      return { outcome, token, calls: discord.callsFor(token) };
    },
    async close() {
      await adapter.stop();
      await discord.close();
      await store.close();
      removeDir(dir);
    },
  };
}
