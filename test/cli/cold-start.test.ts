/**
 * What a cold `quadrants report <id> --json` loads, and when: the structure behind its start-up
 * time, not the time itself (that is the bench's "cold time-to-chart" row). The built binary runs
 * with load-probe.cjs preloaded, which lists the packages in the module cache at the first
 * upstream connection and at exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';
import { execFileSync } from 'node:child_process';
import { BIN, cleanEnv, ensureBuilt } from './helpers';

const built = ensureBuilt();
const PROBE = join(__dirname, 'load-probe.cjs');
const CREATOR = { username: 'cold.start', userid: '6912345678901234599' };

/** Packages the report path never needs: the renderer, the stores and the chat SDKs. */
const NEVER = ['chart.js', 'chartjs-plugin-annotation', 'chartjs-plugin-datalabels', '@napi-rs/canvas', 'pg', 'better-sqlite3', 'discord.js', '@slack/bolt', 'node-cron'];

interface Probe {
  atFirstConnect: string[] | null;
  atExit: string[];
  connects: number;
}

function runProbed(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; probe: Probe }> {
  const dir = mkdtempSync(join(tmpdir(), 'quadrants-probe-'));
  const out = join(dir, 'probe.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', PROBE, BIN, ...argv], { env: { ...env, LOAD_PROBE_OUT: out }, cwd: tmpdir(), stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code: code ?? -1, stdout, probe: JSON.parse(readFileSync(out, 'utf8')) as Probe });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('cold `quadrants report <id> --json`', () => {
  let api: FakeTikLiveApi;
  beforeAll(async () => {
    if (!built) throw new Error('dist/ could not be built; run `npm run build` to see why.');
    api = await startFakeTikLiveApi();
  });
  afterAll(async () => api.close());
  beforeEach(() => {
    api.reset();
    api.addCreator({ ...CREATOR, videos: rawVideos(12) });
  });
  const env = () => cleanEnv({ TIKLIVEAPI_KEY: api.apiKey, TIKLIVEAPI_BASE_URL: api.url });

  it('asks TikLiveAPI once for a numeric id, before zod, undici or the chat core is loaded', async () => {
    const r = await runProbed(['report', CREATOR.userid, '--json'], env());
    expect(r.code).toBe(0);
    // The report a person reads: the creator, the ten newest posts and the chart's address.
    const json = JSON.parse(r.stdout) as { creator: { username: string; userid: string }; posts: unknown[]; chartUrl: string };
    expect(json.creator).toMatchObject({ username: CREATOR.username, userid: CREATOR.userid });
    expect(json.posts).toHaveLength(10);
    expect(json.chartUrl).toMatch(/^https:\/\/quickchart\.io\/chart\?/);
    // One round trip, sent first: the program loads while the API answers, and uses that answer.
    expect(api.requests.map((q) => q.endpoint)).toEqual(['user-posts']);
    expect(r.probe.connects).toBe(1);
    // No package yet but the stand-in for zod's locale index that deferZodLocales puts in the module cache.
    expect(r.probe.atFirstConnect).toEqual(['zod', 'zod/locales:1']);
    expect(r.probe.atExit).toEqual(expect.arrayContaining(['undici', 'zod']));
    expect(r.probe.atExit).not.toContain('undici/index.js');
    // zod's English messages and the stand-in for its locale index, not its 40-odd other locales.
    expect(r.probe.atExit).toContain('zod/locales:2');
  });

  it('never loads the renderer, the stores, the scheduler or the chat SDKs', async () => {
    const r = await runProbed(['report', CREATOR.userid, '--json'], env());
    expect(r.code).toBe(0);
    expect(r.probe.atExit.filter((p) => NEVER.includes(p))).toEqual([]);
    expect(r.probe.atExit).not.toContain('undici/index.js');
    expect(r.probe.atExit).toContain('zod/locales:2');
  });

  it('looks a handle up first: /userid/, then the posts, and still without the renderer or SDKs', async () => {
    const r = await runProbed(['report', `@${CREATOR.username}`, '--json'], env());
    expect(r.code).toBe(0);
    expect(api.requests.map((q) => q.endpoint)).toEqual(['userid', 'user-posts']);
    expect(r.probe.atExit.filter((p) => NEVER.includes(p))).toEqual([]);
  });
});

describe('deferZodLocales', () => {
  /** Runs `script` in a fresh node after deferZodLocales() from the build; returns its JSON output. */
  const inChild = (script: string): unknown =>
    JSON.parse(
      execFileSync(process.execPath, ['-e', `require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'src', 'zod-locales.js'))}).deferZodLocales();\n${script}`], {
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      }),
    );
  const LOCALE_FILES = "Object.keys(require.cache).filter((f) => /zod[\\/]v4[\\/]locales[\\/]/.test(f)).length";

  it('keeps zod’s English messages and loads the other locales only when z.locales is used', () => {
    const out = inChild(`
      const { z } = require('zod');
      const message = z.number().safeParse('x').error.issues[0].message;
      const before = ${LOCALE_FILES};
      z.config(z.locales.fr());
      const french = z.number().safeParse('x').error.issues[0].message;
      process.stdout.write(JSON.stringify({ message, before, after: ${LOCALE_FILES}, french }));`);
    expect(out).toEqual({
      message: 'Invalid input: expected number, received string',
      before: 2,
      after: expect.any(Number),
      french: expect.stringMatching(/^Entrée invalide/),
    });
    expect((out as { after: number }).after).toBeGreaterThan(40);
  });
});
