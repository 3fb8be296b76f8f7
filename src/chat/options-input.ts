/**
 * A command given as structured options (Discord's subcommand and its options) read into the
 * core's raw input, as typed text is by parse.ts. Options whose types do not match what the bot
 * registers (a registration older than this version) are refused with a sentence, not a crash.
 */
import { QuadrantsError } from '../errors';
import { COMMAND_NAMES, type CommandName, type RawInput } from './commands';
import { TOPIC_OPTION } from './cards/help';
import { fromTokens, repeated } from './parse';
import { DEFAULT_DIGEST_POSTS, DEFAULT_POSTS, MAX_POSTS, MIN_POSTS } from '../commands/args';

/** The posts option's description (at most 100 characters): its range and the command's default. */
export function postsDescription(name: CommandName): string {
  const fallback = name === 'subscribe' ? DEFAULT_DIGEST_POSTS : DEFAULT_POSTS;
  return `How many recent posts to map (${MIN_POSTS}–${MAX_POSTS}, default ${fallback})`;
}

/** How the surface reads its options; any of them may throw when a type does not match. */
export interface OptionReader {
  subcommand(): string | null;
  text(name: string): string | undefined;
  integer(name: string): number | null;
  /** The id of a channel option. */
  channel(name: string): string | undefined;
}

export function rawInputFromOptions(o: OptionReader): RawInput {
  try {
    const sub = o.subcommand() ?? 'help';
    if (!(COMMAND_NAMES as readonly string[]).includes(sub)) throw new Error(`unknown subcommand ${sub}`);
    const posts = o.integer('posts');
    const creators = o.text('creators');
    const channel = o.channel('channel');
    const raw: RawInput = { command: sub as CommandName };
    const creator = o.text('creator');
    const url = o.text('url');
    const topic = o.text(TOPIC_OPTION);
    if (creator !== undefined) raw.creator = creator;
    if (topic !== undefined) raw.topic = topic;
    if (creators !== undefined) {
      // The words of the creators option are read as Slack's text is: a bare number among them is
      // a post count (a repeat when the posts option is given too), never a creator named "10".
      const words = fromTokens('compare', creators.split(/[\s,]+/).filter(Boolean));
      raw.creators = words.creators ?? [];
      if (words.posts !== undefined) {
        if (posts !== null) throw repeated('the number of posts', '`posts 20`');
        raw.posts = words.posts;
      }
    }
    if (url !== undefined) raw.url = url;
    if (channel) raw.channel = channel;
    if (posts !== null) raw.posts = String(posts);
    for (const key of ['cadence', 'on', 'at', 'tz'] as const) {
      const value = o.text(key);
      if (value !== undefined) raw[key] = value;
    }
    return raw;
  } catch (err) {
    // The parser's own refusals are about what was typed, not about the registration.
    if (err instanceof QuadrantsError) throw err;
    throw new QuadrantsError('BAD_INPUT', `options did not match the registration: ${err instanceof Error ? err.message : String(err)}`, {
      userMessage: 'This command’s options are out of date on this server; ask whoever runs the bot to run `npm run register:discord`, then try again.',
      cause: err,
    });
  }
}
