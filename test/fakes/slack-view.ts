/**
 * What a person sees of a Slack message, read the way Slack's client reads it: mrkdwn parsed
 * (`<!channel>` and `<@U1>` become mentions, `<url|label>` a link, `*b*` `_i_` `~s~` and backticks
 * styles, `&lt;` a `<`), plain_text shown as it is (emoji codes drawn unless `emoji: false`), and
 * rich_text drawn element by element with nothing in a `text` element parsed. Tests assert on this,
 * not on the payload, so a renderer that sends markup Slack would act on is caught.
 */

type Obj = Record<string, unknown>;

export interface SlackSeen {
  /** The visible text, blocks in order, one line per block (the fallback `text` when there are no blocks). */
  text: string;
  /** Live links: the visible text and where a click goes. */
  links: Array<{ text: string; url: string }>;
  /** Mentions drawn (and, for @channel/@here/@everyone, notifying): `@U1`, `#C1`, `@channel`, `@subteam`. */
  mentions: string[];
  /** Runs of text drawn bold, italic, struck or as code. */
  styled: string[];
  /** Emoji drawn from text (`:x:` where Slack turns it into a picture). */
  emoji: string[];
  /** The notification / fallback line (`text`), as read. */
  notification: string;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Slack's styles in mrkdwn: a marker at a word edge, a run without edge spaces, the same marker closing. */
const STYLE = /(^|[\s(“"'])([*_~`])(?=\S)([^\n]*?\S)\2(?=$|[\s.,!?;:)”"'])/;

function readMrkdwn(raw: string, seen: SlackSeen, formatting = true): string {
  // Entities first: `<…>` is Slack's control syntax whether or not formatting is on.
  let text = raw.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const [target = '', label] = inner.split('|');
    if (/^!(channel|here|everyone)$/.test(target)) {
      seen.mentions.push(`@${target.slice(1)}`);
      return `@${target.slice(1)}`;
    }
    if (target.startsWith('!subteam^')) {
      seen.mentions.push('@subteam');
      return '@subteam';
    }
    if (target.startsWith('!date^')) return unescape(label ?? '');
    if (/^[@#][A-Z0-9]+$/.test(target)) {
      seen.mentions.push(target);
      return target;
    }
    if (/^(https?|mailto):/.test(target)) {
      const shown = unescape(label ?? target);
      seen.links.push({ text: shown, url: target });
      return shown;
    }
    return unescape(inner);
  });
  if (formatting) {
    for (let m = STYLE.exec(text); m; m = STYLE.exec(text)) {
      seen.styled.push(m[3] as string);
      text = text.slice(0, m.index) + (m[1] as string) + (m[3] as string) + text.slice(m.index + m[0].length);
    }
    for (const e of text.matchAll(/:([a-z0-9_+-]+):/g)) seen.emoji.push(e[1] as string);
  }
  return unescape(text);
}

function readPlain(o: Obj, seen: SlackSeen): string {
  const text = String(o.text ?? '');
  if (o.emoji !== false) for (const e of text.matchAll(/:([a-z0-9_+-]+):/g)) seen.emoji.push(e[1] as string);
  return text;
}

function readTextObject(o: unknown, seen: SlackSeen): string {
  if (typeof o !== 'object' || o === null) return '';
  const t = o as Obj;
  return t.type === 'mrkdwn' ? readMrkdwn(String(t.text ?? ''), seen, t.verbatim !== true) : readPlain(t, seen);
}

function readRichElement(e: Obj, seen: SlackSeen): string {
  const style = (e.style ?? {}) as Obj;
  const styledRun = (s: string) => {
    if (style.bold || style.italic || style.strike || style.code) seen.styled.push(s);
    return s;
  };
  switch (e.type) {
    case 'text':
      return styledRun(String(e.text ?? ''));
    case 'link': {
      const shown = String(e.text ?? e.url ?? '');
      seen.links.push({ text: shown, url: String(e.url) });
      return styledRun(shown);
    }
    case 'user':
      seen.mentions.push(`@${String(e.user_id)}`);
      return `@${String(e.user_id)}`;
    case 'channel':
      seen.mentions.push(`#${String(e.channel_id)}`);
      return `#${String(e.channel_id)}`;
    case 'usergroup':
      seen.mentions.push('@subteam');
      return '@subteam';
    case 'broadcast':
      seen.mentions.push(`@${String(e.range)}`);
      return `@${String(e.range)}`;
    case 'emoji':
      seen.emoji.push(String(e.name));
      return `:${String(e.name)}:`;
    case 'date':
      return String(e.fallback ?? '');
    case 'rich_text_section':
    case 'rich_text_preformatted':
    case 'rich_text_quote':
      return ((e.elements as Obj[]) ?? []).map((x) => readRichElement(x, seen)).join('');
    case 'rich_text_list':
      return ((e.elements as Obj[]) ?? []).map((x) => `• ${readRichElement(x, seen)}`).join('\n');
    default:
      return '';
  }
}

function readBlock(b: Obj, seen: SlackSeen): string {
  switch (b.type) {
    case 'header':
      return readTextObject(b.text, seen);
    case 'section':
      return [readTextObject(b.text, seen), ...((b.fields as unknown[]) ?? []).map((f) => readTextObject(f, seen))].filter(Boolean).join('\n');
    case 'context':
      return ((b.elements as unknown[]) ?? []).map((e) => readTextObject(e, seen)).join(' ');
    case 'image':
      return readTextObject(b.title, seen);
    case 'actions':
      return ((b.elements as Obj[]) ?? []).map((e) => readTextObject(e.text, seen)).join(' ');
    case 'rich_text':
      return ((b.elements as Obj[]) ?? []).map((e) => readRichElement(e, seen)).join('\n');
    default:
      return '';
  }
}

/** Reads one message (chat.postMessage body, response_url body or a rendered SlackMessage). */
export function slackView(message: { text?: unknown; blocks?: unknown; mrkdwn?: unknown }): SlackSeen {
  const seen: SlackSeen = { text: '', links: [], mentions: [], styled: [], emoji: [], notification: '' };
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Obj[]) : [];
  // The fallback is read on its own record: it is what a notification shows.
  const note: SlackSeen = { ...seen, links: [], mentions: [], styled: [], emoji: [] };
  seen.notification = readMrkdwn(String(message.text ?? ''), note, message.mrkdwn !== false);
  seen.mentions.push(...note.mentions);
  seen.links.push(...note.links);
  if (blocks.length === 0) {
    seen.text = seen.notification;
    seen.styled.push(...note.styled);
    seen.emoji.push(...note.emoji);
    return seen;
  }
  seen.text = blocks.map((b) => readBlock(b, seen)).join('\n');
  return seen;
}
