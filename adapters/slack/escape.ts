/**
 * Text made safe for Slack mrkdwn. Slack treats `&`, `<` and `>` as control characters:
 * `<!channel>`, `<@U123>` and `<https://x|y>` only work because of them, so escaping those three
 * stops any text from pinging a channel or hiding a link. The renderer draws text from outside as
 * rich_text, verbatim; where it must go in mrkdwn it also loses its formatting characters (Slack
 * has no backslash escape, so they become look-alikes) and cannot
 * reach the bot's own words around it (bidi controls are gone before this, see cleanUntrusted).
 */

/** Bare words some clients still turn into pings when a message is parsed with link names. */
const BROADCAST_WORDS = /@(channel|here|everyone)\b/gi;
const ZERO_WIDTH_SPACE = '\u200b';

/** Slack formatting characters and harmless look-alikes that Slack does not parse. */
const LOOKALIKES: Record<string, string> = { '*': '∗', _: 'ˍ', '~': '∼', '`': 'ˋ' };

/** Escapes `&`, `<`, `>` and defuses bare @channel / @here / @everyone. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORDS, `@${ZERO_WIDTH_SPACE}$1`);
}

/**
 * Text from outside for mrkdwn (where a caller has no rich_text to put it in, such as the working
 * line): escaped, and unable to bold, italicise, strike or code-format. An underscore between two
 * letters or digits can neither open nor close italics, so it stays itself: `@lucy_the_cook` reads
 * (and copies) as the handle.
 */
export function neutraliseMrkdwn(text: string): string {
  return escapeMrkdwn(text.replace(/[*~`]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => LOOKALIKES[c] ?? c));
}
