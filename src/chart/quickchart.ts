/**
 * QuickChart delivery: a plain GET URL (what Slack image blocks and Discord embeds load), and
 * POST /chart for the PNG when a URL is too long for a platform (adapters then upload the file).
 *
 * The config is always handed over as a string made by JSON.stringify: quickchart-js serialises
 * objects with javascript-stringify and then un-quotes any string carrying `__BEGINFUNCTION__`,
 * and QuickChart evaluates configs as JavaScript. quickchart-js builds the POST body (with the
 * JSON string); the GET URL is built by ./encode.ts, which explains why getUrl() is not used.
 *
 * The PNG is fetched with undici rather than quickchart-js `toBinary()`: toBinary() works against
 * an http://127.0.0.1 base, but it has no timeout or abort, no cap on the response size and does
 * not honour a base path prefix; a chat reply must never wait on a stuck renderer.
 */
import QuickChart from 'quickchart-js';
import { request } from 'undici';
import { z } from 'zod';
import { QuadrantsError } from '../errors';
import { encodeChartConfig } from './encode';
import { roundToAxes, type ChartConfig } from './parts';

/** The longest chart URL each platform accepts (Slack image_url 3,000; Discord embed images ~2,000 in practice). */
export const MAX_CHART_URL_LENGTH = { discord: 2000, slack: 3000 } as const;

/** Image size in CSS pixels; hosted QuickChart renders at 2x device pixels by default. */
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 400;
/** Chart.js major version: QuickChart's default, and the only one whose plugins run self-hosted. */
export const CHART_VERSION = '2';

const DEFAULT_TIMEOUT_MS = 10_000;
/** A 600x400 PNG at 2x is well under this; anything bigger is not a chart. */
const MAX_PNG_BYTES = 5 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const baseUrlSchema = z.url({ protocol: /^https?$/ });

interface Base {
  scheme: string;
  host: string;
  /** Path prefix without a trailing slash ('' for none). */
  prefix: string;
}

function parseBase(baseUrl: string): Base {
  const checked = baseUrlSchema.safeParse(baseUrl);
  if (!checked.success) {
    throw new QuadrantsError('CONFIG', 'QUICKCHART_BASE_URL is not an http(s) URL');
  }
  const url = new URL(checked.data);
  // Credentials, query and fragment are dropped: a chart URL is posted in chat for anyone to read.
  return { scheme: url.protocol.slice(0, -1), host: url.host, prefix: url.pathname.replace(/\/+$/, '') };
}

/** quickchart-js, used for the POST body it documents (width, height, format, version, background). */
function client(config: ChartConfig): QuickChart {
  return new QuickChart()
    .setConfig(JSON.stringify(config))
    .setWidth(CHART_WIDTH)
    .setHeight(CHART_HEIGHT)
    .setBackgroundColor('white')
    // Hosted QuickChart renders GET URLs at 2x by default; the uploaded PNG should look the same.
    .setDevicePixelRatio(2)
    .setVersion(CHART_VERSION);
}

function urlFor(config: ChartConfig, base: Base): string {
  const query = `c=${encodeChartConfig(config)}&w=${CHART_WIDTH}&h=${CHART_HEIGHT}&bkg=white&v=${CHART_VERSION}`;
  return `${base.scheme}://${base.host}${base.prefix}/chart?${query}`;
}

/**
 * The GET URL that renders `config`: `<base>/chart?c=…&w=600&h=400&bkg=white&v=2`. Scheme, host,
 * port and any path prefix come from the base URL; credentials, query and fragment never do.
 * When the URL would pass 2,000 characters (only with unusually tiny rates on 30+ posts), the
 * coordinates are rounded to 2 significant digits instead of 3 if that makes it fit; otherwise
 * the full-precision URL is returned and adapters whose limit it passes upload the PNG instead.
 */
export function chartUrl(config: ChartConfig, baseUrl: string): string {
  const base = parseBase(baseUrl);
  const url = urlFor(config, base);
  if (url.length <= MAX_CHART_URL_LENGTH.discord) return url;
  const coarser = urlFor(roundToAxes(config, 2), base);
  return coarser.length <= MAX_CHART_URL_LENGTH.discord ? coarser : url;
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
  const body = JSON.stringify(client(config).getPostData());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let png: Buffer;
  try {
    const res = await request(`${base.scheme}://${base.host}${base.prefix}/chart`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'image/png' },
      body,
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
