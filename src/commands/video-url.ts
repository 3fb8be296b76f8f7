/**
 * Reading one TikTok video link, as pasted into chat, into a clean URL for /post-detail/.
 */
import { QuadrantsError } from '../errors';
import { echoInput, unwrapSlackLink, USERNAME_RE } from './creator';

const FULL_HOSTS = new Set(['tiktok.com', 'www.tiktok.com', 'm.tiktok.com']);
const SHORT_HOSTS = new Set(['vm.tiktok.com', 'vt.tiktok.com']);
const HINT = 'paste a TikTok video link, for example `https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344`';

function bad(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}

/**
 * Validates a video link and returns it normalised (https, no query or fragment):
 * `https://www.tiktok.com/@name/video/<id>` (or `/photo/<id>`), or a short link
 * `https://vm.tiktok.com/<code>/`. Throws QuadrantsError('BAD_INPUT') otherwise.
 */
export function parseVideoUrl(input: string): string {
  if (typeof input !== 'string' || input.trim() === '') throw bad('empty video url', `Give one video; ${HINT}.`);
  const raw = unwrapSlackLink(input.trim());
  const shown = echoInput(raw);
  if (raw.length > 500) throw bad('video url too long', `That link is too long; ${HINT}.`);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw bad('video url did not parse', `“${shown}” is not a TikTok video link; ${HINT}.`);
  }
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw bad('video url scheme', `“${shown}” is not a TikTok video link; ${HINT}.`);
  }
  if (FULL_HOSTS.has(host)) {
    const [at, kind, id] = segments;
    if (segments.length === 3 && at?.startsWith('@') && USERNAME_RE.test(at.slice(1)) && (kind === 'video' || kind === 'photo') && /^\d{6,25}$/.test(id ?? '')) {
      return `https://www.tiktok.com/${at.toLowerCase()}/${kind}/${id}`;
    }
    // www.tiktok.com/t/<code>/ is the web share short form.
    if (segments.length === 2 && segments[0] === 't' && /^[A-Za-z0-9]{5,16}$/.test(segments[1] ?? '')) {
      return `https://www.tiktok.com/t/${segments[1]}/`;
    }
    if (segments.length === 1 && at?.startsWith('@')) {
      throw bad('profile url given as video', 'That is a profile link; give it as the creator for a report, or paste a link to one video for `post`.');
    }
  }
  if (SHORT_HOSTS.has(host) && segments.length === 1 && /^[A-Za-z0-9]{5,16}$/.test(segments[0] ?? '')) {
    return `https://${host}/${segments[0]}/`;
  }
  throw bad('not a tiktok video url', `“${shown}” is not a TikTok video link; ${HINT}.`);
}

/** The numeric video id in a normalised full link, or null for short links. */
export function videoIdFromUrl(url: string): string | null {
  return /\/(?:video|photo)\/(\d{6,25})$/.exec(url)?.[1] ?? null;
}
