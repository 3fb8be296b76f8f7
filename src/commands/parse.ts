/**
 * The one command parser. Slack text and Discord options both become a `Command`; anything
 * malformed throws QuadrantsError('BAD_INPUT') with one sentence, before any request is made.
 */
import { z } from 'zod';
import { QuadrantsError } from '../errors';
import { parseCreatorInput } from './creator';
import { helpText, type Platform } from './help';
import { DEFAULT_POSTS, MAX_POSTS, MIN_POSTS, type Command } from './types';
import { parseVideoUrl } from './video-url';

export { helpText };
export const MAX_COMPARE = 5;
const MAX_TEXT = 500;

function bad(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}

const postsSchema = z.coerce
  .number()
  .int()
  .min(MIN_POSTS)
  .max(MAX_POSTS);

/** Validates a posts count (5–35) with a sentence that says what to do. */
export function parsePosts(value: unknown): number {
  const r = postsSchema.safeParse(value);
  if (!r.success) {
    throw bad(`posts out of range: ${String(value).slice(0, 20)}`, `The number of posts must be a whole number from ${MIN_POSTS} to ${MAX_POSTS}.`);
  }
  return r.data;
}

/** Checks a creator reference now (so bad input makes no request) and returns it as typed. */
function creatorArg(token: string): string {
  parseCreatorInput(token);
  return token;
}

/** Slack wraps links as <https://…> or <https://…|label>; unwrap so the URL parsers see the URL. */
function unwrapLink(token: string): string {
  const m = /^<(https?:\/\/[^|>]+)(?:\|[^>]*)?>$/i.exec(token);
  return m ? (m[1] as string) : token;
}

function isChannelRef(token: string): boolean {
  return /^<#[A-Z0-9]+(\|[^>]*)?>$/i.test(token) || /^#[\w.-]{1,80}$/.test(token) || /^<#\d{5,25}>$/.test(token);
}

function isPostsNumber(token: string): boolean {
  return /^\d{1,3}$/.test(token);
}

/** Pulls `posts N`, `--posts N`, `posts=N` or a bare small number out of the arguments. */
function takePosts(args: string[]): { rest: string[]; posts: number | null } {
  const rest: string[] = [];
  let posts: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const t = args[i] as string;
    const lower = t.toLowerCase();
    const eq = /^(?:--)?posts=(.*)$/.exec(lower);
    if (eq) {
      posts = parsePosts(eq[1]);
    } else if (lower === 'posts' || lower === '--posts') {
      posts = parsePosts(args[++i]);
    } else if (isPostsNumber(t)) {
      posts = parsePosts(t);
    } else {
      rest.push(t);
    }
  }
  return { rest, posts };
}

const SUBCOMMANDS = new Set(['help', 'report', 'compare', 'post', 'subscribe', 'unsubscribe', 'subscriptions', 'digest']);

/** Parses the text after `/quadrants` (Slack) into a Command. */
export function parseCommandText(text: string): Command {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (clean.length > MAX_TEXT) throw bad('command too long', 'That command is too long; give one creator handle or link, and an optional number of posts.');
  const tokens = clean.split(/\s+/).filter(Boolean).map(unwrapLink);
  if (tokens.length === 0) return { kind: 'help' };
  const first = (tokens[0] as string).toLowerCase();
  const sub = SUBCOMMANDS.has(first) ? first : 'report';
  const args = sub === first ? tokens.slice(1) : tokens;
  return fromArgs(sub, args);
}

function fromArgs(sub: string, args: string[]): Command {
  switch (sub) {
    case 'help':
      return { kind: 'help' };
    case 'subscriptions':
      return { kind: 'subscriptions' };
    case 'report': {
      const { rest, posts } = takePosts(args);
      if (rest.length !== 1) throw bad('report needs one creator', 'Give one creator, for example `@mossy.kitchen`, and optionally a number of posts.');
      return { kind: 'report', creator: creatorArg(rest[0] as string), posts: posts ?? DEFAULT_POSTS };
    }
    case 'compare': {
      const { rest, posts } = takePosts(args);
      if (rest.length < 2 || rest.length > MAX_COMPARE) {
        throw bad('compare needs 2-5 creators', `Compare needs two to ${MAX_COMPARE} creators, for example \`compare @a @b\`.`);
      }
      const creators = rest.map(creatorArg);
      const unique = new Set(creators.map((c) => c.replace(/^@/, '').toLowerCase()));
      if (unique.size !== creators.length) throw bad('duplicate creators', 'Each creator can appear only once in a comparison.');
      return { kind: 'compare', creators, posts: posts ?? DEFAULT_POSTS };
    }
    case 'post': {
      if (args.length !== 1) throw bad('post needs one url', 'Give one video link, for example `post https://www.tiktok.com/@name/video/7398700011122233344`.');
      return { kind: 'post', url: parseVideoUrl(args[0] as string) };
    }
    case 'digest': {
      if (args.length !== 1) throw bad('digest needs one creator', 'Give the creator to preview, for example `digest @mossy.kitchen`.');
      return { kind: 'digest', creator: creatorArg(args[0] as string) };
    }
    case 'subscribe':
    case 'unsubscribe': {
      const { rest, posts } = sub === 'subscribe' ? takePosts(args) : { rest: args, posts: null };
      const channels = rest.filter(isChannelRef);
      const others = rest.filter((t) => !isChannelRef(t));
      if (others.length !== 1 || channels.length > 1) {
        throw bad(`${sub} needs one creator`, `Give one creator and optionally a channel, for example \`${sub} @mossy.kitchen #social\`.`);
      }
      const creator = creatorArg(others[0] as string);
      const channel = channels[0] ?? null;
      return sub === 'subscribe' ? { kind: 'subscribe', creator, channel, posts } : { kind: 'unsubscribe', creator, channel };
    }
    default:
      throw bad(`unknown subcommand ${sub}`, 'That is not a /quadrants command.');
  }
}

const optionsSchema = z.object({
  subcommand: z.enum(['help', 'report', 'compare', 'post', 'subscribe', 'unsubscribe', 'subscriptions', 'digest']),
  creator: z.string().max(200).optional(),
  creators: z.string().max(MAX_TEXT).optional(),
  posts: z.number().optional(),
  url: z.string().max(MAX_TEXT).optional(),
  channel: z.string().max(100).optional(),
});

export type CommandOptions = z.input<typeof optionsSchema>;

/** Validates Discord's structured options with the same rules as the text parser. */
export function commandFromOptions(input: CommandOptions): Command {
  const r = optionsSchema.safeParse(input);
  if (!r.success) throw bad('invalid options', 'That command did not look right; try `/quadrants help` for the usage.');
  const o = r.data;
  const need = (v: string | undefined, name: string): string => {
    if (!v || !v.trim()) throw bad(`missing ${name}`, `The ${name} option is required; try \`/quadrants help\` for the usage.`);
    return v.trim();
  };
  const posts = o.posts === undefined ? null : parsePosts(o.posts);
  switch (o.subcommand) {
    case 'help':
    case 'subscriptions':
      return { kind: o.subcommand };
    case 'report':
      return { kind: 'report', creator: creatorArg(need(o.creator, 'creator')), posts: posts ?? DEFAULT_POSTS };
    case 'compare': {
      const cmd = fromArgs('compare', need(o.creators, 'creators').split(/[\s,]+/).filter(Boolean));
      return posts === null ? cmd : { ...cmd, posts } as Command;
    }
    case 'post':
      return { kind: 'post', url: parseVideoUrl(need(o.url, 'url')) };
    case 'digest':
      return { kind: 'digest', creator: creatorArg(need(o.creator, 'creator')) };
    case 'subscribe':
      return { kind: 'subscribe', creator: creatorArg(need(o.creator, 'creator')), channel: o.channel ?? null, posts };
    case 'unsubscribe':
      return { kind: 'unsubscribe', creator: creatorArg(need(o.creator, 'creator')), channel: o.channel ?? null };
  }
}

/** The reply for a BAD_INPUT error from the parser: its sentence, then the usage. */
export function usageReply(err: QuadrantsError, platform: Platform): string {
  return `${err.userMessage}\n\n${helpText(platform)}`;
}
