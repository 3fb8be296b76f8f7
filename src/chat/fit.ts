/**
 * Fitting text into a platform's limits: a cut that ends with an ellipsis and never splits a
 * character, and lines packed into as few chunks of a maximum size as they fit.
 */
const ELLIPSIS = '…';

/** How a line is cut to `max` characters (truncate, or a platform's own variant of it). */
export type Cut = (text: string, max: number) => string;

/**
 * Cuts `text` to at most `max` characters, ending with an ellipsis when it was cut; with
 * `trimEnd`, no space is left before the ellipsis.
 */
export function truncate(text: string, max: number, o: { trimEnd?: boolean } = {}): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  // Never split a surrogate pair: a lone half renders as a broken glyph.
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const head = text.slice(0, Math.max(0, cut));
  return (o.trimEnd ? head.trimEnd() : head) + ELLIPSIS;
}

/**
 * Packs lines into chunks of at most `max` characters joined by newlines (each line is cut
 * to `max` first), so long lists spread over several sections instead of breaking one.
 */
export function packLines(lines: readonly string[], max: number, cut: Cut = truncate): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = cut(raw, max);
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

/**
 * Joins whole lines up to `max` characters; lines that do not fit are summarised as "…and N more",
 * so markup is never cut in the middle (only a first line longer than `max` is cut, by `cut`).
 */
export function fitLines(lines: readonly string[], max: number, cut: Cut = truncate): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const more = `…and ${lines.length - i} more`;
    const cost = line.length + (out.length > 0 ? 1 : 0);
    const reserve = i < lines.length - 1 ? more.length + 1 : 0;
    if (used + cost + reserve > max) {
      out.push(more);
      break;
    }
    out.push(line);
    used += cost;
  }
  return cut(out.join('\n'), max);
}

/**
 * Groups items in order so that each group's cost stays within `max` and its count within
 * `maxCount`. `lead` is the cost of what leads the first group (a title, say; null for nothing):
 * that group is kept even when no item fits beside it. An item costlier than `max` alone still
 * gets a group.
 */
export function packBy<T>(items: readonly T[], cost: (item: T) => number, max: number, maxCount: number, lead: number | null = null): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = lead ?? 0;
  let open = lead !== null;
  const flush = () => {
    if (current.length > 0 || open) groups.push(current);
    current = [];
    used = 0;
    open = false;
  };
  for (const item of items) {
    const n = cost(item);
    if (used + n > max || current.length >= maxCount) flush();
    current.push(item);
    used += n;
  }
  flush();
  return groups;
}
