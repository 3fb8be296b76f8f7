/**
 * Draws a chat message as its client shows it, for the pictures under docs/: the bot's name and
 * badge, the text as the fakes' views read it (links in the link colour, Discord's `-#` small
 * print in grey), and each image in place. It reads what the fake platform holds after the bot
 * posted, so the picture shows what a person would see, not what we meant to send.
 */
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import { discordView } from '../fakes/discord-view';
import { slackView } from '../fakes/slack-view';

const fonts = dirname(require.resolve('@expo-google-fonts/inter/package.json'));
GlobalFonts.registerFromPath(join(fonts, '400Regular', 'Inter_400Regular.ttf'), 'Inter');
GlobalFonts.registerFromPath(join(fonts, '700Bold', 'Inter_700Bold.ttf'), 'Inter');

type Obj = Record<string, unknown>;

/** One thing drawn, top to bottom: a run of text or a picture. */
export type Piece =
  | { kind: 'text'; text: string; links: Array<{ text: string }>; style: 'title' | 'body' | 'small' | 'field' }
  | { kind: 'image'; png: Buffer }
  /** Slack's section fields: two columns, each a bold label over its value. */
  | { kind: 'fields'; fields: Array<{ label: string; value: string }> }
  | { kind: 'embed'; pieces: Piece[] };

interface Theme {
  background: string;
  text: string;
  small: string;
  link: string;
  name: string;
  badge: string;
  badgeText: string;
  embed: string;
  bar: string;
}

const SLACK: Theme = { background: '#ffffff', text: '#1d1c1d', small: '#616061', link: '#1264a3', name: '#1d1c1d', badge: '#e8e8e8', badgeText: '#616061', embed: '#ffffff', bar: '#dddddd' };
const DISCORD: Theme = { background: '#313338', text: '#dbdee1', small: '#949ba4', link: '#00a8fc', name: '#f2f3f5', badge: '#5865f2', badgeText: '#ffffff', embed: '#2b2d31', bar: '#5865f2' };

const WIDTH = 860;
const LEFT = 72;
const FONT: Record<Piece & { kind: 'text' } extends { style: infer S } ? S & string : never, string> = {
  title: 'bold 16px Inter',
  body: '15px Inter',
  field: '15px Inter',
  small: '12px Inter',
};
const LINE: Record<string, number> = { title: 24, body: 22, field: 22, small: 18 };

/** The Slack message's blocks in order: text as Slack draws it, image blocks by their URL. */
export function slackPieces(message: Obj, pngFor: (url: string) => Buffer | undefined): Piece[] {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Obj[]) : [];
  return blocks.flatMap((b): Piece[] => {
    if (b.type === 'image') {
      const png = pngFor(String(b.image_url ?? ''));
      const title = slackView({ blocks: [b] }).text;
      return png ? [...(title ? [{ kind: 'text' as const, text: title, links: [], style: 'small' as const }] : []), { kind: 'image', png }] : [];
    }
    if (b.type === 'section' && Array.isArray(b.fields)) {
      const fields = (b.fields as Obj[]).map((f) => {
        const [label = '', ...value] = slackView({ blocks: [{ type: 'section', text: f }] }).text.split('\n');
        return { label, value: value.join(' ') };
      });
      return [{ kind: 'fields', fields }];
    }
    const seen = slackView({ blocks: [b] });
    const style = b.type === 'header' ? 'title' : b.type === 'context' ? 'small' : 'body';
    return seen.text.split('\n').filter((t) => t.trim() !== '').map((text) => ({ kind: 'text', text, links: seen.links, style }));
  });
}

/** A Discord message: its content (headings bold, `-#` small print), then its embeds. */
export function discordPieces(message: Obj, pngFor: (url: string) => Buffer | undefined): Piece[] {
  const out: Piece[] = [];
  for (const raw of String(message.content ?? '').split('\n').filter((l) => l.trim() !== '')) {
    const seen = discordView(raw);
    out.push({ kind: 'text', text: seen.text, links: seen.links, style: raw.startsWith('-# ') ? 'small' : raw.startsWith('**') ? 'title' : 'body' });
  }
  for (const e of (message.embeds as Obj[] | undefined) ?? []) {
    const pieces: Piece[] = [];
    const read = (md: unknown, style: 'title' | 'body' | 'field' | 'small') => {
      for (const line of String(md ?? '').split('\n').filter((l) => l.trim() !== '')) {
        const seen = discordView(line);
        pieces.push({ kind: 'text', text: seen.text, links: seen.links, style });
      }
    };
    read(e.title, 'title');
    read(e.description, 'body');
    for (const f of (e.fields as Obj[] | undefined) ?? []) {
      read(`**${String(f.name)}**`, 'title');
      read(f.value, 'field');
    }
    const png = pngFor(String((e.image as Obj | undefined)?.url ?? ''));
    if (png) pieces.push({ kind: 'image', png });
    read((e.footer as Obj | undefined)?.text, 'small');
    out.push({ kind: 'embed', pieces });
  }
  return out;
}

/** Splits a line into rows that fit `width`. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    const next = row === '' ? word : `${row} ${word}`;
    if (ctx.measureText(next).width <= width || row === '') row = next;
    else {
      rows.push(row);
      row = word;
    }
  }
  rows.push(row);
  return rows;
}

/** Draws a row, each link's text in the link colour and underlined, the rest in `colour`. */
function drawRow(ctx: SKRSContext2D, row: string, x: number, y: number, colour: string, theme: Theme, links: Array<{ text: string }>): void {
  const hit = links.map((l) => ({ text: l.text, at: l.text === '' ? -1 : row.indexOf(l.text) })).filter((l) => l.at >= 0).sort((a, b) => a.at - b.at)[0];
  ctx.fillStyle = colour;
  if (!hit) {
    ctx.fillText(row, x, y);
    return;
  }
  const before = row.slice(0, hit.at);
  ctx.fillText(before, x, y);
  const from = x + ctx.measureText(before).width;
  const w = ctx.measureText(hit.text).width;
  ctx.fillStyle = theme.link;
  ctx.fillText(hit.text, from, y);
  ctx.fillRect(from, y + 3, w, 1);
  drawRow(ctx, row.slice(hit.at + hit.text.length), from + w, y, colour, theme, links);
}

/** Lays the pieces out and draws them (or only measures, when `ctx` draws nowhere yet). */
async function layout(ctx: SKRSContext2D, pieces: Piece[], theme: Theme, x: number, y: number, width: number): Promise<number> {
  for (const p of pieces) {
    if (p.kind === 'image') {
      const img = await loadImage(p.png);
      const w = Math.min(width, 560);
      const h = (img.height / img.width) * w;
      ctx.drawImage(img, x, y + 4, w, h);
      y += h + 12;
    } else if (p.kind === 'fields') {
      for (let i = 0; i < p.fields.length; i += 2) {
        const row = p.fields.slice(i, i + 2);
        row.forEach((f, j) => {
          ctx.fillStyle = theme.text;
          ctx.font = 'bold 15px Inter';
          ctx.fillText(f.label, x + j * (width / 2), y + 24);
          ctx.font = '15px Inter';
          ctx.fillText(f.value, x + j * (width / 2), y + 46);
        });
        y += 50;
      }
    } else if (p.kind === 'embed') {
      const top = y + 6;
      const inner = await layout(measureOnly(), p.pieces, theme, x + 16, top + 12, width - 32);
      ctx.fillStyle = theme.embed === SLACK.embed ? '#f8f8f8' : theme.embed;
      ctx.fillRect(x, top, width, inner - top + 4);
      ctx.fillStyle = theme.bar;
      ctx.fillRect(x, top, 4, inner - top + 4);
      y = (await layout(ctx, p.pieces, theme, x + 16, top + 12, width - 32)) + 14;
    } else {
      ctx.font = FONT[p.style];
      const colour = p.style === 'small' ? theme.small : theme.text;
      for (const row of wrap(ctx, p.text, width)) {
        y += LINE[p.style] ?? 22;
        drawRow(ctx, row, x, y, colour, theme, p.links);
      }
      if (p.style === 'title') y += 4;
    }
  }
  return y;
}

/** A context that measures text like the real one and draws nowhere (for a first, sizing pass). */
function measureOnly(): SKRSContext2D {
  return createCanvas(WIDTH, 10).getContext('2d');
}

/** The message as a PNG: the bot's avatar, name, badge and time, then the pieces. */
export async function drawMessage(platform: 'slack' | 'discord', pieces: Piece[], time: string): Promise<Buffer> {
  const theme = platform === 'slack' ? SLACK : DISCORD;
  const height = (await layout(measureOnly(), pieces, theme, LEFT, 46, WIDTH - LEFT - 24)) + 24;
  const canvas = createCanvas(WIDTH, Math.ceil(height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, WIDTH, height);
  // The avatar: Slack's rounded square, Discord's circle.
  ctx.fillStyle = '#2f6f5e';
  ctx.beginPath();
  if (platform === 'slack') ctx.roundRect(16, 16, 40, 40, 8);
  else ctx.arc(36, 36, 20, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 20px Inter';
  ctx.fillText('Q', 28, 43);
  ctx.font = 'bold 15px Inter';
  ctx.fillStyle = theme.name;
  ctx.fillText('quadrants', LEFT, 30);
  const nameWidth = ctx.measureText('quadrants').width;
  ctx.fillStyle = theme.badge;
  ctx.beginPath();
  ctx.roundRect(LEFT + nameWidth + 8, 17, 34, 17, 3);
  ctx.fill();
  ctx.fillStyle = theme.badgeText;
  ctx.font = 'bold 10px Inter';
  ctx.fillText('APP', LEFT + nameWidth + 14, 30);
  ctx.fillStyle = theme.small;
  ctx.font = '12px Inter';
  ctx.fillText(time, LEFT + nameWidth + 52, 30);
  await layout(ctx, pieces, theme, LEFT, 34, WIDTH - LEFT - 24);
  return canvas.encode('png');
}
