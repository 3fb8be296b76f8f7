/**
 * Untrusted text (titles, usernames, error text) made safe for Slack.
 *
 * Slack treats `&`, `<` and `>` as control characters in mrkdwn: `<!channel>`, `<!here>`,
 * `<@U123>` and `<https://x|y>` only work because of them, so escaping those three is what
 * stops a video title from pinging a channel or hiding a link (platforms.md §4).
 */
import { truncate } from './limits';

/** Bare words some clients still turn into pings when a message is parsed with link names. */
const BROADCAST_WORDS = /@(channel|here|everyone)\b/gi;
const ZERO_WIDTH_SPACE = '\u200b';

/** Escapes `&`, `<`, `>` and defuses bare @channel / @here / @everyone. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORDS, `@${ZERO_WIDTH_SPACE}$1`);
}

/** Folds newlines, tabs and other control characters into single spaces, so a title stays on its line. */
export function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Untrusted text for mrkdwn, on one line, escaped, and at most `max` characters once escaped
 * (escaping lengthens text, so the raw text is cut until the escaped form fits).
 */
export function safeMrkdwn(untrusted: string, max: number): string {
  const flat = oneLine(untrusted);
  let keep = Math.min(flat.length, max);
  let out = escapeMrkdwn(truncate(flat, keep));
  // Escapes only lengthen the text, so shrinking by the overshoot converges in a few steps.
  while (out.length > max && keep > 0) {
    keep = Math.max(0, keep - Math.max(1, Math.ceil((out.length - max) / 4)));
    out = escapeMrkdwn(truncate(flat, keep));
  }
  return out;
}

/** Untrusted text for a plain_text object: never parsed for mentions, only flattened and cut. */
export function safePlain(untrusted: string, max: number): string {
  return truncate(oneLine(untrusted), max);
}

/** `@handle` for display, falling back to the numeric id when the handle is unknown. */
export function creatorHandle(creator: { username: string; userid: string }): string {
  return creator.username ? `@${creator.username}` : `user ${creator.userid}`;
}
