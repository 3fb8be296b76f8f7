/**
 * Digest bench: one run of 1,000 subscriptions over 200 creators, 750 ms upstream latency,
 * fake chat deliveries. Measures wall time, credits (target 200: one fetch per creator),
 * posts (target 1,000, no duplicates) and peak RSS (target < 200 MB).
 *
 * The upstream is pluggable: by default an in-process PostSource with the fake TikLiveAPI's
 * latency and one credit per fetch; pass `upstream` to run against the HTTP fake TikLiveAPI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDueDigests } from '../src/digest/runner';
import { createQuadrantsService, type PostSource, type QuadrantsService } from '../src/service';
import { openStore } from '../src/store';
import type { Creator, Post } from '../src/quadrants/types';
import { createRecordingDelivery } from '../test/fakes/digest-delivery';
import { syntheticPosts } from '../test/fakes/digest-service';

export interface BenchRow {
  row: string;
  measured: string;
  target: string;
  ok: boolean;
}

export interface BenchUpstream {
  source: PostSource;
  /** Credits (upstream requests) spent so far. */
  credits(): number;
  close(): Promise<void>;
}

export interface DigestBenchOptions {
  subscriptions?: number;
  creators?: number;
  latencyMs?: number;
  upstream?: (latencyMs: number) => Promise<BenchUpstream>;
  /** Default: the real service over the upstream's source. */
  makeService?: (source: PostSource) => Pick<QuadrantsService, 'reportFor'>;
}

const CREATOR_BASE = 7_100_000_000_000_000_000n;

/** In-process stand-in for the fake TikLiveAPI: fixed latency, one credit per posts request (`postsFor` picks the posts). */
export async function latencyUpstream(latencyMs: number, postsFor?: (creator: Creator, count: number) => Post[]): Promise<BenchUpstream> {
  let credits = 0;
  const source: PostSource = {
    async resolveCreator(input) {
      return { username: input.replace(/^@/, ''), userid: input };
    },
    async getPosts(creator: Creator, count: number) {
      await new Promise((r) => setTimeout(r, latencyMs));
      credits += 1;
      const seed = Number(BigInt(creator.userid) - CREATOR_BASE) + 1;
      const posts = postsFor ? postsFor(creator, count) : syntheticPosts(seed, count, 1_790_000_000);
      return {
        creator,
        posts,
        credits: 1,
        fetchedAt: new Date().toISOString(),
        partial: false,
        demo: false,
      };
    },
    async getPost() {
      throw new Error('not used by the digest bench');
    },
  };
  return { source, credits: () => credits, close: async () => undefined };
}

/**
 * The i-th channel of a bench run: Slack and Discord in turn over ten workspaces each, every
 * channel its own, creators dealt round-robin from `base`.
 */
export function benchPlace(i: number, creators: number, base: bigint) {
  const slack = i % 2 === 0;
  const creator = i % creators;
  return {
    platform: slack ? ('slack' as const) : ('discord' as const),
    workspaceId: slack ? `T${i % 10}` : `${900_000 + (i % 10)}`,
    channelId: slack ? `C${i}` : `${800_000 + i}`,
    creatorUsername: `creator${creator}`,
    creatorUserid: (base + BigInt(creator)).toString(),
  };
}

export async function rows(options: DigestBenchOptions = {}): Promise<BenchRow[]> {
  const subscriptions = options.subscriptions ?? 1000;
  const creators = options.creators ?? 200;
  const latencyMs = options.latencyMs ?? 750;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quadrants-bench-digest-'));
  const upstream = await (options.upstream ?? latencyUpstream)(latencyMs);
  const store = openStore(path.join(dir, 'bench.db'));
  try {
    const created = new Date('2026-10-15T00:00:00Z');
    for (let i = 0; i < subscriptions; i += 1) {
      await store.saveSubscription(
        {
          ...benchPlace(i, creators, CREATOR_BASE),
          posts: 30,
          cadence: 'monthly',
          day: 1,
          hour: 9,
          minute: 0,
          timezone: 'UTC',
          createdBy: 'bench',
        },
        created,
      );
    }
    const service = options.makeService
      ? options.makeService(upstream.source)
      : createQuadrantsService({ source: upstream.source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
    const slack = createRecordingDelivery('slack');
    const discord = createRecordingDelivery('discord');
    // Run as of the due time, with the clock moving normally from there.
    const base = Date.parse('2026-11-01T09:00:00Z');
    const started = Date.now();
    const summary = await runDueDigests({
      store,
      service,
      deliveries: { slack, discord },
      now: () => new Date(base + (Date.now() - started)),
    });
    const wallMs = Date.now() - started;
    const posts = [...slack.posts, ...discord.posts];
    const unique = new Set(posts.map((p) => `${p.platform}:${p.key}`)).size;
    const credits = upstream.credits();
    const peakMb = process.resourceUsage().maxRSS / 1024;
    return [
      { row: `digest: ${subscriptions} subscriptions / ${creators} creators, wall time`, measured: `${(wallMs / 1000).toFixed(1)} s`, target: 'informational', ok: summary.retryLater === 0 },
      { row: 'digest: credits spent', measured: String(credits), target: `${creators}`, ok: credits === creators },
      { row: 'digest: posts made (unique)', measured: `${posts.length} (${unique})`, target: `${subscriptions}, no duplicates`, ok: posts.length === subscriptions && unique === subscriptions },
      { row: 'digest: peak RSS', measured: `${peakMb.toFixed(0)} MB`, target: '< 200 MB', ok: peakMb < 200 },
    ];
  } finally {
    await store.close();
    await upstream.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
