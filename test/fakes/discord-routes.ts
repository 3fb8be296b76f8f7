/**
 * The REST routes of the fake Discord (paths after /api/v10) and the state they share: stored
 * messages, interactions and their original replies, threads. Answers with plausible objects.
 * No jest globals: the benchmark imports this too.
 */
import { botUser, channelObject, messageObject, snowflake, snowflakeAt, threadObject, type StoredMessage, type World } from './discord-world';

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  /** The file's bytes (CSV attachments are read back by tests). */
  data: Buffer;
}

export interface RecordedCall {
  /** Order of arrival across the whole fake. */
  seq: number;
  /** performance.now() when the request was complete (benchmarks only; tests compare order). */
  at: number;
  method: string;
  /** Path after /api/v10, e.g. `/interactions/1/abc/callback`. */
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  /** Parsed JSON body, or the parsed `payload_json` of a multipart body. */
  body: any;
  files: RecordedFile[];
  status: number;
}

/** Flags Discord puts on messages: ephemeral, and "thinking…" for a deferred reply. */
export const EPHEMERAL = 64;
const LOADING = 128;

export interface Route {
  method: string;
  pattern: RegExp;
  handle(m: RegExpExecArray, call: RecordedCall): { status: number; body?: unknown };
}

export interface FakeInteraction {
  id: string;
  channelId: string;
  guildId: string | null;
  /** The message that answers it: its reply, or for a click (or a form opened by one) the message the button sits on once acknowledged. */
  original: string | null;
  /** A click's or form's message: the one its button sits on. */
  message?: string | null;
  /** `interaction_metadata` of the messages that answer it. */
  meta?: Record<string, unknown>;
}

export interface FakeState {
  world: World;
  messages: Map<string, StoredMessage>;
  /** Interaction token → its id, channel and original reply. */
  interactions: Map<string, FakeInteraction>;
  /** Channel (or thread) id → guild id. */
  channelGuild: Map<string, string | null>;
  baseUrl(): string;
  wsUrl(): string;
  /**
   * Channels whose permission overwrites take from the bot: 'view' (it cannot see the channel:
   * 50001 Missing Access on every channel route) or 'send' (it sees it but may not post: 50013
   * Missing Permissions on POST messages), as Discord answers.
   */
  denied: Map<string, 'view' | 'send'>;
  /** Whether a repeated nonce sent with `enforce_nonce` gets the message already created. */
  enforceNonce: boolean;
  /** When set, new message ids carry this time (ms), as Discord's do; otherwise a counter. */
  clock?: () => number;
}

/** The routes discord.js calls, bound to the fake's state. */
export function createRoutes(state: FakeState): Route[] {
  const { world, messages, interactions, channelGuild, wsUrl } = state;
  const attachmentsOf = (call: RecordedCall): StoredMessage['attachments'] =>
    call.files.map((f) => ({ id: snowflake(), filename: f.filename, size: f.size, content_type: f.contentType, url: `${state.baseUrl()}/attachments/${f.filename}`, proxy_url: `${state.baseUrl()}/attachments/${f.filename}` }));
  const storeMessage = (partial: Partial<StoredMessage> & { channel_id: string }, call: RecordedCall): StoredMessage => {
    const b = (call.body ?? {}) as { content?: string; embeds?: unknown[]; flags?: number; components?: unknown[] };
    const meta = partial.token ? interactions.get(partial.token)?.meta : undefined;
    const m: StoredMessage = {
      id: state.clock ? snowflakeAt(state.clock()) : snowflake(),
      content: b.content ?? '',
      embeds: b.embeds ?? [],
      flags: b.flags ?? 0,
      components: b.components ?? [],
      ...(meta ? { interaction: meta } : {}),
      attachments: attachmentsOf(call),
      token: null,
      deleted: false,
      thread: null,
      ...partial,
    };
    messages.set(m.id, m);
    return m;
  };
  /** Applies an edit (PATCH, or an UPDATE_MESSAGE callback): only the fields it gives change. */
  const editMessage = (target: StoredMessage, call: RecordedCall): void => {
    const b = (call.body ?? {}) as { content?: string; embeds?: unknown[]; components?: unknown[] };
    if (b.content !== undefined) target.content = b.content;
    if (b.embeds !== undefined) target.embeds = b.embeds;
    if (b.components !== undefined) target.components = b.components;
    // An edit with files replaces the message's attachments; it creates no other message.
    if (call.files.length > 0) target.attachments = attachmentsOf(call);
    target.flags &= ~LOADING;
  };
  const asMessage = (m: StoredMessage) => messageObject(world, m, channelGuild.get(m.channel_id) ?? null);
  const notFound = { status: 404, body: { message: 'Unknown Message', code: 10008 } };
  const missingAccess = { status: 403, body: { message: 'Missing Access', code: 50001 } };
  const missingPermissions = { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
  /** The refusal of a channel route for the bot, or null when it may go on (`send`: it posts). */
  const refused = (channelId: string, send: boolean) => {
    const denial = state.denied.get(channelId);
    if (denial === 'view') return missingAccess;
    return denial === 'send' && send ? missingPermissions : null;
  };
  const original = (token: string) => {
    const i = interactions.get(token);
    return i?.original ? messages.get(i.original) : undefined;
  };

  return [
    // max_concurrency follows the shard count, so several shards identify at once instead of 5 s apart.
    { method: 'GET', pattern: /^\/gateway\/bot$/, handle: () => ({ status: 200, body: { url: wsUrl(), shards: world.recommendedShards, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: world.recommendedShards } } }) },
    { method: 'GET', pattern: /^\/gateway$/, handle: () => ({ status: 200, body: { url: wsUrl() } }) },
    { method: 'GET', pattern: /^\/users\/@me$/, handle: () => ({ status: 200, body: botUser(world) }) },
    {
      method: 'POST',
      pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      handle: (m, call) => {
        const i = interactions.get(m[2] as string);
        if (!i || i.id !== m[1]) return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
        if (i.original) return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
        const b = call.body as { type: number; data?: { flags?: number } };
        // 8: autocomplete choices; nothing is posted, but the interaction is answered.
        if (b.type === 8) {
          i.original = 'autocomplete';
          return { status: 204 };
        }
        // 6: a click (or a form from one) acknowledged without a new message; the message it sits on
        // becomes the original, to be edited later. 7: that message edited at once. 9: a modal shown.
        if (b.type === 6 || b.type === 7) {
          const sitsOn = i.message ? messages.get(i.message) : undefined;
          if (!sitsOn) return { status: 400, body: { message: 'Invalid interaction application command', code: 50035 } };
          if (b.type === 7) editMessage(sitsOn, { ...call, body: b.data ?? {} });
          i.original = sitsOn.id;
          return { status: 204 };
        }
        if (b.type === 9) {
          i.original = 'modal';
          return { status: 204 };
        }
        if (b.type !== 4 && b.type !== 5) return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
        const flags = (b.data?.flags ?? 0) | (b.type === 5 ? LOADING : 0);
        const msg = storeMessage({ channel_id: i.channelId, token: m[2] as string, flags, ...(b.type === 4 ? {} : { content: '', embeds: [] }) }, { ...call, body: b.data ?? {} });
        i.original = msg.id;
        return { status: 204 };
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
      handle: (m, call) => {
        const target = m[3] === '@original' ? original(m[2] as string) : messages.get(m[3] as string);
        // A click's original is the message its button sits on, which an earlier interaction sent.
        const clicked = m[3] === '@original' && target !== undefined && interactions.get(m[2] as string)?.message === target.id;
        if (!target || target.deleted || (target.token !== m[2] && !clicked)) return notFound;
        editMessage(target, call);
        return { status: 200, body: asMessage(target) };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
      handle: (m) => {
        const target = m[3] === '@original' ? original(m[2] as string) : messages.get(m[3] as string);
        if (!target || target.deleted || target.token !== m[2]) return notFound;
        target.deleted = true;
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: /^\/webhooks\/(\d+)\/([^/]+)$/,
      handle: (m, call) => {
        const i = interactions.get(m[2] as string);
        if (!i || m[1] !== world.applicationId) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
        // Discord turns the first follow-up after a bare defer into the deferred message itself.
        const orig = original(m[2] as string);
        if (orig && !orig.deleted && orig.flags & LOADING) {
          const b = (call.body ?? {}) as { content?: string; embeds?: unknown[]; components?: unknown[] };
          orig.content = b.content ?? '';
          orig.embeds = b.embeds ?? [];
          orig.components = b.components ?? [];
          orig.flags &= ~LOADING;
          return { status: 200, body: asMessage(orig) };
        }
        return { status: 200, body: asMessage(storeMessage({ channel_id: i.channelId, token: m[2] as string }, call)) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
      handle: (m, call) => {
        const start = messages.get(m[2] as string);
        if (!start || start.deleted || start.channel_id !== m[1]) return notFound;
        if (start.thread) return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
        // Discord gives a thread started from a message that message's id.
        const id = start.id;
        start.thread = id;
        channelGuild.set(id, world.guildId);
        return { status: 201, body: threadObject(world, id, m[1] as string, String((call.body as { name?: string })?.name ?? '')) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/channels\/(\d+)\/messages$/,
      handle: (m, call) => {
        if (!channelGuild.has(m[1] as string)) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
        const denied = refused(m[1] as string, true);
        if (denied) return denied;
        const b = (call.body ?? {}) as { nonce?: string | number; enforce_nonce?: boolean };
        const nonce = b.nonce === undefined ? null : String(b.nonce);
        // enforce_nonce: Discord answers a repeated nonce with the message already created.
        const same = nonce && b.enforce_nonce && state.enforceNonce ? [...messages.values()].find((x) => x.channel_id === m[1] && x.nonce === nonce && !x.deleted) : undefined;
        if (same) return { status: 200, body: asMessage(same) };
        return { status: 200, body: asMessage(storeMessage({ channel_id: m[1] as string, nonce }, call)) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)\/messages$/,
      handle: (m, call) => {
        if (!channelGuild.has(m[1] as string)) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
        const denied = refused(m[1] as string, false);
        if (denied) return denied;
        const limit = Math.min(100, Math.max(1, Number(call.query['limit'] ?? 50) || 50));
        // Ephemeral replies are not channel history.
        const all = [...messages.values()]
          .filter((x) => x.channel_id === m[1] && !x.deleted && !(x.flags & EPHEMERAL))
          .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        const after = call.query['after'];
        const before = call.query['before'];
        let list: StoredMessage[];
        if (after !== undefined) list = all.filter((x) => BigInt(x.id) > BigInt(after)).slice(0, limit);
        else if (before !== undefined) list = all.filter((x) => BigInt(x.id) < BigInt(before)).slice(-limit);
        else list = all.slice(-limit);
        // Newest first, as Discord answers every page (with `after`: the `limit` messages right after it).
        return { status: 200, body: list.reverse().map(asMessage) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      handle: (m) => {
        if (!channelGuild.has(m[1] as string)) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
        const msg = messages.get(m[2] as string);
        if (!msg || msg.deleted || msg.channel_id !== m[1]) return notFound;
        return { status: 200, body: asMessage(msg) };
      },
    },
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)$/,
      handle: (m) => {
        const guild = channelGuild.get(m[1] as string);
        if (!guild) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
        const denied = refused(m[1] as string, false);
        if (denied) return denied;
        const started = messages.get(m[1] as string);
        if (started && started.thread === m[1]) return { status: 200, body: threadObject(world, m[1] as string, started.channel_id, 'thread') };
        return { status: 200, body: channelObject(m[1] as string, guild) };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      handle: (m, call) => {
        if (m[1] !== world.applicationId) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
        const list = Array.isArray(call.body) ? (call.body as Array<Record<string, unknown>>) : [];
        return { status: 200, body: list.map((c) => ({ id: snowflake(), application_id: m[1], version: snowflake(), type: 1, ...(m[2] ? { guild_id: m[2] } : {}), ...c })) };
      },
    },
  ];
}
