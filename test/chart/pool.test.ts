/**
 * The chart pool: real charts drawn on worker threads (Chart.js on @napi-rs/canvas), at most `size`
 * at once, a broken render failing only its own chart, and the event loop free while charts draw.
 */
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { buildChartConfig, buildCompareChartConfig, buildDigestChartConfig, buildPlacementChartConfig, type ChartConfig } from '../../src/chart/config';
import { ChartPool, closeSharedChartPool, defaultPoolSize } from '../../src/chart/pool';
import { createLocalRenderer } from '../../src/chart/renderer';
import { sampleCompare, sampleDigest, samplePlacement, sampleReport } from '../../src/chart/samples';
import { CHART_HEIGHT, CHART_PIXEL_RATIO, CHART_WIDTH } from '../../src/chart/theme';
import { CHART_FAILED } from '../../src/chat/chart-delivery';
import { QuadrantsError } from '../../src/errors';
import { FAULTS } from './fixtures/faulty-render';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FAULTY = join(__dirname, 'fixtures', 'faulty-render.ts');

const report = (): ChartConfig => buildChartConfig(sampleReport(35))!;

/** A real report chart whose first dataset label tells the faulty renderer what to do. */
function faulty(fault: string): ChartConfig {
  const config = report();
  (config.data.datasets[0] as { label?: string }).label = fault;
  return config;
}

async function expectChart(png: Buffer): Promise<void> {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const img = await loadImage(png);
  expect([img.width, img.height]).toEqual([CHART_WIDTH * CHART_PIXEL_RATIO, CHART_HEIGHT * CHART_PIXEL_RATIO]);
}

/** The render's error, caught at once (a rejection may come before the test awaits it). */
function caught(p: Promise<Buffer>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

async function expectUnavailable(failure: Promise<unknown>): Promise<void> {
  const err = await failure;
  expect(err).toBeInstanceOf(QuadrantsError);
  expect((err as QuadrantsError).code).toBe('CHART_UNAVAILABLE');
  // The line people see in place of the picture.
  expect((err as QuadrantsError).userMessage).toBe(CHART_FAILED);
}

/** Resolves once `done()` holds, checked every few ms (the test's timeout bounds the wait). */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : setTimeout(check, 5));
    check();
  });
}

/** Counts event-loop turns until stopped. */
function loopTurns(): { count(): number; stop(): void } {
  let turns = 0;
  let spinning = true;
  const spin = () => {
    turns += 1;
    if (spinning) setImmediate(spin);
  };
  setImmediate(spin);
  return { count: () => turns, stop: () => (spinning = false) };
}

describe('chart pool', () => {
  const pools: ChartPool[] = [];
  const pool = (options: ConstructorParameters<typeof ChartPool>[0]) => {
    const p = new ChartPool(options);
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('is sized to the machine: one core left to the event loop, at most two threads', () => {
    expect([1, 2, 3, 4, 64].map((cores) => defaultPoolSize(cores))).toEqual([1, 1, 2, 2, 2]);
  });

  it('starts no thread until the first chart, then draws every chart kind to a PNG of the chart size', async () => {
    const p = pool({ size: 1 });
    expect(p.stats()).toMatchObject({ workers: 0, started: 0 });
    const digest = sampleDigest();
    const configs = [report(), buildCompareChartConfig(sampleCompare(35, 3))!, buildPlacementChartConfig(samplePlacement())!, buildDigestChartConfig(digest.report, digest.previous)!];
    for (const config of configs) await expectChart(await p.render(config));
    expect(p.stats()).toMatchObject({ workers: 1, started: 1, busy: 0, queued: 0 });
  });

  it('draws at most `size` charts at once; the rest wait their turn and all arrive', async () => {
    const p = pool({ size: 2 });
    const rendering = Array.from({ length: 6 }, () => p.render(report()));
    expect(p.stats()).toMatchObject({ workers: 2, busy: 2, queued: 4 });
    const pngs = await Promise.all(rendering);
    for (const png of pngs) await expectChart(png);
    expect(p.stats()).toMatchObject({ workers: 2, started: 2, busy: 0, queued: 0, peakBusy: 2 });
  });

  it.each([
    ['throws', FAULTS.throws],
    ['calls process.exit', FAULTS.exits],
    ['dies of an uncaught exception', FAULTS.uncaught],
  ])('a render that %s fails that chart only; the next chart is drawn', async (_what, fault) => {
    const p = pool({ size: 1, renderModule: FAULTY });
    const broken = caught(p.render(faulty(fault)));
    const next = p.render(report());
    await expectUnavailable(broken);
    await expectChart(await next);
  });

  it('replaces a thread that died, and one that hung past the timeout', async () => {
    const p = pool({ size: 1, renderModule: FAULTY, timeoutMs: 5_000 });
    await expectChart(await p.render(report()));
    await expectUnavailable(caught(p.render(faulty(FAULTS.exits))));
    await expectUnavailable(caught(p.render(faulty(FAULTS.hangs))));
    await expectChart(await p.render(report()));
    // The first thread, its replacement after the exit, and the one after the hang.
    expect(p.stats()).toMatchObject({ workers: 1, started: 3 });
  });

  it('stops a thread left idle, and starts a new one for the next chart', async () => {
    const p = pool({ size: 1, idleMs: 20 });
    await expectChart(await p.render(report()));
    await until(() => p.stats().workers === 0);
    await expectChart(await p.render(report()));
    expect(p.stats()).toMatchObject({ started: 2 });
  });

  it('fails waiting charts when closed, and refuses new ones', async () => {
    const p = pool({ size: 1 });
    const waiting = [caught(p.render(report())), caught(p.render(report()))];
    await p.close();
    for (const w of waiting) await expectUnavailable(w);
    await expectUnavailable(caught(p.render(report())));
    expect(p.stats().workers).toBe(0);
  });

  it('keeps the event loop turning while ten charts are drawn', async () => {
    const p = pool({ size: 1 });
    const loop = loopTurns();
    const turnsWhenDone: number[] = [];
    await Promise.all(Array.from({ length: 10 }, () => p.render(report()).then(() => turnsWhenDone.push(loop.count()))));
    loop.stop();
    // Drawn on the event loop, all ten would finish before its first turn (every entry 0). Here
    // the loop turned before the first chart was back and again between any two charts.
    expect(turnsWhenDone[0]).toBeGreaterThan(0);
    for (let i = 1; i < turnsWhenDone.length; i++) expect(turnsWhenDone[i]).toBeGreaterThan(turnsWhenDone[i - 1]!);
  });
});

describe('CHART_RENDERER=local', () => {
  afterAll(() => closeSharedChartPool());

  it('draws through the pool: the event loop turns while ten charts are drawn', async () => {
    const renderer = createLocalRenderer();
    const loop = loopTurns();
    const turnsWhenDone: number[] = [];
    const pngs = await Promise.all(Array.from({ length: 10 }, () => renderer.png(report()).then((png) => (turnsWhenDone.push(loop.count()), png))));
    loop.stop();
    await expectChart(pngs[9]!);
    // Drawn synchronously, every chart is done before the loop's first turn.
    expect(Math.min(...turnsWhenDone)).toBeGreaterThan(0);
    expect(Math.max(...turnsWhenDone)).toBeGreaterThan(Math.min(...turnsWhenDone));
  });
});
