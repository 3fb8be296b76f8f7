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

/** Draws `configs` all at once; wall time per chart and event-loop turns the loop got meanwhile. */
async function mix(render: (c: ChartConfig) => Buffer | Promise<Buffer>, configs: ChartConfig[]): Promise<{ perChart: number; turns: number }> {
  let turns = 0;
  let spinning = true;
  const spin = () => {
    turns += 1;
    if (spinning) setImmediate(spin);
  };
  setImmediate(spin);
  const started = performance.now();
  await Promise.all(configs.map(async (c) => render(c)));
  const wall = performance.now() - started;
  spinning = false;
  return { perChart: wall / configs.length, turns };
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
    const sync = await mix((c) => renderLocalPng(c), configs);
    const pooled = await mix((c) => pool.render(c), configs);
    const threads = pool.stats().started;
    out.push({
      row: `chart pool: mix of ${configs.length} charts at once, ${threads} thread(s): time per chart, event-loop turns meanwhile (before: on the event loop)`,
      measured: `${ms(pooled.perChart)}, ${pooled.turns} turns (before ${ms(sync.perChart)}, ${sync.turns} turns)`,
      target: 'turns > 0',
      ok: pooled.turns > 0,
    });
  } finally {
    await pool.close();
  }
  return out;
}
