/**
 * JSON decoding that keeps 19-digit TikTok ids exact.
 *
 * `JSON.parse` turns a bare 7398700011122233344 into 7398700011122233000. Before parsing we
 * quote every bare integer of 16 or more digits. A small scanner (not a plain regex) is used
 * so that digits inside string values, such as a title quoting a number, are never touched.
 */

const LONG_INTEGER_DIGITS = 16;

/** Returns `text` with bare integers of 16+ digits wrapped in quotes; everything else as is. */
export function quoteLongIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip a whole string literal, honouring backslash escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i++;
        else break;
      }
      const token = text.slice(start, i);
      if (/^-?\d+$/.test(token) && token.replace('-', '').length >= LONG_INTEGER_DIGITS) {
        out += text.slice(last, start) + '"' + token + '"';
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Parses a response body; long integers come back as strings. Throws SyntaxError on bad JSON. */
export function parseJsonBody(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text)) as unknown;
}
