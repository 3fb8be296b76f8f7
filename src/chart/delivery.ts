/**
 * How a chart reaches a chat: as a link the platform loads (`url`) or as a PNG the bot uploads
 * (`upload`). A pure decision from the URL, the platform and the settings; adapters act on it.
 *
 *   CHART_DELIVERY=auto    (default) upload when the URL is longer than the platform accepts, or
 *                          when the platform's servers could not fetch it (QuickChart not public)
 *   CHART_DELIVERY=url     the link whenever the platform accepts its length
 *   CHART_DELIVERY=upload  always the PNG
 */
import { isIP } from 'node:net';

import { PLATFORMS, type Platform } from '../platforms';

export type ChartDeliveryMode = 'auto' | 'url' | 'upload';
export type ChartDelivery = 'url' | 'upload';

/** The longest image URL each platform accepts: Slack image block `image_url`, Discord embed image URL. */
export const CHART_URL_LIMITS: Readonly<Record<Platform, number>> = { slack: PLATFORMS.slack.chartUrlMax, discord: PLATFORMS.discord.chartUrlMax };

export interface ChartDeliverySettings {
  mode: ChartDeliveryMode;
  /** QUICKCHART_PUBLIC: whether chat platforms can fetch from the QuickChart server. Unset: judged from its host. */
  quickchartPublic?: boolean;
}

function ipv4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function ipv6Private(ip: string): boolean {
  const v = ip.toLowerCase();
  if (v === '::' || v === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped) return ipv4Private(mapped[1] as string);
  // fe80::/10 link-local, fc00::/7 unique-local.
  return /^fe[89ab]/.test(v) || /^f[cd]/.test(v);
}

/**
 * True when a chat platform's servers could plausibly fetch images from this base URL: not
 * loopback, private, link-local or unique-local, not `localhost`, `*.local`, `*.internal`, and not
 * a bare single-label name such as a Compose service (`http://quickchart:3400`).
 */
export function isPublicBaseUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  // The URL parser writes an IPv4-mapped address in hex (::ffff:a00:1): judge the IPv4 inside.
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare);
  if (mappedHex) {
    const hi = parseInt(mappedHex[1] as string, 16);
    const lo = parseInt(mappedHex[2] as string, 16);
    return !ipv4Private(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const kind = isIP(bare);
  if (kind === 4) return !ipv4Private(bare);
  if (kind === 6) return !ipv6Private(bare);
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  if (host.endsWith('.local') || host.endsWith('.internal')) return false;
  return host.includes('.');
}

/**
 * `url` or `upload` for one chart on one platform. `url` is null when there is no link at all
 * (CHART_RENDERER=local): then it is always an upload.
 */
export function chartDelivery(url: string | null, platform: Platform, settings: ChartDeliverySettings): ChartDelivery {
  if (url === null) return 'upload';
  // Longer than the platform accepts: a link would lose the picture (or the message), whatever the mode.
  if (url.length > CHART_URL_LIMITS[platform]) return 'upload';
  if (settings.mode !== 'auto') return settings.mode;
  // An explicit QUICKCHART_PUBLIC wins over the guess from the host name.
  if (settings.quickchartPublic !== undefined) return settings.quickchartPublic ? 'url' : 'upload';
  return isPublicBaseUrl(url) ? 'url' : 'upload';
}
