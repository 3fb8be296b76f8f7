import { QuadrantsError } from '../../src/errors';
import { createLogger, type Logger } from '../../src/log';
import { createTikLiveApiSource, type TikLiveApiSource, type TikLiveApiSourceOptions } from '../../src/tikliveapi/source';
import { rawVideos, startFakeTikLiveApi, type FakeTikLiveApi, type RawVideo } from '../fakes/tikliveapi';

export const KEY = 'tla-test-key-5f3a9c0e7d21';
export const MOSSY = { username: 'mossy.kitchen', userid: '6912345678901234567' };

/** A logger that keeps every line, to check that the key never shows up. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }), lines };
}

export interface Rig {
  api: FakeTikLiveApi;
  source: TikLiveApiSource;
  lines: string[];
  sleeps: number[];
  clock: { now: number };
  close(): Promise<void>;
}

/** The fake plus a source wired to it with tiny delays; sleeps are recorded, never waited. */
export async function rig(options: Partial<TikLiveApiSourceOptions> = {}, videos: RawVideo[] = rawVideos(12)): Promise<Rig> {
  const api = await startFakeTikLiveApi({ apiKey: KEY });
  api.addCreator({ ...MOSSY, videos });
  const { logger, lines } = captureLogger();
  const sleeps: number[] = [];
  const clock = { now: Date.UTC(2025, 10, 1) };
  const source = createTikLiveApiSource({
    apiKey: KEY,
    baseUrl: api.url,
    logger,
    now: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    retryBaseMs: 1,
    requestsPerMinute: 60_000,
    burst: 1000,
    pageTimeoutMs: 2_000,
    postTimeoutMs: 2_000,
    ...options,
  });
  return {
    api,
    source,
    lines,
    sleeps,
    clock,
    close: async () => {
      await source.close();
      await api.close();
    },
  };
}

/** The QuadrantsError a promise rejects with (fails the test if it resolves or throws something else). */
export async function failure(p: Promise<unknown>): Promise<QuadrantsError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof QuadrantsError) return err;
    throw err;
  }
  throw new Error('expected a QuadrantsError');
}
