/**
 * Turning a chart config into the shortest safe `c=` query value.
 *
 * 1. `JSON.stringify` does the serialising, so every string is fully escaped and no function
 *    can exist in the output.
 * 2. `compactJson` then walks that JSON text with a small lexer and, outside string literals
 *    only, drops the quotes around identifier keys (`"x":` -> `x:`) and the leading zero of
 *    fractions (`0.12` -> `.12`), and single-quotes string values (`"a"` -> `'a'`). The result is a JavaScript object literal (QuickChart
 *    evaluates configs as JavaScript) holding exactly the same data; string contents are never
 *    touched.
 * 3. `encodeQueryValue` percent-encodes it per RFC 3986, leaving the characters a query may
 *    carry literally (`:` `,` `/` `(` `)` …) as they are, and writing spaces as `%20`.
 *
 * Why not quickchart-js `getUrl()`: it form-encodes (`:` and `,` become `%3A`/`%2C`, `"` keys
 * stay quoted), which makes a 35-post chart about twice the 2,000 characters Discord accepts,
 * and it writes spaces as `+`, which QuickChart's own query parser (decodeURIComponent, by
 * design) does not turn back into spaces.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** End index (exclusive) of the JSON string literal starting at `start` (a `"`). */
function stringEnd(json: string, start: number): number {
  let i = start + 1;
  while (i < json.length) {
    const ch = json[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i += 1;
  }
  throw new Error('unterminated string in JSON text');
}

/**
 * A JSON string literal's inside as a single-quoted JavaScript literal: `'` is written as is in a
 * query and `"` costs three characters (`%22`), so every string is four characters shorter. JSON's
 * escapes mean the same in single quotes; only the quote characters swap roles.
 */
function singleQuoted(inner: string): string {
  return `'${inner.replace(/\\(["\\])|'/g, (m: string, esc?: string) => (esc === '"' ? '"' : esc === '\\' ? '\\\\' : "\\'"))}'`;
}

/** Shortens JSON text into an equivalent JavaScript object literal (see the file comment). */
export function compactJson(json: string): string {
  let out = '';
  let i = 0;
  while (i < json.length) {
    const ch = json[i] as string;
    if (ch === '"') {
      const end = stringEnd(json, i);
      const literal = json.slice(i, end);
      const inner = literal.slice(1, -1);
      // A key is a string literal directly followed by a colon.
      out += json[end] === ':' && IDENTIFIER.test(inner) ? inner : singleQuoted(inner);
      i = end;
      continue;
    }
    if (ch === '0' && json[i + 1] === '.' && !/[0-9.eE+-]/.test(out.slice(-1))) {
      // "0.25" -> ".25": valid in JavaScript, never inside a string (strings are copied above).
      i += 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Characters RFC 3986 allows literally in a query and that no query parser treats specially. */
const LITERAL = /[A-Za-z0-9\-._~!$'()*,:@/?]/;

/** Percent-encodes a query value (UTF-8), keeping RFC 3986 query characters literal. */
export function encodeQueryValue(text: string): string {
  let out = '';
  for (const ch of text) {
    if (LITERAL.test(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** The `c=` value for a config object: JSON.stringify, compacted, encoded. */
export function encodeChartConfig(config: unknown): string {
  return encodeQueryValue(compactJson(JSON.stringify(config)));
}
