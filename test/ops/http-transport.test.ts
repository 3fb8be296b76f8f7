/**
 * The transport discord.js REST sends through: headers given as an object literal (as discord.js
 * passes them) or as a Headers reach the server the same, and a body's content type is kept.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpTransport } from '../../src/ops/http-transport';

test('headers reach the server alike from an object literal and from a Headers, with the body', async () => {
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const http = createHttpTransport();
  try {
    const literal = { 'Content-Type': 'application/json', Authorization: 'Bot x', 'X-Audit-Log-Reason': ' why ' };
    const a = await http.makeRequest(url, { method: 'POST', headers: literal, body: '{"type":5}' });
    const b = await http.makeRequest(url, { method: 'POST', headers: new Headers(literal), body: '{"type":5}' });
    expect([a.status, b.status]).toEqual([204, 204]);
    const pick = (h: IncomingHttpHeaders) => [h['content-type'], h.authorization, h['x-audit-log-reason']];
    expect(pick(seen[0]!.headers)).toEqual(['application/json', 'Bot x', 'why']);
    expect(pick(seen[1]!.headers)).toEqual(pick(seen[0]!.headers));
    expect(seen.map((s) => s.body)).toEqual(['{"type":5}', '{"type":5}']);
  } finally {
    await http.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
