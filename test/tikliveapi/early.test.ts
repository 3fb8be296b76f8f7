/**
 * The early request of a cold `quadrants report <id>` (src/tikliveapi/early.ts,
 * src/ops/early-report.ts): only a plain report by id with a usable key qualifies, and the
 * client uses the answer already in flight instead of asking again, counting its credit once.
 */
import { earlyReportUrl } from '../../src/ops/early-report';
import { startEarly, takeEarly } from '../../src/tikliveapi/early';
import { faults } from '../fakes/tikliveapi';
import { failure, KEY, MOSSY, rig, type Rig } from './helpers';

describe('earlyReportUrl', () => {
  const env = { TIKLIVEAPI_KEY: KEY, TIKLIVEAPI_BASE_URL: 'http://127.0.0.1:9/api/' };

  it('names the first posts page of a report by id, as the client asks for it', () => {
    expect(earlyReportUrl(['report', MOSSY.userid, '--json'], env)).toEqual({
      url: `http://127.0.0.1:9/api/user-posts/?userid=${MOSSY.userid}&count=13&cursor=0`,
      apiKey: KEY,
    });
    expect(earlyReportUrl(['report', MOSSY.userid], { TIKLIVEAPI_KEY: KEY })?.url).toBe(`https://api.tikliveapi.com/user-posts/?userid=${MOSSY.userid}&count=13&cursor=0`);
  });

  it('starts nothing for any other command line or a key the configuration would refuse', () => {
    for (const argv of [
      ['report', '@mossy.kitchen'],
      ['report', MOSSY.userid, '--posts', '20'],
      ['report', MOSSY.userid, '--demo'],
      ['report', MOSSY.userid, '--json', '--json'],
      ['compare', MOSSY.userid, '6912345678901234568'],
      ['trend', MOSSY.userid],
      ['report', '1234'],
    ]) {
      expect(earlyReportUrl(argv, env)).toBeNull();
    }
    expect(earlyReportUrl(['report', MOSSY.userid], {})).toBeNull();
    expect(earlyReportUrl(['report', MOSSY.userid], { TIKLIVEAPI_KEY: ` ${KEY}` })).toBeNull();
    expect(earlyReportUrl(['report', MOSSY.userid], { TIKLIVEAPI_KEY: KEY, TIKLIVEAPI_BASE_URL: 'ftp://example.com' })).toBeNull();
  });
});

describe('the client and an early answer', () => {
  let r: Rig;
  afterEach(async () => {
    await r.close();
  });
  const first = (url: string) => `${url}/user-posts/?userid=${MOSSY.userid}&count=13&cursor=0`;

  it('uses the answer in flight: one request, one credit, the same posts', async () => {
    r = await rig();
    await startEarly(first(r.api.url), KEY);
    const got = await r.source.getPosts({ username: '', userid: MOSSY.userid }, 10);
    expect(got.posts).toHaveLength(10);
    expect(got.credits).toBe(1);
    expect(r.api.count()).toBe(1);
    expect(r.api.billed()).toBe(1);
    expect(takeEarly(first(r.api.url), KEY)).toBeUndefined();
  });

  it('asks again when the early answer failed in a way worth retrying', async () => {
    r = await rig();
    r.api.fail('user-posts', faults.serverError(503));
    await startEarly(first(r.api.url), KEY);
    const got = await r.source.getPosts({ username: '', userid: MOSSY.userid }, 10);
    expect(got.posts).toHaveLength(10);
    expect(r.api.count()).toBe(2);
    expect(r.api.billed()).toBe(1);
  });

  it('never takes an answer asked with another key: the client asks with its own', async () => {
    r = await rig();
    await startEarly(first(r.api.url), 'another-key-0001');
    const got = await r.source.getPosts({ username: '', userid: MOSSY.userid }, 10);
    expect(got.credits).toBe(1);
    expect(r.api.requests.map((q) => q.headers['x-api-key'])).toEqual(['another-key-0001', KEY]);
  });

  it('says what any refused request says when the early answer is a refused key', async () => {
    r = await rig();
    r.api.fail('user-posts', faults.status(401, { message: 'Invalid API key' }));
    await startEarly(first(r.api.url), KEY);
    expect((await failure(r.source.getPosts({ username: '', userid: MOSSY.userid }, 10))).code).toBe('BAD_API_KEY');
    expect(r.api.count()).toBe(1);
  });
});
