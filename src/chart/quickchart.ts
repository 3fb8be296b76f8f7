/**
 * QuickChart delivery: a plain GET URL (what Slack image blocks and Discord embeds load), and
 * POST /chart for the PNG. Both ask for Chart.js 4 (`v=4` / `version: '4'`): the configs are
 * Chart.js 4 configs, and QuickChart's default would be Chart.js 2.
 *
 * The config is always handed over as text made by JSON.stringify: QuickChart evaluates configs
 * as JavaScript, so JSON text with no code in it is the only safe shape. The URL and the POST
 * body are built here (not with quickchart-js): the URL needs our compact encoding (./encode.ts),
 * and the PNG request needs a timeout, a size cap and a base path prefix, which quickchart-js
 * does not offer.
 */
import { z } from 'zod';
import { QuadrantsError } from '../errors';
import { CHART_URL_LIMITS } from './delivery';
import { encodeChartConfig } from './encode';
import { CHART_HEIGHT, CHART_PIXEL_RATIO, CHART_WIDTH } from './theme';
import type { ChartConfig } from './types';

export { CHART_HEIGHT, CHART_WIDTH } from './theme';
/** The per-platform URL limits (see ./delivery.ts); kept under this name for existing callers. */
export const MAX_CHART_URL_LENGTH = CHART_URL_LIMITS;
/** Chart.js major version QuickChart must use for these configs. */
export const CHART_VERSION = '4';

const DEFAULT_TIMEOUT_MS = 10_000;
/** A 480x400 PNG at 2x is well under this; anything bigger is not a chart. */
const MAX_PNG_BYTES = 5 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const baseUrlSchema = z.url({ protocol: /^https?$/ });

/** Scheme, host and path prefix (no trailing slash) of a QuickChart base URL; throws CONFIG. */
function parseBase(baseUrl: string): string {
  const checked = baseUrlSchema.safeParse(baseUrl);
  if (!checked.success) {
    throw new QuadrantsError('CONFIG', 'QUICKCHART_BASE_URL is not an http(s) URL');
  }
  const url = new URL(checked.data);
  // Credentials, query and fragment are dropped: a chart URL is posted in chat for anyone to read.
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The GET URL that renders `config`: `<base>/chart?c=…&w=480&h=400&devicePixelRatio=2&bkg=white&v=4`.
 * Scheme, host, port and any path prefix come from the base URL; credentials, query and fragment
 * never do. Whether the URL is short enough for a platform is ./delivery.ts's decision.
 */
export function chartUrl(config: ChartConfig, baseUrl: string): string {
  const query = `c=${encodeChartConfig(config)}&w=${CHART_WIDTH}&h=${CHART_HEIGHT}&devicePixelRatio=${CHART_PIXEL_RATIO}&bkg=white&v=${CHART_VERSION}`;
  return `${parseBase(baseUrl)}/chart?${query}`;
}

/** The documented POST /chart body for `config`. */
export function postBody(config: ChartConfig): Record<string, unknown> {
  return {
    version: CHART_VERSION,
    backgroundColor: 'white',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    devicePixelRatio: CHART_PIXEL_RATIO,
    format: 'png',
    chart: JSON.stringify(config),
  };
}

/** Reads a response body, giving up past `limit` bytes. */
async function readLimited(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw new QuadrantsError('CHART_UNAVAILABLE', `QuickChart sent more than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Renders `config` to PNG bytes via POST /chart. Throws QuadrantsError('CHART_UNAVAILABLE'). */
export async function renderChartPng(config: ChartConfig, baseUrl: string, options: { timeoutMs?: number } = {}): Promise<Buffer> {
  const base = parseBase(baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let png: Buffer;
  try {
    // Loaded here: a report that never draws through QuickChart (the CLI's --json) starts without it.
    const { request } = require('undici') as typeof import('undici');
    const res = await request(`${base}/chart`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'image/png' },
      body: JSON.stringify(postBody(config)),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new QuadrantsError('CHART_UNAVAILABLE', `QuickChart answered HTTP ${res.statusCode}`);
    }
    png = await readLimited(res.body, MAX_PNG_BYTES);
  } catch (err) {
    if (err instanceof QuadrantsError) throw err;
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new QuadrantsError('CHART_UNAVAILABLE', `QuickChart request failed (${detail})`, { cause: err });
  }
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new QuadrantsError('CHART_UNAVAILABLE', 'QuickChart did not send a PNG');
  }
  return png;
}
