/**
 * The arguments commands take, as zod schemas: one definition of what a valid creator, video
 * link, post count or channel is, whatever surface the text came from. Each failure carries one
 * sentence naming the bad part and what to type instead.
 */
import { z } from 'zod';
import { echoInput, parseCreatorInput, unwrapSlackToken, USERID_RE, USERNAME_RE } from './creator';
import { parseVideoUrl } from './video-url';
import { QuadrantsError } from '../errors';
import { MAX_POSTS, MIN_POSTS } from './post-counts';

export { DEFAULT_POSTS, MAX_POSTS, MIN_POSTS } from './post-counts';
/** Posts a digest maps by default: a month of a regular creator's output. */
export const DEFAULT_DIGEST_POSTS = 30;
/** Creators one comparison takes. */
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 5;

/** Runs a parser that throws QuadrantsError and turns its sentence into a zod issue. */
function viaParser<T>(parse: (s: string) => T) {
  return (value: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof QuadrantsError ? err.userMessage : 'That did not look right.' });
      return z.NEVER;
    }
  };
}

/**
 * A creator as typed, checked now so bad input costs nothing, and kept as typed (the source
 * resolves it) except for a chat client's escaping: `<@U…|name>` is kept as `@name`, a wrapped
 * link as the link, so every surface hands the source the same words.
 */
export const creatorArg = z
  .string({ error: 'Give a TikTok creator, for example @mossy.kitchen.' })
  .transform(
    viaParser((s) => {
      parseCreatorInput(s);
      return unwrapSlackToken(s.trim());
    }),
  );

/** A video link, normalised. */
export const videoArg = z.string({ error: 'Give one TikTok video link.' }).transform(viaParser(parseVideoUrl));

/**
 * A number of posts, written as plain decimal digits, within the allowed range: what a user types
 * and what a button carries are read by this one schema (`1e1`, `0x10`, ` 10` are refused).
 */
export const postsCount = z.string().transform((value, ctx): number => {
  const n = /^[0-9]{1,3}$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= MIN_POSTS && n <= MAX_POSTS) return n;
  ctx.addIssue({
    code: 'custom',
    message: `The number of posts must be a whole number from ${MIN_POSTS} to ${MAX_POSTS}, written in digits; “${echoInput(value)}” is not.`,
  });
  return z.NEVER;
});

/** An optional number of posts: `fallback` when none is given. */
export function postsArg(fallback: number | null) {
  return postsCount.optional().transform((n): number | null => (n === undefined ? fallback : n));
}

/**
 * A creator as a button carries it: `@handle` that passes the handle whitelist, or a numeric
 * TikTok id. Nothing else (no upstream text that failed the whitelist) ever rides on a button.
 */
export const creatorRef = z.string().refine((s) => (s.startsWith('@') ? USERNAME_RE.test(s.slice(1)) : USERID_RE.test(s)));

/** Two to five different creators. */
export const creatorsArg = z
  .array(creatorArg, { error: `Compare needs ${MIN_COMPARE} to ${MAX_COMPARE} creators, for example compare @a @b.` })
  .superRefine((list, ctx) => {
    if (list.length < MIN_COMPARE || list.length > MAX_COMPARE) {
      ctx.addIssue({ code: 'custom', message: `Compare needs ${MIN_COMPARE} to ${MAX_COMPARE} creators, for example compare @a @b; you gave ${list.length}.` });
      return;
    }
    const keys = list.map((c) => {
      const p = parseCreatorInput(c);
      return p.kind === 'userid' ? p.userid : `@${p.username}`;
    });
    // A creator named twice (in any spelling) is a repeat like any other: the same sentence.
    const twice = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (twice >= 0) {
      ctx.addIssue({ code: 'custom', message: `You gave ${echoInput(keys[twice] as string)} more than once; give each creator once, for example compare @a @b.` });
    }
  });

/** A channel reference as the surface delivered it (a Slack `<#C…|name>`, a Discord channel id), or null for "here". */
export const channelArg = z.string().max(120).nullable().default(null);
