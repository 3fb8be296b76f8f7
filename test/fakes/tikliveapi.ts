/**
 * A fake TikLiveAPI: a real node:http server on 127.0.0.1 speaking the documented flat shapes
 * (reference notes, section d) for /userid/, /userinfo-by-username/, /user-posts/ and
 * /post-detail/. Shared by the client, Slack, Discord and digest tests and by the benchmark,
 * so it never uses jest globals.
 *
 *   const api = await startFakeTikLiveApi({ apiKey: 'test-key' });
 *   api.addCreator({ username: 'mossy.kitchen', userid: '6912345678901234567', videos: rawVideos(12) });
 *   const source = createTikLiveApiSource({ apiKey: 'test-key', baseUrl: api.url });
 *   api.fail('user-posts', faults.rateLimited(1));   // next /user-posts/ answers 429, Retry-After: 1
 *   api.modes.omitListFields = ['collect_count'];     // list items lose their save counter
 *   await api.close();
 *
 * Behaviour:
 * - A missing or wrong `X-Api-Key` gets HTTP 200 `{"message":"Api-Key is not available"}`.
 * - /user-posts/ lists pinned videos (`is_top: 1`) first, then the rest newest first; the
 *   cursor is an opaque string (the offset of the next item), `hasMore` a boolean.
 * - Unknown users answer `{"status":"error","message":"User not found"}`; unknown posts
 *   `{"status":"error","message":"Not found post"}`, both with HTTP 200.
 * - A private creator: /userid/ answers "This account is private", /userinfo-by-username/
 *   has `privateAccount: true`, /user-posts/ is empty.
 * - Faults are one-shot and queued per endpoint (or '*'); every request is recorded first.
 * - Billing follows TikLiveAPI ("one successful request costs one credit"): every answer the
 *   fake serves itself is billed (its "not found" errors too), except a wrong key; faults are not
 *   billed (429, 5xx, HTML, hangs, drops, throttles) unless a `respond` fault says `billed`.
 * - The client drops records dated more than a day after its clock (`now` option, default the
 *   real time): keep `create_time` in the past. `rawVideos()` dates end at 2025-10-09.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { COUNTERS, type FakeEndpoint, type FakeFault, type RawVideo } from './tikliveapi-records';

export * from './tikliveapi-records';

export interface FakeRequest {
  /** Path without slashes, e.g. "user-posts". */
  endpoint: string;
  /** Path as requested, e.g. "/user-posts/". */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

/** Switches that change how every successful answer is written. `reset()` restores these. */
export interface FakeModes {
  /** Wrap successful bodies as `{code:0,msg:"success",processed_time,data:…}`. */
  envelope: boolean;
  /** Counters as strings with thousands separators ("1,234"). */
  stringCounters: boolean;
  /** 19-digit ids as bare JSON numbers (the JSON text is written by hand). */
  bareNumberIds: boolean;
  /** After the first page, /user-posts/ returns the cursor it was given, with hasMore true. */
  stuckCursor: boolean;
  /** Each page after the first starts with the last item of the previous page. */
  duplicatesAcrossPages: boolean;
  /** Fields removed from /user-posts/ items (not from /post-detail/), e.g. ['collect_count']. */
  omitListFields: string[];
  /** The /userid/ body: `{"user_id":…}`, a bare string, a bare number, `{"user":{"id":…}}`, or no id at all. */
  useridShape: 'object' | 'string' | 'number' | 'nested' | 'unreadable';
  /** Most items per /user-posts/ page, whatever `count` asks. */
  pageSize: number;
}

export interface FakeCreatorInput {
  username: string;
  userid: string;
  videos: RawVideo[];
  private?: boolean;
}

export interface FakeTikLiveApi {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  readonly url: string;
  readonly apiKey: string;
  /** Every request received, in order (faulted ones included). */
  readonly requests: FakeRequest[];
  /** Delay before each answer; settable at any time. */
  latencyMs: number;
  /** Requests open right now, and the most open at once since start or `reset()`. */
  readonly load: { inFlight: number; peak: number };
  readonly modes: FakeModes;
  /** Requests received for one endpoint (or all). */
  count(endpoint?: FakeEndpoint): number;
  /** Credits the API billed, for one endpoint (or all): see "Billing" above. */
  billed(endpoint?: FakeEndpoint): number;
  /** Adds or replaces a creator; their videos get the creator as author. */
  addCreator(creator: FakeCreatorInput): void;
  /** Changes one stored video (e.g. counters growing between digests). */
  updateVideo(id: string, patch: RawVideo): void;
  /** Makes `https://vm.tiktok.com/<code>/` resolve to a video in /post-detail/. */
  addShortLink(code: string, videoId: string): void;
  /** Queues a one-shot fault for `endpoint` ('*' = any), optionally after `after` normal answers. */
  fail(endpoint: FakeEndpoint | '*', fault: FakeFault, options?: { after?: number }): void;
  /**
   * Holds back every /user-posts/ answer for `userid` until the returned function is called (the
   * request stays open, as a slow upstream would keep it); then they are answered as usual.
   */
  hold(userid: string): () => void;
  /** Forgets requests, faults, creators and short links; restores modes and latency. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeTikLiveApiOptions {
  /** The key the fake accepts. Default "test-tikliveapi-key". */
  apiKey?: string;
  latencyMs?: number;
  /** Default most items per page. Default 30. */
  pageSize?: number;
}

interface StoredCreator {
  username: string;
  userid: string;
  videos: RawVideo[];
  private: boolean;
}

const defaultModes = (pageSize: number): FakeModes => ({
  envelope: false,
  stringCounters: false,
  bareNumberIds: false,
  stuckCursor: false,
  duplicatesAcrossPages: false,
  omitListFields: [],
  useridShape: 'object',
  pageSize,
});

function isPinned(v: RawVideo): boolean {
  return v.is_top === 1 || v.is_top === true || v.is_top === '1';
}

function feedOrder(videos: RawVideo[]): RawVideo[] {
  const pinned = videos.filter(isPinned);
  const rest = videos.filter((v) => !isPinned(v)).sort((a, b) => Number(b.create_time) - Number(a.create_time));
  return [...pinned, ...rest];
}

/** Starts the fake on an ephemeral port. */
export async function startFakeTikLiveApi(options: FakeTikLiveApiOptions = {}): Promise<FakeTikLiveApi> {
  const apiKey = options.apiKey ?? 'test-tikliveapi-key';
  const initialPageSize = options.pageSize ?? 30;
  const initialLatency = options.latencyMs ?? 0;
  const creators = new Map<string, StoredCreator>();
  const shortLinks = new Map<string, string>();
  const queue: Array<{ endpoint: string; fault: FakeFault; skip: number }> = [];
  const sockets = new Set<Socket>();
  const requests: FakeRequest[] = [];
  const billedRequests: string[] = [];
  const modes: FakeModes = defaultModes(initialPageSize);
  const load = { inFlight: 0, peak: 0 };
  const holds = new Map<string, Array<() => void>>();

  const byUserid = (userid: string) => [...creators.values()].find((c) => c.userid === userid);
  const findVideo = (id: string) => {
    for (const c of creators.values()) {
      const v = c.videos.find((x) => String(x.aweme_id ?? x.video_id ?? x.id) === id);
      if (v) return v;
    }
    return undefined;
  };

  function takeFault(endpoint: string): FakeFault | undefined {
    const i = queue.findIndex((q) => q.endpoint === endpoint || q.endpoint === '*');
    if (i < 0) return undefined;
    const q = queue[i] as (typeof queue)[number];
    if (q.skip > 0) {
      q.skip -= 1;
      return undefined;
    }
    queue.splice(i, 1);
    return q.fault;
  }

  /** A copy of a stored video as this answer writes it (never the stored object itself). */
  function styled(video: RawVideo): RawVideo {
    const out = { ...video };
    if (!modes.stringCounters) return out;
    for (const k of COUNTERS) if (typeof out[k] === 'number') out[k] = (out[k] as number).toLocaleString('en-US');
    return out;
  }

  function bodyText(payload: unknown): string {
    const wrapped = modes.envelope ? { code: 0, msg: 'success', processed_time: 0.12, data: payload } : payload;
    let text = JSON.stringify(wrapped);
    if (modes.bareNumberIds) text = text.replace(/"(aweme_id|video_id|id|user_id|userid|uid)":"(\d{16,})"/g, '"$1":$2');
    return text;
  }

  const error = (message: string) => ({ status: 'error', message });

  function answer(endpoint: string, q: Record<string, string>): { text: string; status?: number } {
    switch (endpoint) {
      case 'userid': {
        const c = creators.get((q.username ?? '').toLowerCase());
        if (!c) return { text: JSON.stringify(error('User not found')) };
        if (c.private) return { text: JSON.stringify(error('This account is private')) };
        switch (modes.useridShape) {
          case 'string':
            return { text: bodyText(c.userid) };
          case 'number':
            return { text: modes.envelope ? bodyText(c.userid).replace(`"${c.userid}"`, c.userid) : c.userid };
          case 'nested':
            return { text: bodyText({ user: { id: c.userid, uniqueId: c.username } }) };
          case 'unreadable':
            return { text: bodyText({ result: 'ok' }) };
          default:
            return { text: bodyText({ user_id: c.userid, username: c.username }) };
        }
      }
      case 'userinfo-by-username': {
        const c = creators.get((q.username ?? '').toLowerCase());
        if (!c) return { text: JSON.stringify(error('User not found')) };
        return {
          text: bodyText({
            user: { id: c.userid, uniqueId: c.username, nickname: c.username, secUid: `MS4wLjABAAAA${c.userid}`, verified: false, privateAccount: c.private, secret: c.private },
            stats: { followerCount: 1200, followingCount: 80, heartCount: 50_000, videoCount: c.videos.length, diggCount: 10 },
          }),
        };
      }
      case 'user-posts': {
        const c = byUserid(q.userid ?? '');
        if (!c) return { text: JSON.stringify(error('User not found')) };
        if (c.private) return { text: bodyText({ videos: [], cursor: '0', hasMore: false }) };
        const feed = feedOrder(c.videos);
        const cursor = q.cursor ?? '0';
        let offset = /^\d+$/.test(cursor) ? Number(cursor) : 0;
        if (modes.duplicatesAcrossPages && offset > 0) offset -= 1;
        const n = Math.max(1, Math.min(Number(q.count) || 10, 35, modes.pageSize));
        const page = feed.slice(offset, offset + n);
        const end = offset + page.length;
        const hasMore = end < feed.length;
        const next = modes.stuckCursor && cursor !== '0' ? cursor : hasMore ? String(end) : '0';
        const items = page.map((v) => {
          const item = styled(v);
          for (const f of modes.omitListFields) delete item[f];
          return item;
        });
        return { text: bodyText({ videos: items, cursor: next, hasMore: modes.stuckCursor ? true : hasMore }) };
      }
      case 'post-detail': {
        const url = q.url ?? '';
        if (!url) return { text: JSON.stringify(error('url parsing is failed! please check url.')) };
        const short = /^https?:\/\/(?:vm|vt)\.tiktok\.com\/([A-Za-z0-9]+)\/?$/.exec(url)?.[1];
        const id = short ? shortLinks.get(short) : /\/(?:video|photo)\/(\d+)/.exec(url)?.[1];
        const v = id ? findVideo(id) : undefined;
        if (!v) return { text: JSON.stringify(error('Not found post')) };
        const detail = styled({ ...v, id: v.aweme_id ?? v.video_id ?? v.id, origin_cover: v.cover, hdplay: v.play, wmplay: v.play, size: 3_120_044 });
        return { text: bodyText(detail) };
      }
      default:
        return { status: 404, text: JSON.stringify({ message: 'Not Found' }) };
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  const endpointOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/+|\/+$/g, '');

  function applyFault(fault: FakeFault, req: IncomingMessage, res: ServerResponse): void {
    switch (fault.kind) {
      case 'hang':
        return; // The socket stays open until the client gives up or close() runs.
      case 'drop':
        req.socket.destroy();
        return;
      case 'html':
        res.writeHead(fault.status ?? 200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>');
        return;
      case 'respond':
        send(res, fault.status ?? 200, fault.body ?? '', fault.headers);
        if (fault.billed) billedRequests.push(endpointOf(req));
    }
  }

  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = parsed.pathname.replace(/^\/+|\/+$/g, '');
    const query = Object.fromEntries(parsed.searchParams.entries());
    requests.push({ endpoint, path: parsed.pathname, query, headers: req.headers });
    load.inFlight += 1;
    load.peak = Math.max(load.peak, load.inFlight);
    res.on('close', () => (load.inFlight -= 1));
    const respond = () => {
      if (res.destroyed) return;
      const fault = takeFault(endpoint);
      if (fault) return applyFault(fault, req, res);
      if (req.headers['x-api-key'] !== apiKey) return send(res, 200, { message: 'Api-Key is not available' });
      const out = answer(endpoint, query);
      send(res, out.status ?? 200, out.text);
      if ((out.status ?? 200) < 300) billedRequests.push(endpoint);
    };
    const held = endpoint === 'user-posts' ? holds.get(query.userid ?? '') : undefined;
    const reply = (): void => {
      if (fake.latencyMs > 0) setTimeout(respond, fake.latencyMs);
      else respond();
    };
    if (held) held.push(reply);
    else reply();
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeTikLiveApi = {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    latencyMs: initialLatency,
    load,
    modes,
    count: (endpoint) => (endpoint ? requests.filter((r) => r.endpoint === endpoint).length : requests.length),
    billed: (endpoint) => (endpoint ? billedRequests.filter((e) => e === endpoint).length : billedRequests.length),
    addCreator(c) {
      const author = { id: c.userid, unique_id: c.username, nickname: c.username, avatar: 'https://cdn.example.invalid/a.jpg' };
      const videos = c.videos.map((v) => ({ ...v, author: { ...author, ...(v.author as object | undefined), id: c.userid, unique_id: c.username } }));
      creators.set(c.username.toLowerCase(), { username: c.username, userid: c.userid, videos, private: c.private ?? false });
    },
    updateVideo(id, patch) {
      const v = findVideo(id);
      if (!v) throw new Error(`fake TikLiveAPI: no video ${id}`);
      Object.assign(v, patch);
    },
    addShortLink(code, videoId) {
      shortLinks.set(code, videoId);
    },
    hold(userid) {
      const waiting: Array<() => void> = [];
      holds.set(userid, waiting);
      return () => {
        if (holds.get(userid) === waiting) holds.delete(userid);
        for (const reply of waiting.splice(0)) reply();
      };
    },
    fail(endpoint, fault, opts = {}) {
      queue.push({ endpoint, fault, skip: opts.after ?? 0 });
    },
    reset() {
      requests.length = 0;
      billedRequests.length = 0;
      queue.length = 0;
      load.peak = load.inFlight;
      creators.clear();
      shortLinks.clear();
      Object.assign(modes, defaultModes(initialPageSize));
      fake.latencyMs = initialLatency;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        for (const s of sockets) s.destroy();
      }),
  };
  return fake;
}
