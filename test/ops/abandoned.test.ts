/**
 * Shutdown with a report still running past the grace period: the person waiting is told the bot
 * is restarting (privately), on Slack and on Discord, before the adapters stop.
 */
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import { createQuadrantsService } from '../../src/service';
import { InFlight, SHUTTING_DOWN_MESSAGE, type SetTimer } from '../../src/ops/inflight';
import { createShutdown } from '../../src/ops/shutdown';
import { silentLogger } from '../../src/log';
import { faults, rawVideos, startFakeTikLiveApi } from '../fakes/tikliveapi';
import { startFakeQuickChart } from '../fakes/quickchart';
import { startHarness } from '../discord/harness';
import { startWorld } from '../slack/world';

/** The drain's bound passes at once; the notice's bound never does, so the notices decide. */
function graceEndsNow(): SetTimer {
  let calls = 0;
  return (fn) => {
    calls += 1;
    if (calls === 1) queueMicrotask(fn);
    return { cancel: () => undefined };
  };
}

/** Resolves once the upstream request is out, so the report is really in flight (event-driven, no timing). */
async function upstreamReached(count: () => number): Promise<void> {
  for (let i = 0; i < 100_000 && count() === 0; i++) await new Promise((r) => setImmediate(r));
  expect(count()).toBeGreaterThan(0);
}

test('Slack: a report cut off by shutdown gets one private sentence, and nothing else', async () => {
  const inflight = new InFlight();
  // A short deadline ends the hung upstream request soon after the test, so closing is quick.
  const w = await startWorld({ inflight, deadlineMs: 1_500 });
  try {
    w.api.fail('*', faults.hang());
    await w.slack.sendSlashCommand({ text: '@mossy.kitchen' });
    await upstreamReached(() => w.api.requests.length);
    const shutdown = createShutdown({ inflight, logger: silentLogger, steps: [{ name: 'slack', stop: () => w.adapter.stop() }], setTimer: graceEndsNow() });
    await shutdown('SIGTERM');
    const told = w.slack.responses.map((r) => String(r.body.text));
    expect(told).toEqual([SHUTTING_DOWN_MESSAGE]);
    expect(w.slack.responses[0]?.body.response_type).toBe('ephemeral');
    expect(w.slack.callsTo('chat.postMessage')).toEqual([]);
  } finally {
    await w.close();
  }
});

test('Discord: the "thinking…" of a cut-off report is resolved privately with the restart sentence', async () => {
  const api = await startFakeTikLiveApi();
  const qc = await startFakeQuickChart();
  api.addCreator({ username: 'mossy.kitchen', userid: '6912345678901234567', videos: rawVideos(10) });
  const source = createTikLiveApiSource({ apiKey: api.apiKey, baseUrl: api.url, cacheTtlMs: 0, maxAttempts: 1, retryBaseMs: 1, burst: 10_000, requestsPerMinute: 1_000_000 });
  const service = createQuadrantsService({ source, quickchartBaseUrl: qc.url, deadlineMs: 1_500 });
  const inflight = new InFlight();
  const harness = await startHarness(service, { inflight });
  try {
    api.fail('*', faults.hang());
    const { token } = harness.discord.dispatchInteraction({ subcommand: 'report', options: { creator: '@mossy.kitchen' } });
    await harness.discord.waitForCall((c) => c.path.includes(token) && c.path.endsWith('/callback'));
    await upstreamReached(() => api.requests.length);
    const shutdown = createShutdown({ inflight, logger: silentLogger, steps: [], setTimer: graceEndsNow() });
    await shutdown('SIGTERM');
    const calls = harness.discord.callsFor(token);
    const followUp = calls.find((c) => c.method === 'POST' && /\/webhooks\/\d+\/[^/]+$/.test(c.path));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
    expect(followUp?.body.content).toBe(SHUTTING_DOWN_MESSAGE);
    expect((followUp?.body.flags ?? 0) & 64).toBe(64);
  } finally {
    await source.close();
    await api.close();
    await qc.close();
    await harness.close();
  }
});
