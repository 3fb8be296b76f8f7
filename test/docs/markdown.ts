/**
 * Just enough Markdown reading for the documentation tests: the links a page makes (outside code)
 * and the anchors its headings get on GitHub, so a link checked here is a link that works there.
 */

/** One link or image target as written, with the line it is on (1-based) for the failure message. */
export interface MarkdownLink {
  target: string;
  line: number;
}

/** Lines outside fenced code blocks; with `blankCode`, inline code blanked out (code is never a link). */
function proseLines(text: string, blankCode = true): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (!fenced) out.push([i + 1, blankCode ? line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length)) : line]);
  });
  return out;
}

/** Every `[text](target)` and `![alt](target)` in the page's prose. */
export function markdownLinks(text: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const [line, prose] of proseLines(text)) {
    for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1] ?? '', line });
  }
  return links;
}

/** True for a target with a scheme (`https:`, `mailto:`): not a file in this repository. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/** The anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
export function headingAnchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, line] of proseLines(text, false)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = (m[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}
