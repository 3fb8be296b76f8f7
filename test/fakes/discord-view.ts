/**
 * What a person sees of Discord markdown (message content, embed descriptions, field values and
 * titles), read the way Discord's client reads it: `\x` shows `x`, `[text](url)` is a live link,
 * a bare `https://…` links itself, `<@1>` `<@&1>` `<#1>` `@everyone` `@here` are mentions,
 * `**b**` `*i*` `_i_` `__u__` `~~s~~` `||spoiler||` and backticks are styles, and `# `, `-# `,
 * `> ` at a line start are headings and quotes. Tests assert on this, not on the payload.
 */

export interface DiscordSeen {
  text: string;
  links: Array<{ text: string; url: string }>;
  mentions: string[];
  styled: string[];
}

const PAIRS = ['**', '__', '~~', '||', '*', '_', '`'] as const;

function readInline(src: string, seen: DiscordSeen): string {
  let out = '';
  let i = 0;
  outer: while (i < src.length) {
    const rest = src.slice(i);
    // An escape shows the next punctuation character as it is.
    const esc = /^\\([^0-9A-Za-z\s])/.exec(rest);
    if (esc) {
      out += esc[1];
      i += 2;
      continue;
    }
    const masked = /^\[((?:\\.|[^\]\\])+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/.exec(rest);
    if (masked) {
      const shown = readInline(masked[1] as string, { text: '', links: [], mentions: [], styled: [] });
      seen.links.push({ text: shown, url: masked[2] as string });
      out += shown;
      i += masked[0].length;
      continue;
    }
    const angle = /^<(https?:\/\/[^\s>]+)>/.exec(rest);
    const bare = /^https?:\/\/[^\s<]+[^<.,:;"')\]\s]/.exec(rest);
    if (angle || bare) {
      const url = (angle ? angle[1] : bare?.[0]) as string;
      seen.links.push({ text: url, url });
      out += url;
      i += (angle ?? bare)?.[0].length ?? 0;
      continue;
    }
    const mention = /^(<@[!&]?\d+>|<#\d+>|@everyone\b|@here\b)/.exec(rest);
    if (mention) {
      // Drawn as a pill with the name; here the id stands for the name.
      seen.mentions.push(mention[1] as string);
      out += (mention[1] as string).replace(/^<([@#])[!&]?(\d+)>$/, '$1$2');
      i += mention[0].length;
      continue;
    }
    const stamp = /^<t:(\d+)(?::[tTdDfFR])?>/.exec(rest);
    if (stamp) {
      out += `${new Date(Number(stamp[1]) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      i += stamp[0].length;
      continue;
    }
    for (const marker of PAIRS) {
      if (!rest.startsWith(marker)) continue;
      // The closing marker: the next unescaped one, after at least one character.
      for (let j = marker.length + 1; j <= rest.length - marker.length; j++) {
        if (rest[j - 1] === '\\') continue;
        if (rest.startsWith(marker, j) && rest[marker.length] !== ' ' && rest[j - 1] !== ' ') {
          if (marker === '_' && /\w/.test(rest[j + 1] ?? '')) continue;
          const inner = marker === '`' ? rest.slice(1, j) : readInline(rest.slice(marker.length, j), seen);
          seen.styled.push(inner);
          out += inner;
          i += j + marker.length;
          continue outer;
        }
      }
    }
    out += src[i];
    i += 1;
  }
  return out;
}

/** Reads markdown as Discord draws it. */
export function discordView(markdown: string): DiscordSeen {
  const seen: DiscordSeen = { text: '', links: [], mentions: [], styled: [] };
  seen.text = markdown
    .split('\n')
    .map((line) => {
      const block = /^(#{1,3} |-# |> |>>> )/.exec(line);
      if (block) seen.styled.push(line.slice(block[0].length));
      return readInline(block ? line.slice(block[0].length) : line, seen);
    })
    .join('\n');
  return seen;
}
