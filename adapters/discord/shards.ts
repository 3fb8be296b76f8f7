/**
 * Gateway sharding: which shards this process runs (DISCORD_SHARD_IDS) out of how many
 * (DISCORD_SHARD_COUNT), so a large bot spreads its shards over replicas. Digests never need the
 * gateway (they post over REST), so any replica may deliver any subscription's digest.
 */
import { Routes, type Client, type ClientOptions } from 'discord.js';
import { checkShardIds } from '../../src/config/start-checks';

export interface ShardSettings {
  shardCount?: number;
  shardIds?: readonly number[];
}

/**
 * discord.js Client options for the settings. Neither set: `'auto'` (Discord's recommended count,
 * every shard). A count alone: every shard of that count. Ids with a count: exactly those. Ids
 * alone get their count from `resolveShards` at start, since discord.js would otherwise take the
 * number of ids as the count (shard [1] alone would become shard 1 of 1).
 */
export function shardOptions(settings: ShardSettings): Pick<ClientOptions, 'shards' | 'shardCount'> {
  const { shardCount, shardIds } = settings;
  if (shardIds !== undefined) return { shards: [...shardIds], ...(shardCount === undefined ? {} : { shardCount }) };
  if (shardCount !== undefined) return { shardCount };
  return { shards: 'auto' };
}

/** Ids without a count: asks Discord (GET /gateway/bot) for the count and checks the ids fit it. */
export async function resolveShards(client: Client, settings: ShardSettings): Promise<void> {
  const { shardCount, shardIds } = settings;
  if (shardIds === undefined || shardCount !== undefined) return;
  const info = (await client.rest.get(Routes.gatewayBot())) as { shards?: unknown };
  const recommended = typeof info.shards === 'number' && Number.isInteger(info.shards) && info.shards > 0 ? info.shards : 1;
  checkShardIds(shardIds, recommended);
  client.options.shardCount = recommended;
}
