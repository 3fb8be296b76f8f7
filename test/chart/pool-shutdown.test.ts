/**
 * The bot's graceful shutdown stops the chart pool: its threads end with the process's other
 * components, and nothing is left to keep the process alive.
 */
import { buildChartConfig } from '../../src/chart/config';
import { sharedChartPool } from '../../src/chart/pool';
import { sampleReport } from '../../src/chart/samples';
import { main } from '../../src/ops/run';
import { fakeIo, fakeWorld } from '../ops/helpers';

const ENV = { DISCORD_TOKEN: 'pool-discord-token-0001', DISCORD_APPLICATION_ID: '123456789012345678', PORT: '0' };

describe('shutdown and the chart pool', () => {
  it('SIGTERM stops the pool a chart was drawn on', async () => {
    const world = fakeWorld();
    const io = fakeIo();
    const result = await main([], { ...ENV }, io, () => world.deps);
    if (result.code !== null) throw new Error(`did not start: ${io.err.join('\n')}`);
    const pool = sharedChartPool();
    const png = await pool.render(buildChartConfig(sampleReport(10))!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(pool.stats().workers).toBe(1);

    io.signal('SIGTERM');
    await expect(io.exited).resolves.toBe(0);
    expect(pool.stats().workers).toBe(0);
    await expect(pool.render(buildChartConfig(sampleReport(10))!)).rejects.toMatchObject({ code: 'CHART_UNAVAILABLE' });
    // The next chart (a later start in the same process) gets a fresh pool.
    expect(sharedChartPool()).not.toBe(pool);
  });
});
