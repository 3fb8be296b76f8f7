/**
 * Reading a creator reference as typed by a user: `@name`, `name`, a TikTok profile link or a
 * numeric user id. Bad input is refused here, before any request spends a credit.
 */
import { QuadrantsError } from '../errors';

export type CreatorInput = { kind: 'username'; username: string } | { kind: 'userid'; userid: string };

/** TikTok handles: letters, digits, `.` and `_`, 2 to 24 characters. */
export const USERNAME_RE = /^[A-Za-z0-9._]{2,24}$/;
/** Numeric TikTok user ids (19 digits today; anything from 5 digits is accepted). */
export const USERID_RE = /^\d{5,25}$/;

const PROFILE_HOSTS = new Set(['tiktok.com', 'www.tiktok.com', 'm.tiktok.com']);
const HINT = 'use @name, a profile link or a numeric id, for example `@mossy.kitchen`';
const MAX_ECHO = 40;

/**
 * A short, harmless copy of user input for an error sentence: no control or invisible
 * characters, no markup that could format, link or mention, at most 40 characters.
 */
export function echoInput(input: string): string {
  const clean = input
    .replace(/[\t\n\r\v\f\u2028\u2029]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>`*~|\\[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Characters, not UTF-16 units, so an emoji is never cut in half.
  const chars = [...clean];
  const short = chars.length > MAX_ECHO ? `${chars.slice(0, MAX_ECHO - 1).join('')}…` : clean;
  // A zero-width joiner after @ keeps "@everyone"/"@here"/"@channel" from ever becoming a ping.
  return short.replace(/@(?=(everyone|here|channel)\b)/gi, '@\u2060');
}

function bad(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}

/** Slack sends links as `<https://…>` or `<https://…|label>`; anything else in brackets is not a link. */
export function unwrapSlackLink(text: string): string {
  const m = /^<(https?:\/\/[^|>]+)(?:\|[^>]*)?>$/i.exec(text);
  return m ? (m[1] as string) : text;
}

/**
 * One word as a chat client may have escaped it, reduced to what the user meant, the same way on
 * every surface (Slack text, CLI arguments, Discord options, form answers): a link loses its
 * brackets; a Slack member mention that carries the typed name (`<@U…|name>`) becomes `@name`.
 * A member without a label (`<@U…>`, Discord's `<@123…>`, `<@!123…>`), a role (`<@&…>`) or a
 * broadcast (`<!here>`) is refused: none of them can name a TikTok creator. Channel tokens pass
 * (they are the channel argument); parseCreatorInput refuses any bracketed word left over.
 */
export function unwrapSlackToken(token: string): string {
  const link = /^<(https?:\/\/[^|>]+)(?:\|[^>]*)?>$/i.exec(token);
  if (link) return link[1] as string;
  const member = /^<@!?(?:[UW][A-Z0-9]+|[0-9]+)(?:\|([^>]*))?>$/i.exec(token);
  if (member) {
    const label = (member[1] ?? '').trim().replace(/^@/, '');
    if (label) return `@${label}`;
    throw bad('member mention', 'That @name matched a member of this workspace or server, not a TikTok creator; type the TikTok handle as plain text (on Slack, press space instead of picking the member).');
  }
  // Slack turns a typed @here into <!here>; the CLI and Discord see the words, and refuse them alike.
  if (/^<[!@].*>$/.test(token) || /^@(here|channel|everyone)$/i.test(token)) {
    throw bad('chat mention', 'That is a chat mention (a role, a group or everyone), not a TikTok creator; give the creator as @name, a profile link or a numeric id.');
  }
  return token;
}

function looksLikeUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^(?:[\w-]+\.)*tiktok\.com\//i.test(s);
}

function fromProfileUrl(raw: string, shown: string): CreatorInput {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw bad('creator url did not parse', `“${shown}” is not a TikTok profile link; ${HINT}.`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !PROFILE_HOSTS.has(url.hostname.toLowerCase())) {
    throw bad('creator url on another host', `“${shown}” is not a TikTok profile link; ${HINT}.`);
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const handle = segments[0]?.startsWith('@') ? segments[0].slice(1) : undefined;
  if (handle !== undefined && segments.length > 1 && /^(video|photo)$/.test(segments[1] ?? '')) {
    throw bad('video url given as creator', 'That is a link to one video; use the `post` command for a video, or give the creator as @name.');
  }
  if (handle === undefined || segments.length !== 1 || !USERNAME_RE.test(handle)) {
    throw bad('creator url without a handle', `“${shown}” is not a TikTok profile link; ${HINT}.`);
  }
  return { kind: 'username', username: handle.toLowerCase() };
}

/**
 * Parses a creator reference. Handles are lowercased (TikTok handles are case-insensitive),
 * ids stay strings. Throws QuadrantsError('BAD_INPUT') with one sentence and a usage hint.
 */
export function parseCreatorInput(input: string): CreatorInput {
  if (typeof input !== 'string' || input.trim() === '') {
    throw bad('empty creator', `Give a TikTok creator; ${HINT}.`);
  }
  const raw = unwrapSlackToken(input.trim());
  const shown = echoInput(raw);
  if (raw.length > 300) throw bad('creator too long', `That is too long for a TikTok creator; ${HINT}.`);
  // A channel (`<#C…>`) or any other bracketed word (`<script>`) is not a creator, whatever is inside.
  if (/^<.*>$/s.test(raw)) throw bad('bracketed creator', `“${shown}” is not a TikTok handle; ${HINT}.`);
  if (looksLikeUrl(raw)) return fromProfileUrl(raw, shown);

  const hadAt = raw.startsWith('@');
  const name = hadAt ? raw.slice(1) : raw;
  // Bare digits are an id; "@123456" is a handle that happens to be numeric.
  if (!hadAt && USERID_RE.test(name)) return { kind: 'userid', userid: name };
  if (USERNAME_RE.test(name)) return { kind: 'username', username: name.toLowerCase() };
  if (/^[A-Za-z0-9._]{25,}$/.test(name)) {
    throw bad('handle too long', `“${shown}” is too long for a TikTok handle (at most 24 characters); ${HINT}.`);
  }
  throw bad('not a handle', `“${shown}” is not a TikTok handle; ${HINT}.`);
}
