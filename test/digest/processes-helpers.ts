/**
 * What the multi-process digest tests share: a chat platform over HTTP that remembers posts by
 * idempotency key (and, for deliveries with threads, each post's thread reply), and a child
 * `digest run` process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { childEnv } from './transpile';

export interface ChatPost {
  channel: string;
  key: string;
  owner: string;
  ref: string;
}

/** A thread reply under a post (`ref`), as the platform got it. */
export interface ChatThread {
  ref: string;
  key: string;
  owner: string;
}

/**
 * A chat platform that remembers posts by idempotency key; `onPost` may hold the answer back.
 * POST /thread puts a reply under a post, unless `onThread` answers false (the reply never lands
 * and gets no answer, as when its sender dies first); GET /thread says whether a post has one.
 */
export function startChat(onPost?: (post: ChatPost, res: http.ServerResponse) => boolean, onThread?: (thread: ChatThread) => boolean) {
  const posts: ChatPost[] = [];
  const threads: ChatThread[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/find') {
      const hit = posts.find((p) => p.channel === url.searchParams.get('channel') && p.key === url.searchParams.get('key'));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ref: hit ? hit.ref : null }));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/thread') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ has: threads.some((t) => t.ref === url.searchParams.get('ref')) }));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (url.pathname === '/thread') {
        const thread = JSON.parse(body) as ChatThread;
        if (onThread && !onThread(thread)) return;
        threads.push(thread);
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
        return;
      }
      const input = JSON.parse(body) as Omit<ChatPost, 'ref'>;
      const post = { ...input, ref: `ts-${posts.length + 1}` };
      posts.push(post);
      if (onPost && !onPost(post, res)) return;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ref: post.ref }));
    });
  });
  return new Promise<{ url: string; posts: ChatPost[]; threads: ChatThread[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        posts,
        threads,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

export function runChild(script: string, config: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, [script], { env: childEnv({ QUADRANTS_CHILD: JSON.stringify(config) }), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

