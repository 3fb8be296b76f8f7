/**
 * Makes untrusted text (post titles, creator handles, anything from TikLiveAPI or the user)
 * safe to show in Discord: it can neither ping anyone nor break the surrounding markdown.
 * `allowed_mentions` is also empty on every message; neutralising here is the second lock, and
 * it keeps pings out of places allowed_mentions does not cover (copied text, thread names).
 */
import { truncate as cutText } from '../../src/chat/fit';

const ZWSP = '\u200b';

/** One line: control characters that could garble a message removed, every run of whitespace one space. */
function oneLine(text: string): string {
  return String(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Breaks every mention form: `@everyone`, `@here`, `<@123>`, `<@!123>`, `<@&123>`, and channel or
 * command links `<#123>`, `</name:123>`, by putting a zero-width space where Discord's parser needs
 * the characters to touch. Ordinary handles such as `@mossy.kitchen` stay as they are.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(?=(?:everyone|here)\b)/gi, `@${ZWSP}`).replace(/<(?=[@#/])/g, `<${ZWSP}`);
}

/** Cuts to at most `max` UTF-16 units, ending with an ellipsis, without splitting a surrogate pair. */
export const truncate = (text: string, max: number): string => cutText(text, max, { trimEnd: true });

/**
 * Backslash-escapes markdown in one line of text. Discord renders `\x` as `x` for any punctuation,
 * so escaping every inline marker is always safe, and a URL from outside never becomes a link. (discord.js `escapeMarkdown` matches pairs, so a
 * run such as `*****` slips through, and it leaves headings, quotes and masked links alone.)
 * Block markers (`#`, `>`, `-`, `+`, `1.`) only matter at the start of a line.
 */
export function escapeMarkdownLine(line: string): string {
  return line
    .replace(/[\\*_~|`[\]()<]/g, '\\$&')
    // A bare URL links itself; an escaped colon keeps it text (Discord shows `\:` as `:`).
    .replace(/:\/\//g, '\\://')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/^[#>+-]/, '\\$&');
}

/**
 * One line of untrusted text for markdown places (embed title, description, field values):
 * single line, at most `max` characters of the original, markdown escaped, mentions broken.
 * Truncation happens before escaping so a cut never leaves half an escape sequence.
 */
export function safeInline(text: string, max = 200): string {
  return neutraliseMentions(escapeMarkdownLine(truncate(oneLine(text), max)));
}

/** Untrusted text for places Discord shows without markdown (thread names, footers). */
export function safePlain(text: string, max: number): string {
  return truncate(neutraliseMentions(oneLine(text)), max);
}
