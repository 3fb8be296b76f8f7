/**
 * Fitting text into a platform's limits: a cut that ends with an ellipsis and never splits a
 * character, and lines packed into as few chunks of a maximum size as they fit.
 */
const ELLIPSIS = '…';

/** Cuts `text` to at most `max` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  // Never split a surrogate pair: a lone half renders as a broken glyph.
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, Math.max(0, cut)) + ELLIPSIS;
}

/**
 * Packs lines into chunks of at most `max` characters joined by newlines (each line is cut
 * to `max` first), so long lists spread over several sections instead of breaking one.
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= max) current += `\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
