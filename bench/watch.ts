/**
 * Watch bench: a day's check of 1,000 watches over 200 creators (750 ms upstream latency, fake
 * chat deliveries), each creator with one new template post. Targets: 200 credits (one fetch per
 * creator), each alert posted once (1,000, no duplicates), and a second pass the same day and the
 * next day spending and posting nothing more than the rule allows (no alert twice).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createQuadrantsService } from '../src/service';
import { openStore } from '../src/store';
import type { Post } from '../src/quadrants/types';
import { runDueWatches } from '../src/watch/runner';
import { createRecordingDelivery } from '../test/fakes/digest-delivery';
import { post } from '../test/fakes/digest-service';
import { benchPlace, latencyUpstream } from './digest';
import type { BenchRow } from './table';

const CREATOR_BASE = 7_200_000_000_000_000_000n;
const DAY = 86_400;
const RUN = Date.parse('2026-12-07T06:00:00Z');

/** Ten posts, a day apart, the newest (a day old) downloaded far more than the rest. */
function postsOf(creator: number, count: number): Post[] {
  const now = RUN / 1000;
  return Array.from({ length: count }, (_, i) =>
    post(`${7_500_000_000_000_000_000n + BigInt(creator * 100 + i)}`, now - (i + 1) * DAY, { views: 20_000, downloads: i === 0 ? 400 : 4 + (i % 3) }),
  );
}

export async function rows(options: { watches?: number; creators?: number; latencyMs?: number } = {}): Promise<BenchRow[]> {
  const watches = options.watches ?? 1000;
  const creators = options.creators ?? 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quadrants-bench-watch-'));
  const store = openStore(path.join(dir, 'bench.db'));
  const up = await latencyUpstream(options.latencyMs ?? 750, (creator, count) => postsOf(Number(BigInt(creator.userid) - CREATOR_BASE), count));
  try {
    for (let i = 0; i < watches; i += 1) {
      await store.saveWatch({ ...benchPlace(i, creators, CREATOR_BASE), createdBy: 'bench' }, new Date('2026-12-01T00:00:00Z'));
    }
    // The bot's cache lifetime: a second pass the same day is answered without a request.
    const service = createQuadrantsService({ source: up.source, quickchartBaseUrl: 'http://127.0.0.1:9', quickchartPlugins: true });
    const slack = createRecordingDelivery('slack');
    const discord = createRecordingDelivery('discord');
    const pass = async (at: number) => {
      const started = Date.now();
      const summary = await runDueWatches({ store, service, deliveries: [slack, discord], now: () => new Date(at + (Date.now() - started)) });
      return { summary, wallMs: Date.now() - started };
    };
    const first = await pass(RUN);
    const creditsFirst = up.credits();
    const alerts = [...slack.alerts, ...discord.alerts];
    const unique = new Set(alerts.map((a) => `${a.channelId}:${a.key}`)).size;
    const again = await pass(RUN + 60 * 60_000);
    const nextDay = await pass(RUN + DAY * 1000);
    const after = [...slack.alerts, ...discord.alerts].length;
    return [
      { row: `watch: ${watches} watches / ${creators} creators, a day's check, wall time`, measured: `${(first.wallMs / 1000).toFixed(1)} s`, target: 'informational', ok: first.summary.failed === 0 && first.summary.checked === watches },
      { row: "watch: credits spent by the day's check", measured: String(creditsFirst), target: `${creators}`, ok: creditsFirst === creators },
      { row: 'watch: alerts posted (unique)', measured: `${alerts.length} (${unique})`, target: `${watches}, no duplicates`, ok: alerts.length === watches && unique === watches },
      {
        row: 'watch: same day again, then the next day',
        measured: `${again.summary.due} due, ${again.summary.alerts} alerts; next day ${nextDay.summary.checked} checked, ${after - alerts.length} alerts`,
        target: '0 due; next day 0 alerts (each post once)',
        ok: again.summary.due === 0 && after === alerts.length && nextDay.summary.checked === watches,
      },
    ];
  } finally {
    await store.close();
    await up.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
