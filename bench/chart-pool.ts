/**
 * Chart pool rows: render time per chart kind on the worker pool (what CHART_RENDERER=local uses),
 * beside the same charts drawn synchronously on the event loop (the renderer before the pool), and
 * how many event-loop turns each way leaves while a mix of charts is drawn.
 */
import { buildChartConfig, buildCompareChartConfig, buildDigestChartConfig, buildPlacementChartConfig, type ChartConfig } from '../src/chart/config';
import { renderLocalPng } from '../src/chart/local';
import { ChartPool } from '../src/chart/pool';
import { sampleCompare, sampleDigest, samplePlacement, sampleReport } from '../src/chart/samples';
import { median, ms, type BenchRow } from './table';

const RENDER_TARGET_MS = 150;
const RUNS = 11;

function kinds(): Array<[string, ChartConfig]> {
  const digest = sampleDigest();
  return [
    ['report, 35 posts', buildChartConfig(sampleReport(35))!],
    ['compare, 3 creators x 35 posts', buildCompareChartConfig(sampleCompare(35, 3))!],
    ['post placement', buildPlacementChartConfig(samplePlacement())!],
    ['digest, 15 posts', buildDigestChartConfig(digest.report, digest.previous)!],
  ];
}

/** Median time of `RUNS` renders one after another, after three warm-ups. */
async function medianOf(render: () => Buffer | Promise<Buffer>): Promise<number> {
  for (let i = 0; i < 3; i++) await render();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await render();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Draws `configs` all at once: wall time per chart. */
async function perChart(render: (c: ChartConfig) => Buffer | Promise<Buffer>, configs: ChartConfig[]): Promise<number> {
  const started = performance.now();
  await Promise.all(configs.map(async (c) => render(c)));
  return (performance.now() - started) / configs.length;
}

/**
 * Draws `configs` all at once and counts the event-loop turns meanwhile. A separate pass from the
 * timing: the counting loop keeps a core busy, which would slow the threads it watches.
 */
async function turnsWhile(render: (c: ChartConfig) => Buffer | Promise<Buffer>, configs: ChartConfig[]): Promise<number> {
  let turns = 0;
  let spinning = true;
  const spin = () => {
    turns += 1;
    if (spinning) setImmediate(spin);
  };
  setImmediate(spin);
  await Promise.all(configs.map(async (c) => render(c)));
  spinning = false;
  return turns;
}

export async function rows(): Promise<BenchRow[]> {
  const pool = new ChartPool();
  const out: BenchRow[] = [];
  try {
    for (const [name, config] of kinds()) {
      const before = await medianOf(() => renderLocalPng(config));
      const after = await medianOf(() => pool.render(config));
      out.push({
        row: `chart pool: render, ${name} (median of ${RUNS}; before: on the event loop)`,
        measured: `${ms(after)} (before ${ms(before)})`,
        target: `< ${RENDER_TARGET_MS} ms`,
        ok: after < RENDER_TARGET_MS,
      });
    }
    const configs = Array.from({ length: 5 }, () => kinds().map(([, c]) => c)).flat();
    const sync = (c: ChartConfig) => renderLocalPng(c);
    const pooled = (c: ChartConfig) => pool.render(c);
    const [syncMs, poolMs] = [await perChart(sync, configs), await perChart(pooled, configs)];
    const [syncTurns, poolTurns] = [await turnsWhile(sync, configs), await turnsWhile(pooled, configs)];
    out.push({
      row: `chart pool: mix of ${configs.length} charts at once (4 kinds), ${pool.stats().started} thread(s): time per chart (before: on the event loop)`,
      measured: `${ms(poolMs)} (before ${ms(syncMs)})`,
      target: 'informational',
      ok: true,
    });
    out.push({
      row: `chart pool: event-loop turns while those ${configs.length} charts are drawn (before: on the event loop)`,
      measured: `${poolTurns} (before ${syncTurns})`,
      target: '> 0',
      ok: poolTurns > 0,
    });
  } finally {
    await pool.close();
  }
  return out;
}
