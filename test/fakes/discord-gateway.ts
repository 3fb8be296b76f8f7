/**
 * The gateway half of the fake Discord: a `ws` server that performs Discord's handshake
 * (HELLO, heartbeat ACKs, IDENTIFY with a token check, READY, one GUILD_CREATE per guild)
 * and then lets the test push dispatches such as INTERACTION_CREATE.
 * No jest globals: the benchmark imports this too.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** Gateway opcodes the fake speaks (developers/topics/opcodes-and-status-codes). */
const OP = { DISPATCH: 0, HEARTBEAT: 1, IDENTIFY: 2, RESUME: 6, INVALID_SESSION: 9, HELLO: 10, HEARTBEAT_ACK: 11 } as const;

export interface GatewayWorld {
  token: string;
  url: () => string;
  readyPayload: () => Record<string, unknown>;
  guildPayloads: () => Array<Record<string, unknown>>;
}

export interface FakeGateway {
  /** Upgrade handler for the shared HTTP server. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a dispatch (op 0) to every identified connection; returns how many received it. */
  dispatch(type: string, data: unknown): number;
  /** Successful IDENTIFY count, the intents of the last one, and each IDENTIFY's `shard` in order. */
  stats(): GatewayStats;
  /** Resolves when at least one connection has identified. */
  whenIdentified(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewayStats {
  identifies: number;
  heartbeats: number;
  lastIntents: number | null;
  rejectedTokens: number;
  /** `shard: [id, count]` of each successful IDENTIFY, or null when it named none. */
  shards: Array<[number, number] | null>;
}

interface Session {
  ws: WebSocket;
  seq: number;
  identified: boolean;
}

export function createFakeGateway(world: GatewayWorld): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const stats: GatewayStats = { identifies: 0, heartbeats: 0, lastIntents: null, rejectedTokens: 0, shards: [] };
  const identifiedWaiters: Array<() => void> = [];

  const send = (s: Session, payload: Record<string, unknown>) => {
    if (s.ws.readyState === s.ws.OPEN) s.ws.send(JSON.stringify(payload));
  };
  const sendDispatch = (s: Session, t: string, d: unknown) => {
    s.seq += 1;
    send(s, { op: OP.DISPATCH, t, s: s.seq, d });
  };

  function onIdentify(s: Session, d: { token?: unknown; intents?: unknown; shard?: unknown }): void {
    if (d.token !== world.token) {
      stats.rejectedTokens += 1;
      s.ws.close(4004, 'Authentication failed.');
      return;
    }
    stats.identifies += 1;
    stats.lastIntents = typeof d.intents === 'number' ? d.intents : null;
    const shard = Array.isArray(d.shard) && d.shard.length === 2 && d.shard.every((n) => Number.isInteger(n)) ? (d.shard as [number, number]) : null;
    stats.shards.push(shard);
    s.identified = true;
    // READY echoes the shard the connection identified as, as Discord's does.
    sendDispatch(s, 'READY', { ...world.readyPayload(), ...(shard ? { shard } : {}) });
    for (const guild of world.guildPayloads()) sendDispatch(s, 'GUILD_CREATE', guild);
    identifiedWaiters.splice(0).forEach((resolve) => resolve());
  }

  wss.on('connection', (ws) => {
    const session: Session = { ws, seq: 0, identified: false };
    sessions.add(session);
    ws.on('close', () => sessions.delete(session));
    ws.on('error', () => sessions.delete(session));
    // A long interval: the client's first heartbeat comes at a random point within it, tests never depend on it.
    send(session, { op: OP.HELLO, d: { heartbeat_interval: 45_000 } });
    ws.on('message', (raw) => {
      let msg: { op?: number; d?: unknown };
      try {
        msg = JSON.parse(String(raw)) as { op?: number; d?: unknown };
      } catch {
        ws.close(4002, 'Decode error.');
        return;
      }
      switch (msg.op) {
        case OP.HEARTBEAT:
          stats.heartbeats += 1;
          send(session, { op: OP.HEARTBEAT_ACK });
          break;
        case OP.IDENTIFY:
          onIdentify(session, (msg.d ?? {}) as { token?: unknown; intents?: unknown; shard?: unknown });
          break;
        case OP.RESUME:
          // The fake keeps no sessions to resume: ask for a fresh IDENTIFY, as Discord does for stale sessions.
          send(session, { op: OP.INVALID_SESSION, d: false });
          break;
        default:
          break;
      }
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    dispatch(type, data) {
      let n = 0;
      for (const s of sessions) {
        if (!s.identified) continue;
        sendDispatch(s, type, data);
        n += 1;
      }
      return n;
    },
    stats: () => ({ ...stats, shards: [...stats.shards] }),
    whenIdentified() {
      if ([...sessions].some((s) => s.identified)) return Promise.resolve();
      return new Promise((resolve) => identifiedWaiters.push(resolve));
    },
    close() {
      for (const s of sessions) s.ws.terminate();
      sessions.clear();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
