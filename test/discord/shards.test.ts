/**
 * Gateway sharding against the fake Discord: the real discord.js client identifies as exactly the
 * shards DISCORD_SHARD_IDS names, out of DISCORD_SHARD_COUNT or the count Discord recommends.
 */
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/client';
import { shardOptions } from '../../adapters/discord/shards';
import { silentLogger } from '../../src/log';
import { CommandRateLimiter } from '../../src/ratelimit';
import { createDemoSource } from '../../src/demo/source';
import { createQuadrantsService } from '../../src/service';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord';

let discord: FakeDiscord | undefined;
let adapter: DiscordAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await discord?.close();
  adapter = undefined;
  discord = undefined;
});

async function start(shards: { shardCount?: number; shardIds?: number[] }, recommendedShards = 1): Promise<{ discord: FakeDiscord; adapter: DiscordAdapter }> {
  discord = await startFakeDiscord({ recommendedShards });
  adapter = createDiscordAdapter({
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    service: createQuadrantsService({ source: createDemoSource(), quickchartBaseUrl: 'http://127.0.0.1:9' }),
    limiter: new CommandRateLimiter({ perUserPerMinute: 10, perTeamPerMinute: 10 }),
    logger: silentLogger,
    ...shards,
  });
  return { discord, adapter };
}

describe('Discord shards', () => {
  it('runs shard 1 of 2 when told DISCORD_SHARD_IDS=1 and DISCORD_SHARD_COUNT=2', async () => {
    const w = await start({ shardIds: [1], shardCount: 2 });
    await w.adapter.start();
    expect(w.discord.gateway.shards).toEqual([[1, 2]]);
    expect(w.adapter.connected()).toBe(true);
  });

  it('takes the count Discord recommends when only the ids are given', async () => {
    const w = await start({ shardIds: [1] }, 2);
    await w.adapter.start();
    expect(w.discord.gateway.shards).toEqual([[1, 2]]);
  });

  it('runs every recommended shard by default', async () => {
    const w = await start({}, 2);
    await w.adapter.start();
    expect([...w.discord.gateway.shards].sort()).toEqual([[0, 2], [1, 2]]);
  });

  it('refuses ids beyond the recommended count with one sentence, before connecting', async () => {
    const w = await start({ shardIds: [3] }, 2);
    await expect(w.adapter.start()).rejects.toMatchObject({
      code: 'CONFIG',
      userMessage: expect.stringMatching(/^DISCORD_SHARD_IDS names shard 3, but Discord recommends 2 shards \(ids 0 to 1\)/),
    });
    expect(w.discord.gateway.identifies).toBe(0);
  });

  it('maps the settings onto discord.js options', () => {
    expect(shardOptions({})).toEqual({ shards: 'auto' });
    expect(shardOptions({ shardCount: 4 })).toEqual({ shardCount: 4 });
    expect(shardOptions({ shardCount: 4, shardIds: [0, 1] })).toEqual({ shards: [0, 1], shardCount: 4 });
  });
});
