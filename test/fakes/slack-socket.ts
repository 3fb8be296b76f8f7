/**
 * The Socket Mode half of the fake Slack: a `ws` server at /link that greets each client with
 * `{"type":"hello"}`, delivers slash-command envelopes and records the acks the app sends back.
 * No jest globals: the benchmark imports this.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

export interface SlackAck {
  /** Position among everything the fake Slack recorded (calls, acks, responses). */
  seq: number;
  envelopeId: string;
  /** What Bolt's ack(body) sent, or undefined for an empty ack. */
  payload: unknown;
  /** performance.now() when the ack arrived (for the benchmark, not for assertions). */
  at: number;
  /** performance.now() when the envelope was sent. */
  sentAt: number;
}

export interface SocketSide {
  /** Open Socket Mode connections that got their hello. */
  connections(): number;
  /** Resolves once at least one client is connected. */
  waitForConnection(): Promise<void>;
  /** Sends an envelope to the newest connection; resolves with its ack. */
  send(type: string, payload: unknown): Promise<SlackAck>;
  /** Sends `{"type":"disconnect"}` (the client reconnects) or drops every socket. */
  disconnectAll(mode: 'polite' | 'drop'): void;
  close(): Promise<void>;
}

export function attachSocketMode(server: Server, record: { nextSeq(): number; /** Wakes waiters: called on every record and connection change. */ emit(): void }, acks: SlackAck[]): SocketSide {
  const wss = new WebSocketServer({ noServer: true });
  const open: WebSocket[] = [];
  const pending = new Map<string, { resolve: (a: SlackAck) => void; sentAt: number }>();
  const connectWaiters: Array<() => void> = [];
  let envelopes = 0;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!(req.url ?? '').startsWith('/link')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data) => {
      let msg: { envelope_id?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        return;
      }
      if (typeof msg.envelope_id !== 'string') return;
      const waiting = pending.get(msg.envelope_id);
      const ack: SlackAck = { seq: record.nextSeq(), envelopeId: msg.envelope_id, payload: msg.payload, at: performance.now(), sentAt: waiting?.sentAt ?? 0 };
      acks.push(ack);
      pending.delete(msg.envelope_id);
      waiting?.resolve(ack);
      record.emit();
    });
    // The client counts as connected only after hello; a server ping keeps its pong timer happy.
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: { host: 'fake' } }));
    const ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.ping(), 5_000);
    ping.unref();
    ws.on('close', () => {
      clearInterval(ping);
      const i = open.indexOf(ws);
      if (i >= 0) open.splice(i, 1);
      record.emit();
    });
    open.push(ws);
    for (const wake of connectWaiters.splice(0)) wake();
    record.emit();
  });

  return {
    connections: () => open.length,
    waitForConnection: () => (open.length > 0 ? Promise.resolve() : new Promise((resolve) => connectWaiters.push(resolve))),
    send(type, payload) {
      const ws = open[open.length - 1];
      if (!ws) return Promise.reject(new Error('fake Slack: no Socket Mode connection'));
      envelopes += 1;
      const envelopeId = `env-${envelopes}-${Math.random().toString(36).slice(2, 8)}`;
      return new Promise<SlackAck>((resolve) => {
        pending.set(envelopeId, { resolve, sentAt: performance.now() });
        ws.send(JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: true, payload }));
      });
    },
    disconnectAll(mode) {
      for (const ws of [...open]) {
        if (mode === 'polite') ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
        else ws.terminate();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of open) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
