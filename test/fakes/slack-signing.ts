/**
 * Signed slash-command requests for Slack's HTTP mode: HMAC-SHA256 over
 * `v0:{timestamp}:{raw form body}`, hex, prefixed `v0=`. Options make bad and stale signatures.
 * No jest globals: the benchmark may import this.
 */
import { createHmac } from 'node:crypto';

export interface SignOptions {
  secret: string;
  /** Unix seconds; default now. A value over 5 minutes old makes a stale request. */
  timestamp?: number;
  /** Sign with a wrong secret. */
  badSignature?: boolean;
}

/** The two headers Slack adds to every HTTP request. */
export function slackSignature(body: string, options: SignOptions): Record<string, string> {
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.badSignature ? `${options.secret}-wrong` : options.secret;
  const sig = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${sig}`, 'x-slack-request-timestamp': String(ts) };
}

export interface SignedResponse {
  status: number;
  body: string;
}

/** POSTs a form-encoded slash command to `url` (…/slack/events) with Slack's signature headers. */
export async function sendSignedCommand(url: string, form: Record<string, string>, options: SignOptions): Promise<SignedResponse> {
  const body = new URLSearchParams(form).toString();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(body, options) },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** POSTs a JSON body (an Events API callback) to `url` with Slack's signature headers. */
export async function sendSignedJson(url: string, payload: unknown, options: SignOptions): Promise<SignedResponse> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...slackSignature(body, options) },
    body,
  });
  return { status: res.status, body: await res.text() };
}
