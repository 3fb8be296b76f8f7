/**
 * Inline text into a platform's markup. What every surface decides the same way lives here: text
 * from outside is cleaned before any markup sees it, people and channels are shown only from ids
 * shaped as the platform makes them (otherwise named in words), a time only when it parses, and a
 * link only to a URL we may link (otherwise its words alone). An adapter gives only how its
 * markup writes each piece.
 */
import { cleanUntrusted, isSafeLinkUrl, type Inline } from './inline';

export interface InlineMarkup<T> {
  /** Our own words as they are (also the words a refused mention, time or link falls back to). */
  text(text: string): T;
  strong(text: string): T;
  code(text: string): T;
  /** Text from outside, already cleaned and cut to `max` characters. */
  untrusted(text: string, max: number): T;
  /** The shape of the platform's own user and channel ids. */
  id: RegExp;
  user(id: string): T;
  channel(id: string): T;
  /** A moment as seconds since the epoch, with the ISO text it came from. */
  time(seconds: number, iso: string): T;
  /** A link whose URL passed isSafeLinkUrl. */
  link(text: string, url: string): T;
}

/** Each span of `inline` in the platform's markup, in order. */
export function walkInline<T>(inline: Inline, m: InlineMarkup<T>): T[] {
  return inline.map((s) => {
    switch (s.kind) {
      case 'text':
        return m.text(s.text);
      case 'strong':
        return m.strong(s.text);
      case 'code':
        return m.code(s.text);
      case 'untrusted':
        return m.untrusted(cleanUntrusted(s.text, s.max), s.max);
      case 'user':
        return m.id.test(s.id) ? m.user(s.id) : m.text('someone');
      case 'channel':
        return m.id.test(s.id) ? m.channel(s.id) : m.text('a channel');
      case 'time': {
        const ms = Date.parse(s.iso);
        return Number.isFinite(ms) ? m.time(Math.floor(ms / 1000), s.iso) : m.text('unknown time');
      }
      case 'link':
        return isSafeLinkUrl(s.url) ? m.link(s.text, s.url) : m.text(s.text);
    }
  });
}
