/**
 * A result message with its chart in it. A chart that travels as a PNG is uploaded without being
 * shared (files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal
 * with no channel), then shown by the message itself through an image block's `slack_file`.
 *
 * Slack finishes processing an upload asynchronously, so for a moment a post naming the file is
 * refused with `invalid_blocks`: the post is tried again a few times with a short backoff (a
 * refused post put nothing in the channel, so retrying can never double it). If Slack still
 * refuses, the PNG is shared in the same place as the message (the channel's top level, or the
 * thread a click answers in) and the read-out follows right under it, so the breakdown thread
 * still hangs under the read-out and the picture is never only inside a thread.
 */
import type { webApi } from '@slack/bolt';
import { request } from 'undici';
import type { Card, CardChart } from '../../src/chat/card';
import { postWithUploads } from '../../src/chat/upload-post';
import { QuadrantsError } from '../../src/errors';
import type { Logger } from '../../src/log';
import { CHART_FILENAME } from './constants';
import { slackErrorCode } from './errors';
import { SLACK_LIMITS } from './limits';
import { renderCard } from './render';

type Client = webApi.WebClient;
type PostArgs = Parameters<Client['chat']['postMessage']>[0];

/** Deadline of the upload of one PNG's bytes. */
const UPLOAD_TIMEOUT_MS = 15_000;

/** How a chart message is posted: the client, and (for tests) how long and how to wait between tries. */
export interface ChartMessageOptions {
  client: Client;
  log: Logger;
  /** Waits between tries; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** One wait per retry; default FILE_READY_DELAYS_MS (src/chat/upload-post.ts). */
  delaysMs?: readonly number[];
}

/** Where the message goes and what it carries besides the card (thread, metadata, unfurl flags). */
export type ChartMessagePlace = Omit<PostArgs, 'text' | 'blocks'> & { channel: string; thread_ts?: string };

/** The waits of ChartMessageOptions, as the adapter's options carry them down. */
export type ChartRetry = Pick<ChartMessageOptions, 'sleep' | 'delaysMs'>;

/** Uploads `png`; shared into `share` when given, otherwise private to the bot until a message shows it. Returns the file id. */
export async function uploadPng(client: Client, png: Buffer, chart: CardChart, share?: { channel_id: string; thread_ts?: string }): Promise<string> {
  const alt = chart.alt.slice(0, SLACK_LIMITS.altText);
  const got = await client.files.getUploadURLExternal({ filename: CHART_FILENAME, length: png.length, alt_text: alt });
  const { upload_url: uploadUrl, file_id: fileId } = got;
  if (!uploadUrl || !fileId) throw new QuadrantsError('INTERNAL', 'slack gave no upload URL');
  // The upload URL is pre-signed: no token goes with the bytes.
  const res = await request(uploadUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: png,
    headersTimeout: UPLOAD_TIMEOUT_MS,
    bodyTimeout: UPLOAD_TIMEOUT_MS,
  });
  await res.body.dump();
  if (res.statusCode !== 200) throw new QuadrantsError('INTERNAL', `slack refused the file bytes: HTTP ${res.statusCode}`);
  const files: [{ id: string; title: string }] = [{ id: fileId, title: chart.title }];
  const destination = share ? { channel_id: share.channel_id, ...(share.thread_ts ? { thread_ts: share.thread_ts } : {}) } : {};
  await client.files.completeUploadExternal({ files, ...destination } as Parameters<Client['files']['completeUploadExternal']>[0]);
  return fileId;
}

/**
 * Posts `card` at `place` with every chart in the message: links as image blocks, PNGs uploaded
 * and shown by `slack_file` (retried while Slack processes them; shared at `place` right above the
 * message as a last resort; src/chat/upload-post.ts keeps that order). Returns the message's ts.
 * Throws what chat.postMessage throws.
 */
export async function postWithCharts(o: ChartMessageOptions, card: Card, place: ChartMessagePlace): Promise<string | undefined> {
  const share = { channel_id: place.channel, ...(place.thread_ts ? { thread_ts: place.thread_ts } : {}) };
  return postWithUploads(card, {
    upload: (png, chart, shared) => uploadPng(o.client, png, chart, shared ? share : undefined),
    post: async (c, files) => (await o.client.chat.postMessage({ ...place, ...renderCard(c, files) } as PostArgs)).ts,
    notReady: (err) => slackErrorCode(err) === 'invalid_blocks',
    uploadFailed: (err, shared) => o.log.warn('slack.chart_upload_failed', { code: !shared && err instanceof QuadrantsError ? err.code : slackErrorCode(err), error: err }),
    gaveUp: (tries) => o.log.warn('slack.chart_file_not_ready', { tries }),
    sleep: o.sleep,
    delaysMs: o.delaysMs,
  });
}
