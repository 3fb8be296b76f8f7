/**
 * The built chart pool in a process of its own (`dist/`, as the bot and the CLI run it): the main
 * thread never loads Chart.js or the canvas, and idle worker threads do not keep the process alive.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt } from '../cli/helpers';

const built = ensureBuilt();
const DIST = join(__dirname, '..', '..', 'dist', 'src', 'chart');

/** Renders two charts through the local renderer, reports what the main thread loaded, then simply ends. */
const SCRIPT = `
const { createLocalRenderer } = require(${JSON.stringify(join(DIST, 'renderer.js'))});
const { buildChartConfig } = require(${JSON.stringify(join(DIST, 'config.js'))});
const { sampleReport } = require(${JSON.stringify(join(DIST, 'samples.js'))});
const loaded = () => Object.keys(require.cache).filter((k) => /[\\\\/](chart\\.js|@napi-rs[\\\\/]canvas|chartjs-plugin-[a-z]+)[\\\\/]/.test(k));
const before = loaded();
const renderer = createLocalRenderer();
Promise.all([renderer.png(buildChartConfig(sampleReport(35))), renderer.png(buildChartConfig(sampleReport(10)))]).then((pngs) => {
  process.stdout.write(JSON.stringify({ before, after: loaded(), sizes: pngs.map((p) => p.length), signature: pngs.map((p) => p.subarray(1, 4).toString()) }));
});
`;

function run(): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // A safety net only: a process kept alive by its workers is killed and fails the test below.
    const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('chart pool, built, in its own process', () => {
  it('draws on worker threads only, and the process ends by itself once the charts are in', async () => {
    if (!built) throw new Error('dist/ could not be built; run `npm run build` to see why.');
    const r = await run();
    expect(r.stderr).toBe('');
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    const out = JSON.parse(r.stdout) as { before: string[]; after: string[]; sizes: number[]; signature: string[] };
    expect(out.signature).toEqual(['PNG', 'PNG']);
    out.sizes.forEach((n) => expect(n).toBeGreaterThan(1_000));
    expect(out.before).toEqual([]);
    expect(out.after).toEqual([]);
  });
});
