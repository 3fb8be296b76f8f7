/**
 * A fake Discord on 127.0.0.1 for driving a real discord.js Client: the REST routes discord.js
 * calls (under /api/v10, as @discordjs/rest builds `${api}/v${version}${route}`) and a gateway
 * websocket on the same port. Every REST call is recorded with its parsed body (JSON, or the
 * `payload_json` part plus file descriptions for multipart). Faults can be injected per route.
 * No jest globals: the benchmark imports this too.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { asPost, landNow, postLoad, type PostLoad } from './post-load';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createFakeGateway, type GatewayStats } from './discord-gateway';
import { EPHEMERAL, createRoutes, type FakeInteraction, type FakeState, type RecordedCall, type RecordedFile } from './discord-routes';
import { createWorld, guildCreatePayload, interactionMetadata, interactionPayload, messageObject, readyPayload, snowflake, snowflakeAt, type InteractionInput, type StoredMessage, type World } from './discord-world';

export { BOT_PERMISSIONS, PERM, type InteractionInput, type StoredMessage } from './discord-world';
export type { RecordedCall, RecordedFile } from './discord-routes';

export interface Fault {
  status: number;
  body?: unknown;
  /** How many matching calls fail; default every one. */
  times?: number;
  /**
   * The call takes effect (a message lands) and only its answer is lost: answered with `status`
   * when 'status', never answered when 'silence'. Default: the call is refused.
   */
  lost?: 'status' | 'silence';
  /** Response headers of the fault (e.g. `retry-after` on a 429). */
  headers?: Record<string, string>;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
  /** performance.now() when INTERACTION_CREATE was sent. */
  dispatchedAt: number;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  /** The bot role's permissions; default everything the invite asks for. */
  botPermissions?: bigint;
  /** The shard count GET /gateway/bot answers; default 1. */
  recommendedShards?: number;
  /**
   * Whether a repeated `nonce` with `enforce_nonce` is answered with the message already created.
   * Discord does so only for a few minutes; false models a repeat after that window. Default true.
   */
  enforceNonce?: boolean;
}

export interface FakeDiscord {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The value for discord.js `rest.api` (and DISCORD_API_URL). */
  apiUrl: string;
  token: string;
  applicationId: string;
  guildId: string;
  channelId: string;
  botUserId: string;
  calls: RecordedCall[];
  /** Calls that matched no route (should stay empty). */
  unhandled: RecordedCall[];
  messages: Map<string, StoredMessage>;
  events: EventEmitter;
  gateway: GatewayStats;
  dispatchInteraction(input: InteractionInput): DispatchedInteraction;
  /** Every REST call that used this interaction token (callback, edits, follow-ups). */
  callsFor(token: string): RecordedCall[];
  /** Resolves with the first recorded call (past or future) matching `pred`. */
  waitForCall(pred: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Messages a channel member can see: not deleted, not ephemeral. */
  visibleMessages(channelId?: string): StoredMessage[];
  fail(match: { method: string; path: RegExp }, fault: Fault): void;
  /** Adds a text channel to a guild (default the seeded one) that REST knows but the gateway never announced. */
  addChannel(guildId?: string): string;
  /**
   * Takes from the bot, in one channel, the right to see it ('view': 50001 Missing Access) or to
   * post in it ('send': 50013 Missing Permissions), as a permission overwrite would.
   */
  denyBot(channelId: string, what: 'view' | 'send'): void;
  /** Deletes a channel: its REST routes answer Unknown Channel (10003) from then on. */
  removeChannel(channelId: string): void;
  clearFaults(): void;
  /** New message ids carry this clock's time (ms), as Discord's do, so `after=<snowflake of a time>` works. */
  useClock(now: () => number): void;
  /** Puts a message in a channel as someone else (or `author`) wrote it; returns it. */
  addMessage(channelId: string, message: { content?: string; embeds?: unknown[]; author?: Record<string, unknown>; nonce?: string | null }): StoredMessage;
  /** POST /channels/:id/messages: set `latencyMs` to delay each; `peak` is the most in flight at once. */
  readonly posts: PostLoad;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: null, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    // Node's own fetch Response parses multipart, so the fake reads exactly what undici sent.
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown = null;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({ field, filename: (value as File).name, contentType: value.type, size: value.size, data: Buffer.from(await (value as File).arrayBuffer()) });
      }
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    return { body: raw.toString('utf8'), files: [] };
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Starts the fake Discord on an ephemeral 127.0.0.1 port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world: World = createWorld(options);
  const calls: RecordedCall[] = [];
  const unhandled: RecordedCall[] = [];
  const messages = new Map<string, StoredMessage>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const faults: Array<{ method: string; path: RegExp; fault: Fault; used: number }> = [];
  const interactions = new Map<string, FakeInteraction>();
  const channelGuild = new Map<string, string | null>([[world.channelId, world.guildId]]);
  let seq = 0;
  let baseUrl = '';

  const wsUrl = () => baseUrl.replace(/^http/, 'ws');
  const gateway = createFakeGateway({
    token: world.token,
    url: wsUrl,
    readyPayload: () => readyPayload(world, wsUrl()),
    guildPayloads: () => [guildCreatePayload(world)],
  });

  const routeState: FakeState = { world, messages, interactions, channelGuild, baseUrl: () => baseUrl, wsUrl, enforceNonce: options.enforceNonce ?? true, denied: new Map() };
  const routes = createRoutes(routeState);
  const silent = new Set<ServerResponse>();

  const needsBotAuth = (path: string) => !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');

  async function onRequest(req: IncomingMessage, res: ServerResponse, land: () => Promise<void> = landNow): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { body, files } = await readBody(req);
    await land();
    // discord.js percent-encodes route parts (`@original` arrives as `%40original`).
    const path = safeDecode(url.pathname).replace(/^\/api\/v10/, '');
    const call: RecordedCall = {
      seq: ++seq,
      at: performance.now(),
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization ?? null,
      body,
      files,
      status: 0,
    };
    let out: { status: number; body?: unknown; headers?: Record<string, string> };
    const route = routes.find((r) => r.method === call.method && r.pattern.test(path));
    const fault = faults.find((f) => f.method === call.method && f.path.test(path) && f.used < (f.fault.times ?? Infinity));
    if (!url.pathname.startsWith('/api/v10/')) out = { status: 404, body: { message: '404: Not Found', code: 0 } };
    else if (needsBotAuth(path) && call.authorization !== `Bot ${world.token}`) out = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    else if (fault && fault.fault.lost && route) {
      fault.used += 1;
      route.handle(route.pattern.exec(path) as RegExpExecArray, call);
      call.status = fault.fault.status;
      calls.push(call);
      events.emit('call', call);
      if (fault.fault.lost === 'silence') return void silent.add(res);
      res.writeHead(fault.fault.status, { ...fault.fault.headers, 'content-type': 'application/json' }).end(JSON.stringify(fault.fault.body ?? { message: 'Injected fault', code: 0 }));
      return;
    } else if (fault) {
      fault.used += 1;
      out = { status: fault.fault.status, body: fault.fault.body ?? { message: 'Injected fault', code: 0 }, ...(fault.fault.headers ? { headers: fault.fault.headers } : {}) };
    } else if (route) out = route.handle(route.pattern.exec(path) as RegExpExecArray, call);
    else out = { status: 404, body: { message: '404: Not Found', code: 0 } };
    call.status = out.status;
    if (!route) unhandled.push(call);
    calls.push(call);
    events.emit('call', call);
    if (out.body === undefined) {
      res.writeHead(out.status, { ...out.headers }).end();
    } else {
      res.writeHead(out.status, { ...out.headers, 'content-type': 'application/json' }).end(JSON.stringify(out.body));
    }
  }

  const posts = postLoad();
  const server = createServer((req, res) => {
    const isPost = req.method === 'POST' && /^\/api\/v10\/channels\/\d+\/messages$/.test((req.url ?? '').split('?')[0] as string);
    (isPost ? asPost(posts, (land) => onRequest(req, res, land)) : onRequest(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"fake error","code":0}');
    });
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  // Long, like a real API front: undici subtracts a 1 s margin from the hint, so a short value would close every connection.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeDiscord = {
    url: baseUrl,
    apiUrl: `${baseUrl}/api`,
    token: world.token,
    applicationId: world.applicationId,
    guildId: world.guildId,
    channelId: world.channelId,
    botUserId: world.botUserId,
    calls,
    unhandled,
    messages,
    events,
    posts,
    get gateway() {
      return gateway.stats();
    },
    dispatchInteraction(input) {
      const ids = { id: snowflake(), token: `itok_${snowflake()}` };
      const payload = interactionPayload(world, input, ids);
      const from = input.component ?? input.modal;
      if (from) {
        // A click (and a form opened by one) carries the message its button sits on.
        const m = messages.get(from.messageId);
        if (m) payload['message'] = messageObject(world, m, (payload['guild_id'] as string | undefined) ?? null);
      }
      interactions.set(ids.token, {
        id: ids.id,
        channelId: String(payload['channel_id']),
        guildId: (payload['guild_id'] as string | undefined) ?? null,
        original: null,
        message: from && messages.has(from.messageId) ? from.messageId : null,
        meta: interactionMetadata(payload),
      });
      if (!channelGuild.has(String(payload['channel_id']))) channelGuild.set(String(payload['channel_id']), (payload['guild_id'] as string | undefined) ?? null);
      const dispatchedAt = performance.now();
      if (gateway.dispatch('INTERACTION_CREATE', payload) === 0) throw new Error('fake Discord: no identified gateway connection');
      return { ...ids, dispatchedAt };
    },
    callsFor: (token) => calls.filter((c) => c.path.includes(`/${token}`)),
    waitForCall(pred, timeoutMs = 10_000) {
      const found = calls.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('call', listener);
          reject(new Error('fake Discord: the expected call never came'));
        }, timeoutMs);
        const listener = (c: RecordedCall) => {
          if (!pred(c)) return;
          clearTimeout(timer);
          events.off('call', listener);
          resolve(c);
        };
        events.on('call', listener);
      });
    },
    visibleMessages: (channelId) =>
      [...messages.values()].filter((m) => !m.deleted && !(m.flags & EPHEMERAL) && (channelId === undefined || m.channel_id === channelId)),
    fail(match, fault) {
      faults.push({ method: match.method, path: match.path, fault, used: 0 });
    },
    addChannel(guildId = world.guildId) {
      const id = snowflake();
      channelGuild.set(id, guildId);
      return id;
    },
    removeChannel(channelId) {
      channelGuild.delete(channelId);
    },
    denyBot(channelId, what) {
      routeState.denied.set(channelId, what);
    },
    clearFaults() {
      faults.length = 0;
    },
    useClock(now) {
      routeState.clock = now;
    },
    addMessage(channelId, message) {
      const id = routeState.clock ? snowflakeAt(routeState.clock()) : snowflake();
      const stored: StoredMessage = {
        id,
        channel_id: channelId,
        content: message.content ?? '',
        embeds: message.embeds ?? [],
        flags: 0,
        attachments: [],
        token: null,
        deleted: false,
        thread: null,
        nonce: message.nonce ?? null,
        author: message.author ?? { id: '4000000000000000001', username: 'member', discriminator: '0', global_name: null, avatar: null },
      };
      messages.set(id, stored);
      return stored;
    },
    async close() {
      for (const r of silent) r.destroy();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
