/**
 * A stand-alone `alerts run` for the kill test: opens the store file, checks every watch due at
 * --at once, and posts alerts through the tiny HTTP chat fake served by the parent test.
 * Configuration comes in QUADRANTS_CHILD as JSON; the summary goes to stdout as one JSON line.
 */
import type { DigestDelivery } from '../../../src/digest/types';
import { openStore } from '../../../src/store';
import { runDueWatches } from '../../../src/watch/runner';
import { createDigestService, post } from '../../fakes/digest-service';

interface ChildConfig {
  db: string;
  at: string;
  chatUrl: string;
  owner: string;
}

/** Ten posts a day apart before `at`: the newest downloaded far more than the rest (a template). */
function postsBefore(at: number, creator: number) {
  const now = at / 1000;
  return Array.from({ length: 10 }, (_, i) => post(String(7_400_000_000_000_000_000 + creator * 100 + i), now - (i + 1) * 86_400, { downloads: i === 0 ? 500 : 2 }));
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.QUADRANTS_CHILD ?? '{}') as ChildConfig;
  const store = openStore(config.db);
  // The posts are those of the first run's day: a restart minutes later sees the same ones.
  const day = Date.parse(`${config.at.slice(0, 10)}T00:00:00Z`);
  const service = createDigestService({ creators: ['1001', '1002', '1003'].map((userid, i) => ({ username: `creator${i}`, userid, posts: postsBefore(day, i) })) });
  const delivery: DigestDelivery = {
    platform: 'slack',
    async findPosted(place, key) {
      const res = await fetch(`${config.chatUrl}/find?channel=${encodeURIComponent(place.channelId)}&key=${encodeURIComponent(key)}`);
      return ((await res.json()) as { ref: string | null }).ref;
    },
    async post() {
      throw new Error('no digests here');
    },
    async alert(place, _card, key) {
      const res = await fetch(`${config.chatUrl}/post`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: place.channelId, key, owner: config.owner }) });
      return ((await res.json()) as { ref: string }).ref;
    },
  };
  const base = Date.parse(config.at);
  const started = Date.now();
  const summary = await runDueWatches({ store, service, deliveries: [delivery], now: () => new Date(base + (Date.now() - started)), owner: config.owner });
  await store.close();
  process.stdout.write(JSON.stringify({ ...summary, results: undefined }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
