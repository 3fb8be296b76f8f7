import { request } from 'undici';
import { faults, rawVideos, startFakeTikLiveApi, type FakeTikLiveApi } from '../fakes/tikliveapi';

const KEY = 'fake-contract-key-1234';

async function get(api: FakeTikLiveApi, path: string, key = KEY): Promise<{ status: number; text: string }> {
  const res = await request(`${api.url}${path}`, { headers: { 'x-api-key': key } });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('the fake TikLiveAPI itself', () => {
  let api: FakeTikLiveApi;
  beforeEach(async () => {
    api = await startFakeTikLiveApi({ apiKey: KEY });
    api.addCreator({ username: 'mossy.kitchen', userid: '6912345678901234567', videos: rawVideos(5) });
  });
  afterEach(async () => {
    await api.close();
  });

  it('answers a wrong key in-band with HTTP 200, as the real API does', async () => {
    expect(await get(api, '/userid/?username=mossy.kitchen', 'wrong')).toEqual({ status: 200, text: '{"message":"Api-Key is not available"}' });
  });

  it('records every request with its query and headers', async () => {
    await get(api, '/user-posts/?userid=6912345678901234567&count=2&cursor=0');
    expect(api.requests).toEqual([expect.objectContaining({ endpoint: 'user-posts', path: '/user-posts/', query: { userid: '6912345678901234567', count: '2', cursor: '0' } })]);
    expect(api.requests[0]?.headers['x-api-key']).toBe(KEY);
  });

  it('pages with an opaque cursor and hasMore', async () => {
    const first = JSON.parse((await get(api, '/user-posts/?userid=6912345678901234567&count=2&cursor=0')).text);
    expect(first).toMatchObject({ cursor: '2', hasMore: true });
    expect(first.videos).toHaveLength(2);
    const last = JSON.parse((await get(api, '/user-posts/?userid=6912345678901234567&count=2&cursor=4')).text);
    expect(last).toMatchObject({ cursor: '0', hasMore: false });
  });

  it('writes bare-number ids and the envelope when asked', async () => {
    api.modes.bareNumberIds = true;
    api.modes.envelope = true;
    const { text } = await get(api, '/userid/?username=mossy.kitchen');
    expect(text).toContain('"user_id":6912345678901234567');
    expect(text).toMatch(/^\{"code":0,"msg":"success"/);
  });

  it('serves queued faults once each, after the asked number of normal answers', async () => {
    api.fail('userid', faults.rateLimited(3), { after: 1 });
    expect((await get(api, '/userid/?username=mossy.kitchen')).status).toBe(200);
    const limited = await request(`${api.url}/userid/?username=mossy.kitchen`, { headers: { 'x-api-key': KEY } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('3');
    await limited.body.text();
    expect((await get(api, '/userid/?username=mossy.kitchen')).status).toBe(200);
  });

  it('forgets everything on reset', async () => {
    api.modes.envelope = true;
    api.fail('*', faults.html());
    await get(api, '/userid/?username=mossy.kitchen');
    api.reset();
    expect(api.requests).toEqual([]);
    expect(api.modes.envelope).toBe(false);
    expect(JSON.parse((await get(api, '/userid/?username=mossy.kitchen')).text)).toEqual({ status: 'error', message: 'User not found' });
  });

  it('closes even with a hanging request open', async () => {
    api.fail('user-posts', faults.hang());
    const pending = request(`${api.url}/user-posts/?userid=1`, { headers: { 'x-api-key': KEY } }).catch((err: unknown) => err);
    await new Promise<void>((resolve) => {
      const check = () => (api.load.inFlight > 0 ? resolve() : setImmediate(check));
      check();
    });
    await api.close();
    expect(await pending).toBeInstanceOf(Error);
    api = await startFakeTikLiveApi({ apiKey: KEY }); // for afterEach
  });
});
