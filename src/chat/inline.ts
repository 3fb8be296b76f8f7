/**
 * Inline text for cards: a run of spans, so every surface can mark up our own words and escape
 * everything that came from outside. Interpolating a plain string into `say` treats it as
 * untrusted (a title, a handle, an echo of user input); our own words are the template's literal
 * parts. That default is the safety net: text from outside can only become markup by accident if
 * someone wraps it in a trusted span on purpose.
 */
export type Span =
  /** Our own words. */
  | { kind: 'text'; text: string }
  /** Our own words, emphasised (a label, a verdict). */
  | { kind: 'strong'; text: string }
  /** Our own words shown as code (a command to type). */
  | { kind: 'code'; text: string }
  /** Text from outside: always flattened to one line, cleaned, cut to `max` characters and escaped. */
  | { kind: 'untrusted'; text: string; max: number }
  /** A platform user id, shown as a mention that never notifies (validated by each surface). */
  | { kind: 'user'; id: string }
  /** A platform channel id, shown as a link to the channel. */
  | { kind: 'channel'; id: string }
  /** A moment, shown in the reader's own time zone where the surface can. */
  | { kind: 'time'; iso: string }
  /**
   * A link we made (a post on TikTok): `text` is our own words, `url` an https URL we built from
   * validated parts. Surfaces show `text` as the link and drop a URL that is not https.
   */
  | { kind: 'link'; text: string; url: string };

export type Inline = readonly Span[];

/** Default cut for untrusted text interpolated without an explicit limit. */
export const UNTRUSTED_MAX = 100;

export const text = (t: string): Span => ({ kind: 'text', text: t });
export const strong = (t: string): Span => ({ kind: 'strong', text: t });
export const code = (t: string): Span => ({ kind: 'code', text: t });
export const untrusted = (t: string, max = UNTRUSTED_MAX): Span => ({ kind: 'untrusted', text: t, max });
export const user = (id: string): Span => ({ kind: 'user', id });
export const channel = (id: string): Span => ({ kind: 'channel', id });
export const time = (iso: string): Span => ({ kind: 'time', iso });
export const link = (t: string, url: string): Span => ({ kind: 'link', text: t, url });

/** True for a URL a surface may turn into a link: https, no spaces or characters that end markup. */
export function isSafeLinkUrl(url: string): boolean {
  return /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9._~@%/-]*)?$/.test(url);
}

/** True when the inline holds text from outside (surfaces show such text where nothing parses markup). */
export function hasUntrusted(inline: Inline): boolean {
  return inline.some((s) => s.kind === 'untrusted');
}

type Part = string | number | Span | Inline;

function isSpan(v: unknown): v is Span {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v;
}

/** Appends a span, merging neighbouring plain text so renderers see fewer pieces. */
function push(out: Span[], span: Span): void {
  const last = out[out.length - 1];
  if (span.kind === 'text' && span.text === '') return;
  if (span.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + span.text };
  else out.push(span);
}

function add(out: Span[], value: Part): void {
  if (typeof value === 'number') push(out, text(String(value)));
  else if (typeof value === 'string') push(out, untrusted(value));
  else if (isSpan(value)) push(out, value);
  else for (const s of value) push(out, s);
}

/**
 * Builds inline text: literal parts are our words; interpolated strings are untrusted; numbers
 * are printed as they are; spans and inlines are kept.
 */
export function say(strings: TemplateStringsArray, ...values: Part[]): Inline {
  const out: Span[] = [];
  strings.forEach((s, i) => {
    push(out, text(s));
    if (i < values.length) add(out, values[i] as Part);
  });
  return out;
}

/** Our own words as inline text (no interpolation). */
export function words(t: string): Inline {
  return t === '' ? [] : [text(t)];
}

/** Joins inline pieces with a separator of our own words. */
export function join(parts: readonly Inline[], separator: string): Inline {
  const out: Span[] = [];
  parts.forEach((p, i) => {
    if (i > 0) push(out, text(separator));
    for (const s of p) push(out, s);
  });
  return out;
}

/** Characters that can reorder or hide text around them (bidi controls, zero-width marks). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * Untrusted text made safe for one line anywhere: line breaks become spaces, control, format and
 * direction-changing characters go, and it is cut to `max` characters (whole characters, so an
 * emoji is never split) with an ellipsis. Every surface escapes its own markup on top of this.
 */
export function cleanUntrusted(raw: string, max: number): string {
  const flat = String(raw)
    .replace(/[\r\n\t\v\f\u2028\u2029\u0085]+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…` : flat;
}

/** "2026-11-30 09:00 UTC": how a moment reads where no surface can localise it. */
export function utcMinute(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? 'unknown time' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The inline text with no markup at all: the CLI, fallbacks, logs and the surface contract tests. */
export function plain(inline: Inline): string {
  return inline
    .map((s) => {
      switch (s.kind) {
        case 'text':
        case 'strong':
        case 'code':
        case 'link':
          return s.text;
        case 'untrusted':
          return cleanUntrusted(s.text, s.max);
        case 'user':
          return `@${s.id}`;
        case 'channel':
          return `#${s.id}`;
        case 'time':
          return utcMinute(s.iso);
      }
    })
    .join('');
}
