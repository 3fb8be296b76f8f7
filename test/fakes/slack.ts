/**
 * A fake Slack on 127.0.0.1: the Web API methods the app calls (at `apiUrl`), the Socket Mode
 * websocket apps.connections.open points to, response_url endpoints, and the file upload URL.
 * Everything received is recorded in order; faults are injected per method. No jest globals.
 *
 *   const slack = await startFakeSlack();
 *   // createSlackAdapter({ botToken: slack.botToken, appToken: slack.appToken, apiUrl: slack.apiUrl, … })
 *   const ack = await slack.sendSlashCommand({ text: '@mossy.kitchen' });
 *   const post = await slack.waitFor(() => slack.callsTo('chat.postMessage')[0]);
 *   slack.fail('chat.postMessage', { error: 'not_in_channel' });
 *   await slack.close();
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { asPost, landNow, postLoad, type PostLoad } from './post-load';
import type { AddressInfo, Socket } from 'node:net';
import { attachSocketMode, type SlackAck } from './slack-socket';
import { sendSignedCommand, sendSignedJson, type SignedResponse, type SignOptions } from './slack-signing';
import { createFakeOAuth, type FakeOAuth } from './slack-oauth';
import { BOT, byTsDesc, historyView, page, type SlackMessage } from './slack-history';
import { createFileStore, type FileStore } from './slack-files';

export type { SlackMessage } from './slack-history';
export type { FakeFile, FileStore } from './slack-files';

export { slackSignature, sendSignedCommand, sendSignedJson, type SignOptions, type SignedResponse } from './slack-signing';
export type { FakeOAuth, FakeWorkspace } from './slack-oauth';
export type { SlackAck } from './slack-socket';

export interface SlackCall {
  seq: number;
  /** performance.now() when the request arrived (for the benchmark, not for assertions). */
  at: number;
  method: string;
  /** Form fields or JSON body; JSON-looking form values (blocks, files) are parsed. */
  body: Record<string, unknown>;
  /** The Authorization header as sent. */
  auth: string | null;
  /** What the fake answered (set once answered; absent for faults). */
  result?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  seq: number;
  /** The id at the end of the response_url. */
  id: string;
  body: Record<string, unknown>;
}

export interface FileUpload {
  seq: number;
  fileId: string;
  bytes: number;
  /** The body contains a PNG signature. */
  png: boolean;
  /** The body as text (CSV uploads are read back by tests). */
  text: string;
}

/** What a test gives to click a button under a message (a block_actions payload). */
export interface BlockActionInput {
  actionId: string;
  value: string;
  /** The message the button sits on; default a message in the seeded channel. */
  messageTs?: string;
  channelId?: string;
  teamId?: string;
  /** The clicker's own workspace (shared channels); default `teamId`. */
  userTeamId?: string;
  userId?: string;
  /** Sent as a non-button element (a select) when set. */
  elementType?: string;
  /**
   * Where the button sits: a message in a channel (default), an ephemeral message (no `message`
   * in the payload, as Slack sends it), or someone's App Home (container type view, no channel
   * and no response_url).
   */
  place?: 'message' | 'ephemeral' | 'home';
}

/**
 * `{error}` answers HTTP 200 `{ok:false,error}`; `{status}` answers that status (e.g. 429 with
 * retry-after). Both refuse the call. `{lost}` performs the call (a message lands) and then loses
 * the answer: an HTTP status (e.g. 500), 'reset' (the socket is cut) or 'silence' (no answer ever).
 */
export type SlackFault =
  | { error: string }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { lost: number | 'reset' | 'silence' };


export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  channelId?: string;
  /** The app's client id and secret `oauth.v2.access` expects. */
  clientId?: string;
  clientSecret?: string;
}

export type SlashPayload = Record<string, string>;

export interface FakeSlack {
  /** http://127.0.0.1:port */
  readonly url: string;
  /** Web API base, with the trailing slash: pass as SLACK_API_URL. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly channelId: string;
  readonly calls: SlackCall[];
  readonly acks: SlackAck[];
  readonly responses: ResponseUrlPost[];
  readonly uploads: FileUpload[];
  /**
   * Uploaded files: private until a message shows them (an image block's `slack_file`) or
   * completeUploadExternal shares them. Set `files.processingPosts` to N to have the first N posts
   * naming each fresh file refused with `invalid_blocks`, as while Slack is still processing it.
   */
  readonly files: FileStore;
  callsTo(method: string): SlackCall[];
  /** Queues a fault for the next `times` calls of `method` ('response_url' and 'upload' included). */
  fail(method: string, fault: SlackFault, times?: number): void;
  /**
   * The bot is not a member of `channelId` (never invited, or removed): posting, sharing files and
   * reading history there answer `not_in_channel`, as Slack does for an app without
   * chat:write.public. By default the bot is in every channel.
   */
  removeBot(channelId: string): void;
  /** The bot is invited into `channelId` (`/invite @quadrants`): it may post there again. */
  inviteBot(channelId: string): void;
  /** Like `fail`, but only calls whose body `when` accepts take the fault (e.g. replies in a thread). */
  failWhen(method: string, when: (body: Record<string, unknown>) => boolean, fault: SlackFault, times?: number): void;
  /** A slash-command payload for this workspace, with a response_url served by this fake. */
  commandPayload(overrides?: Partial<SlashPayload>): SlashPayload;
  /** A block_actions payload (a button click) for this workspace, with a response_url served by this fake. */
  blockActionPayload(input: BlockActionInput): Record<string, unknown>;
  /** Sends a modal submission (view_submission) over Socket Mode; resolves with the app's ack. */
  sendViewSubmission(input: {
    callbackId: string;
    privateMetadata: string;
    values: Record<string, string>;
    /** Fields answered with a conversations_select: block/action id → picked channel id. */
    conversations?: Record<string, string>;
    userId?: string;
    teamId?: string;
  }): Promise<SlackAck>;
  /** Sends an app_home_opened event (the person opened a tab of the App Home) over Socket Mode. */
  sendAppHomeOpened(input?: { userId?: string; teamId?: string; tab?: 'home' | 'messages' }): Promise<SlackAck>;
  /** Sends a button click over Socket Mode; resolves with the app's ack. */
  sendBlockAction(input: BlockActionInput): Promise<SlackAck>;
  /** Sends a slash command over Socket Mode; resolves with the app's ack. */
  sendSlashCommand(overrides?: Partial<SlashPayload>): Promise<SlackAck>;
  /** POSTs a signed slash command to an HTTP-mode app (`eventsUrl` = http://…/slack/events). */
  sendSignedCommand(eventsUrl: string, secret: string, overrides?: Partial<SlashPayload>, sign?: Omit<SignOptions, 'secret'>): Promise<SignedResponse>;
  /** POSTs a signed Events API callback (`event` of `teamId`) to an HTTP-mode app. */
  sendSignedEvent(eventsUrl: string, secret: string, teamId: string, event: Record<string, unknown>): Promise<SignedResponse>;
  /** Distribution: installed workspaces, each with its own bot token, and `oauth.v2.access`. */
  readonly oauth: FakeOAuth;
  /** Resolves when `probe` returns a value (re-checked after every record); rejects after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined | null | false, label?: string, timeoutMs?: number): Promise<T>;
  socket: { connections(): number; waitForConnection(): Promise<void>; disconnectAll(mode: 'polite' | 'drop'): void };
  /** Forgets records and faults (connections stay). */
  reset(): void;
  /** Message timestamps (`ts`) follow this clock (ms) from now on; by default they are a counter from 2023. */
  useClock(now: () => number): void;
  /** Puts a message in a channel (or a thread, with `thread_ts`) as someone else posted it; returns its ts. */
  addMessage(channel: string, message: Omit<SlackMessage, 'ts' | 'channel'>): string;
  /** Every message in the fake's channels and threads, in the order they were posted. */
  readonly messages: SlackMessage[];
  /** chat.postMessage calls: set `latencyMs` to delay each; `peak` is the most in flight at once. */
  readonly posts: PostLoad;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) {
    try {
      const v = JSON.parse(raw) as unknown;
      return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    } catch {
      return { _unparsed: raw };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = v;
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v) as unknown;
      } catch {
        // Leave it as text: the fake records what was sent.
      }
    }
  }
  return out;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

/** Starts the fake on an ephemeral port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-fake-bot-token';
  const appToken = options.appToken ?? 'xapp-1-fake-app-token';
  const teamId = options.teamId ?? 'T0FAKE';
  const channelId = options.channelId ?? 'C0FAKE';
  const calls: SlackCall[] = [];
  const acks: SlackAck[] = [];
  const responses: ResponseUrlPost[] = [];
  const uploads: FileUpload[] = [];
  const faults = new Map<string, Array<{ fault: SlackFault; when?: (body: Record<string, unknown>) => boolean }>>();
  const fileStore = createFileStore();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const sockets = new Set<Socket>();
  let seq = 0;
  let counter = 0;
  let clock: (() => number) | null = null;
  const messages: SlackMessage[] = [];
  const silent = new Set<ServerResponse>();
  const nextTs = (): string => {
    counter += 1;
    return clock ? `${Math.floor(clock() / 1000)}.${String(counter).padStart(6, '0')}` : `${1_700_000_000 + counter}.000100`;
  };
  const recorder = { nextSeq: () => ++seq, emit: () => events.emit('record') };
  const oauth = createFakeOAuth(options.clientId, options.clientSecret);
  let eventCount = 0;
  let base = '';
  const homes = new Map<string, string>();
  /** Channels the bot is not a member of. */
  const outside = new Set<string>();
  const CHANNEL_METHODS = new Set(['chat.postMessage', 'conversations.history', 'conversations.replies', 'files.completeUploadExternal']);

  const takeFault = (method: string, body: Record<string, unknown>): SlackFault | undefined => {
    const queue = faults.get(method) ?? [];
    const i = queue.findIndex((f) => !f.when || f.when(body));
    return i < 0 ? undefined : queue.splice(i, 1)[0]?.fault;
  };

  function webApi(method: string, body: Record<string, unknown>, auth: string | null): unknown {
    const token = auth?.replace(/^Bearer /, '') ?? (typeof body.token === 'string' ? body.token : '');
    if (method === 'apps.connections.open') {
      return token === appToken ? { ok: true, url: `${base.replace(/^http/, 'ws')}/link/?ticket=fake` } : { ok: false, error: 'invalid_auth' };
    }
    if (method === 'oauth.v2.access') return oauth.access(body);
    // The single-workspace token, or the token of an installed (and not removed) workspace.
    const installed = token === botToken ? undefined : oauth.byToken(token);
    if (token !== botToken && !installed?.active) return { ok: false, error: installed ? 'token_revoked' : 'invalid_auth' };
    const channelArg = body.channel ?? body.channel_id;
    if (CHANNEL_METHODS.has(method) && typeof channelArg === 'string' && outside.has(channelArg)) return { ok: false, error: 'not_in_channel' };
    const ts = nextTs();
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.invalid/',
          team: installed?.teamName ?? 'Fake',
          user: 'quadrants',
          team_id: installed?.teamId ?? teamId,
          user_id: installed?.botUserId ?? 'U0BOT',
          bot_id: 'B0BOT',
          app_id: BOT.app_id,
        };
      case 'chat.postMessage': {
        // An image block naming an uploaded file shows it as part of the message, once Slack has it.
        const shown = fileStore.filesOf(body.blocks);
        if (!shown.ok) return shown;
        const message: SlackMessage = { type: 'message', channel: String(body.channel), ts, text: body.text, ...BOT };
        if (Array.isArray(body.blocks)) message.blocks = body.blocks;
        if (shown.files.length > 0) message.files = shown.files.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? '', mimetype: 'image/png' }));
        if (typeof body.thread_ts === 'string') message.thread_ts = body.thread_ts;
        if (body.metadata !== undefined) message.metadata = body.metadata;
        messages.push(message);
        return { ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, ts, bot_id: 'B0BOT' } };
      }
      case 'views.open':
        return { ok: true, view: { id: `V${counter}`, ...(typeof body.view === 'object' ? (body.view as object) : {}) } };
      case 'views.publish': {
        // One home view per user, kept across publishes (its id stays), like Slack.
        if (typeof body.user_id !== 'string' || !/^[UW][A-Z0-9]+$/.test(body.user_id)) return { ok: false, error: 'invalid_arguments' };
        const view = typeof body.view === 'object' && body.view !== null ? (body.view as Record<string, unknown>) : {};
        if (view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
        const id = homes.get(body.user_id) ?? `VH${counter}`;
        homes.set(body.user_id, id);
        return { ok: true, view: { id, team_id: installed?.teamId ?? teamId, app_id: BOT.app_id, bot_id: 'B0BOT', hash: `h${counter}`, private_metadata: '', callback_id: '', ...view } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'conversations.history': {
        // Newest first, between oldest and latest, `limit` per page with a cursor, like Slack.
        const oldest = Number(body.oldest ?? 0);
        const latest = body.latest === undefined ? Infinity : Number(body.latest);
        const inclusive = body.inclusive === true || body.inclusive === 'true' || body.inclusive === '1';
        const inRange = (t: number) => (inclusive ? t >= oldest && t <= latest : t > oldest && t < latest);
        const list = messages.filter((m) => m.channel === body.channel && !m.thread_ts && inRange(Number(m.ts))).sort(byTsDesc);
        return page(list, body, (m) => historyView(m, body));
      }
      case 'conversations.replies': {
        const parent = messages.find((m) => m.channel === body.channel && m.ts === body.ts && !m.thread_ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const replies = messages.filter((m) => m.channel === body.channel && m.thread_ts === body.ts).sort((a, b) => -byTsDesc(a, b));
        return page([parent, ...replies], body, (m) => historyView(m, body));
      }
      case 'files.getUploadURLExternal': {
        // Slack needs both, and the length as a positive number.
        if (typeof body.filename !== 'string' || !(Number(body.length) > 0)) return { ok: false, error: 'invalid_arguments' };
        const fileId = `F${counter}`;
        fileStore.create(fileId, body);
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const done = fileStore.complete(body);
        if (!done.ok) return done;
        // Shared into a channel or a thread: the file appears there as a message of the bot user.
        // Without a channel it stays private: in no channel's history until a message shows it.
        if (typeof body.channel_id === 'string') {
          const shared: SlackMessage = { type: 'message', channel: body.channel_id, ts, user: BOT.user, files: done.files.map((f) => ({ id: f.id, mimetype: 'image/png' })) };
          if (typeof body.thread_ts === 'string') shared.thread_ts = body.thread_ts;
          if (typeof body.initial_comment === 'string') shared.text = body.initial_comment;
          messages.push(shared);
        }
        return done;
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, land: () => Promise<void> = landNow): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    await land();
    const path = (req.url ?? '/').split('?')[0] as string;
    const auth = req.headers.authorization ?? null;
    const contentType = req.headers['content-type'] ?? '';
    let kind: string;
    let call: SlackCall | undefined;
    if (path.startsWith('/api/')) {
      kind = path.slice('/api/'.length);
      call = { seq: recorder.nextSeq(), at: performance.now(), method: kind, body: parseBody(raw.toString('utf8'), contentType), auth };
      calls.push(call);
    } else if (path.startsWith('/commands/')) {
      kind = 'response_url';
      responses.push({ seq: recorder.nextSeq(), id: path.slice('/commands/'.length), body: parseBody(raw.toString('utf8'), contentType) });
    } else if (path.startsWith('/upload/')) {
      kind = 'upload';
      uploads.push({ seq: recorder.nextSeq(), fileId: path.slice('/upload/'.length), bytes: raw.length, png: raw.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47])), text: raw.toString('utf8') });
    } else {
      return send(res, 404, { ok: false, error: 'not_found' });
    }
    recorder.emit();
    const fault = takeFault(kind, call?.body ?? {});
    if (fault && 'lost' in fault) {
      // The call takes effect; only its answer is lost.
      if (call) call.result = webApi(kind, call.body, auth) as Record<string, unknown>;
      recorder.emit();
      if (fault.lost === 'reset') return void req.socket.destroy();
      if (fault.lost === 'silence') return void silent.add(res);
      return send(res, fault.lost, 'fake slack: answer lost');
    }
    if (fault && 'error' in fault) return send(res, 200, { ok: false, error: fault.error });
    if (fault) return send(res, fault.status, fault.body ?? '', fault.headers);
    if (kind === 'upload') fileStore.received(path.slice('/upload/'.length), raw);
    if (kind === 'response_url' || kind === 'upload') return send(res, 200, kind === 'upload' ? `OK - ${raw.length}` : 'ok');
    if (!call) return send(res, 404, 'not found');
    call.result = webApi(kind, call.body, auth) as Record<string, unknown>;
    // Told again once answered, so waiting for what a call did (a message landed) sees it.
    recorder.emit();
    send(res, 200, call.result);
  }

  const posts = postLoad();
  const server = createServer((req, res) => {
    const isPost = (req.url ?? '').split('?')[0] === '/api/chat.postMessage';
    (isPost ? asPost(posts, (land) => handle(req, res, land)) : handle(req, res)).catch(() => send(res, 500, 'fake slack error'));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const socketSide = attachSocketMode(server, recorder, acks);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let commands = 0;

  const fake: FakeSlack = {
    url: base,
    apiUrl: `${base}/api/`,
    botToken,
    appToken,
    teamId,
    channelId,
    calls,
    acks,
    responses,
    uploads,
    files: fileStore,
    callsTo: (method) => calls.filter((c) => c.method === method),
    removeBot(channelId) {
      outside.add(channelId);
    },
    inviteBot(channelId) {
      outside.delete(channelId);
    },
    fail(method, fault, times = 1) {
      fake.failWhen(method, () => true, fault, times);
    },
    failWhen(method, when, fault, times = 1) {
      const queue = faults.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push({ fault, when });
      faults.set(method, queue);
    },
    commandPayload(overrides = {}) {
      commands += 1;
      return {
        token: 'deprecated-verification-token',
        team_id: teamId,
        team_domain: 'fake',
        channel_id: channelId,
        channel_name: 'general',
        user_id: 'U0HUMAN',
        user_name: 'human',
        command: '/quadrants',
        text: '',
        api_app_id: 'A0FAKE',
        is_enterprise_install: 'false',
        response_url: `${base}/commands/${commands}`,
        trigger_id: `${commands}.111.fake`,
        ...overrides,
      };
    },
    sendSlashCommand: (overrides) => socketSide.send('slash_commands', fake.commandPayload(overrides)),
    blockActionPayload(input) {
      commands += 1;
      const team = input.teamId ?? teamId;
      const channel = input.channelId ?? channelId;
      const messageTs = input.messageTs ?? '1700000001.000100';
      const actionTs = `${1_700_000_000 + commands}.${String(commands).padStart(6, '0')}`;
      const element = input.elementType ?? 'button';
      const place = input.place ?? 'message';
      const user = input.userId ?? 'U0HUMAN';
      const blockId = place === 'message' ? 'quadrants_actions' : 'quadrants_item_0_0';
      const where =
        place === 'home'
          ? {
              container: { type: 'view', view_id: homes.get(user) ?? 'VHOME' },
              view: { id: homes.get(user) ?? 'VHOME', team_id: team, type: 'home', blocks: [], private_metadata: '', callback_id: '', state: { values: {} }, hash: 'h', app_id: 'A0FAKE', bot_id: 'B0BOT' },
            }
          : {
              container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: place === 'ephemeral' },
              channel: { id: channel, name: 'general' },
              // Slack leaves the message out of clicks on an ephemeral message.
              ...(place === 'ephemeral' ? {} : { message: { type: 'message', ts: messageTs, text: 'a report', bot_id: 'B0BOT' } }),
              response_url: `${base}/commands/${commands}`,
            };
      return {
        type: 'block_actions',
        api_app_id: 'A0FAKE',
        token: 'deprecated-verification-token',
        team: { id: team, domain: 'fake' },
        user: { id: user, username: 'human', name: 'human', team_id: input.userTeamId ?? team },
        ...where,
        trigger_id: `${commands}.222.fake`,
        actions: [
          element === 'button'
            ? { type: 'button', action_id: input.actionId, block_id: blockId, text: { type: 'plain_text', text: 'x' }, value: input.value, action_ts: actionTs }
            : { type: element, action_id: input.actionId, block_id: blockId, selected_option: { value: input.value }, action_ts: actionTs },
        ],
      };
    },
    sendBlockAction: (input) => socketSide.send('interactive', fake.blockActionPayload(input)),
    sendViewSubmission(input) {
      const team = input.teamId ?? teamId;
      const values: Record<string, Record<string, Record<string, unknown>>> = {};
      for (const [id, value] of Object.entries(input.values)) values[id] = { [id]: { type: 'plain_text_input', value: value === '' ? null : value } };
      for (const [id, picked] of Object.entries(input.conversations ?? {})) values[id] = { [id]: { type: 'conversations_select', selected_conversation: picked === '' ? null : picked } };
      return socketSide.send('interactive', {
        type: 'view_submission',
        api_app_id: 'A0FAKE',
        team: { id: team, domain: 'fake' },
        user: { id: input.userId ?? 'U0HUMAN', username: 'human', name: 'human', team_id: team },
        trigger_id: '9.999.fake',
        view: { id: 'V0FORM', type: 'modal', callback_id: input.callbackId, private_metadata: input.privateMetadata, state: { values }, hash: 'h', app_id: 'A0FAKE', team_id: team },
      });
    },
    sendAppHomeOpened(input = {}) {
      eventCount += 1;
      const team = input.teamId ?? teamId;
      const user = input.userId ?? 'U0HUMAN';
      const home = homes.get(user);
      const eventTs = `${1_700_000_000 + eventCount}.000200`;
      return socketSide.send('events_api', {
        token: 'deprecated-verification-token',
        team_id: team,
        api_app_id: 'A0FAKE',
        type: 'event_callback',
        event_id: `Ev${eventCount}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ enterprise_id: null, team_id: team, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
        // The view is there only once a home was published for this person.
        event: { type: 'app_home_opened', user, channel: 'D0HOME', tab: input.tab ?? 'home', event_ts: eventTs, ...(home ? { view: { id: home, team_id: team, type: 'home', blocks: [] } } : {}) },
      });
    },
    sendSignedCommand: (eventsUrl, secret, overrides, sign = {}) => sendSignedCommand(eventsUrl, fake.commandPayload(overrides), { secret, ...sign }),
    sendSignedEvent(eventsUrl, secret, team, event) {
      eventCount += 1;
      const payload = {
        token: 'deprecated-verification-token',
        team_id: team,
        api_app_id: 'A0FAKE',
        type: 'event_callback',
        event_id: `Ev${eventCount}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { event_ts: `${1_700_000_000 + eventCount}.000100`, ...event },
        authorizations: [{ enterprise_id: null, team_id: team, user_id: oauth.workspace(team)?.botUserId ?? 'U0BOT', is_bot: true, is_enterprise_install: false }],
      };
      return sendSignedJson(eventsUrl, payload, { secret });
    },
    oauth,
    waitFor<T>(probe: () => T | undefined | null | false, label = 'condition', timeoutMs = 5_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = (): boolean => {
          const v = probe();
          if (v === undefined || v === null || v === false) return false;
          cleanup();
          resolve(v);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Slack: timed out waiting for ${label}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off('record', check);
        };
        if (!check()) events.on('record', check);
      });
    },
    socket: socketSide,
    messages,
    posts,
    useClock(now) {
      clock = now;
    },
    addMessage(channel, message) {
      const ts = nextTs();
      messages.push({ type: 'message', ...message, channel, ts });
      recorder.emit();
      return ts;
    },
    reset() {
      messages.length = 0;
      calls.length = 0;
      acks.length = 0;
      responses.length = 0;
      uploads.length = 0;
      fileStore.files.clear();
      fileStore.processingPosts = 0;
      faults.clear();
    },
    async close() {
      for (const r of silent) r.destroy();
      await socketSide.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
