/**
 * Failure sentences that say what actually happened: the bot could not reach TikLiveAPI from
 * its host (DNS, refused connection), or the API asked for a specific wait (Retry-After).
 */
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { createTikLiveApiSource } from '../../src/tikliveapi/source';
import { CreditMeter, TikLiveApiHttp } from '../../src/tikliveapi/http';
import { Pacer } from '../../src/tikliveapi/pacer';
import { spokenDuration } from '../../src/tikliveapi/sentences';
import { silentLogger } from '../../src/log';
import { faults } from '../fakes/tikliveapi';
import { failure, KEY, MOSSY, rig, type Rig } from './helpers';

const UNREACHABLE = /^The bot cannot reach TikLiveAPI from its host; .*network.*TIKLIVEAPI_BASE_URL/;

describe('spokenDuration', () => {
  it.each([
    [1, '1 second'],
    [1_000, '1 second'],
    [1_200, '2 seconds'],
    [45_000, '45 seconds'],
    [60_000, 'a minute'],
    [61_000, '2 minutes'],
    [120_000, '2 minutes'],
    [3_600_000, '60 minutes'],
    [7_200_000, '2 hours'],
  ])('%i ms is "%s"', (ms, words) => {
    expect(spokenDuration(ms)).toBe(words);
  });
});

describe('cannot reach TikLiveAPI', () => {
  it('says so for a refused connection, not that TikLiveAPI is not answering', async () => {
    const source = createTikLiveApiSource({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', retryBaseMs: 1, sleep: async () => undefined });
    try {
      const err = await failure(source.getPosts(MOSSY, 5));
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.userMessage).toMatch(UNREACHABLE);
      expect(err.userMessage).not.toMatch(/not answering/);
    } finally {
      await source.close();
    }
  });

  it('says so for a DNS failure (the name lookup fails on this host, nothing leaves it)', async () => {
    const lookup = ((hostname: string, _options: unknown, callback: (err: Error) => void) => {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
    }) as unknown as LookupFunction;
    const dispatcher = new Agent({ connect: { lookup } });
    const http = new TikLiveApiHttp({
      apiKey: KEY,
      baseUrl: 'http://api.quadrants-test.invalid',
      pacer: new Pacer({ requestsPerMinute: 60_000, burst: 100 }),
      logger: silentLogger,
      dispatcher,
      retryBaseMs: 1,
      sleep: async () => undefined,
    });
    const meter = new CreditMeter();
    try {
      const err = await failure(http.get({ endpoint: 'userid', query: { username: 'x' }, timeoutMs: 2_000, kind: 'userid', notFound: 'CREATOR_NOT_FOUND' }, meter));
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.message).toContain('ENOTFOUND');
      expect(err.userMessage).toMatch(UNREACHABLE);
      expect(meter.spent).toBe(0);
    } finally {
      await dispatcher.close();
    }
  });

  it('keeps "not answering" for a server that is reached but fails', async () => {
    const r = await rig();
    try {
      for (let i = 0; i < 3; i++) r.api.fail('user-posts', faults.serverError(503));
      expect((await failure(r.source.getPosts(MOSSY, 5))).userMessage).toMatch(/TikLiveAPI is not answering right now/);
    } finally {
      await r.close();
    }
  });
});

describe('rate limited', () => {
  let r: Rig;
  afterEach(async () => {
    await r.close();
  });

  it('repeats a 120 s Retry-After as two minutes, not "a minute"', async () => {
    r = await rig({ maxRetryDelayMs: 5_000 });
    r.api.fail('user-posts', faults.rateLimited(120));
    const err = await failure(r.source.getPosts(MOSSY, 5));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.userMessage).toBe('TikLiveAPI is rate limiting us right now; wait 2 minutes and run the command again.');
  });

  it('says seconds for a short wait', async () => {
    r = await rig({ maxRetryDelayMs: 5_000 });
    r.api.fail('user-posts', faults.rateLimited(45));
    expect((await failure(r.source.getPosts(MOSSY, 5))).userMessage).toMatch(/wait 45 seconds and run/);
  });

  it('keeps the general sentence when the API gave no Retry-After', async () => {
    r = await rig();
    for (let i = 0; i < 3; i++) r.api.fail('user-posts', faults.rateLimited());
    const err = await failure(r.source.getPosts(MOSSY, 5));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.userMessage).toBe('TikLiveAPI is rate limiting us right now; wait a minute and run the command again.');
  });
});
