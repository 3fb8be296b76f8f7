/**
 * A stand-alone `digest run` for the multi-process tests: opens the store file, runs what is due
 * at --at once, and delivers through a tiny HTTP chat fake served by the parent test.
 * Configuration comes in QUADRANTS_CHILD as JSON; the summary goes to stdout as one JSON line.
 */
import { runDueDigests } from '../../../src/digest/runner';
import type { DigestDelivery } from '../../../src/digest/types';
import { openStore } from '../../../src/store';
import { createDigestService, syntheticPosts } from '../../fakes/digest-service';

interface ChildConfig {
  /** A SQLite file, or a postgres:// URL (then `schema` names the test's schema). */
  db: string;
  schema?: string;
  at: string;
  chatUrl: string;
  owner: string;
  /** '1': each digest has a thread reply, posted after the message (and completed by `complete`). */
  threads?: string;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.QUADRANTS_CHILD ?? '{}') as ChildConfig;
  const store = openStore(config.db, config.schema ? { postgres: { schema: config.schema } } : {});
  const service = createDigestService({
    creators: ['1001', '1002', '1003'].map((userid, i) => ({ username: `creator${i}`, userid, posts: syntheticPosts(i + 1, 30, 1_790_000_000) })),
  });
  const thread = async (ref: string, key: string): Promise<void> => {
    const res = await fetch(`${config.chatUrl}/thread`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ref, key, owner: config.owner }),
    });
    if (!res.ok) throw new Error(`thread refused: ${res.status}`);
  };
  const delivery: DigestDelivery = {
    platform: 'slack',
    async findPosted(sub, key) {
      const res = await fetch(`${config.chatUrl}/find?channel=${encodeURIComponent(sub.channelId)}&key=${encodeURIComponent(key)}`);
      const body = (await res.json()) as { ref: string | null };
      return body.ref;
    },
    async post(digest) {
      const res = await fetch(`${config.chatUrl}/post`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: digest.subscription.channelId, key: digest.idempotencyKey, owner: config.owner }),
      });
      const body = (await res.json()) as { ref: string };
      if (config.threads === '1') await thread(body.ref, digest.idempotencyKey);
      return body.ref;
    },
    ...(config.threads === '1'
      ? {
          async complete(digest, ref) {
            const res = await fetch(`${config.chatUrl}/thread?ref=${encodeURIComponent(ref)}`);
            const body = (await res.json()) as { has: boolean };
            if (!body.has) await thread(ref, digest.idempotencyKey);
          },
        }
      : {}),
  };
  const base = Date.parse(config.at);
  const started = Date.now();
  const summary = await runDueDigests({
    store,
    service,
    deliveries: [delivery],
    now: () => new Date(base + (Date.now() - started)),
    owner: config.owner,
    pacing: { slack: { perChannelMs: 0, perWorkspaceMs: 0 } },
  });
  await store.close();
  process.stdout.write(JSON.stringify({ ...summary, outcomes: undefined }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
