/**
 * Help, written from the command table: every surface lists the same commands with the same
 * explanations, each in its own syntax.
 */
import type { Card } from '../card';
import { code, say, words, type Inline } from '../inline';
import { SURFACES, type Surface } from '../surfaces';

export type ArgName = 'creator' | 'creators' | 'url' | 'channel' | 'schedule' | 'posts' | 'topic';

/** How each argument is written, per syntax. */
const ARG_SYNTAX: Record<ArgName, Record<'text' | 'options' | 'argv', string>> = {
  creator: { text: '@creator', options: 'creator:@name', argv: '<creator>' },
  creators: { text: '@a @b […]', options: 'creators:@a @b', argv: '<a> <b> [...]' },
  url: { text: '<video link>', options: 'url:<video link>', argv: '<video-url>' },
  channel: { text: '[#channel]', options: '[channel:#channel]', argv: '' },
  schedule: { text: '[weekly|monthly] [on 1–28|monday…] [at HH:MM] [tz Zone]', options: '[cadence:weekly] [on:day] [at:HH:MM] [tz:Zone]', argv: '' },
  posts: { text: '[posts N]', options: '[posts:N]', argv: '[--posts N]' },
  topic: { text: '[command]', options: '[command:name]', argv: '[command]' },
};

/** What each argument means, for a command's own help (the same words on every surface). */
export const ARG_HELP: Record<ArgName, string> = {
  creator: 'the TikTok creator: @name, a profile link or a numeric id',
  creators: 'two to five creators, separated by spaces',
  url: 'the TikTok video link',
  channel: 'the channel the digest or the alerts go to (default: this one)',
  schedule: 'monthly (the default) or weekly; on a day (1–28 monthly, monday…sunday weekly), at a time (24-hour HH:MM), in an IANA time zone',
  posts: 'how many recent posts to map, 5–35',
  topic: 'a command, for its usage, options and an example',
};

/**
 * One example of a command, by argument; each surface writes it in its own syntax
 * (`posts 20`, `posts:20`, `--posts 20`). The schedule's parts are given one by one.
 */
export interface HelpExample {
  creator?: string;
  creators?: string;
  url?: string;
  channel?: string;
  cadence?: string;
  on?: string;
  at?: string;
  tz?: string;
  posts?: string;
  topic?: string;
}

export interface HelpEntry {
  name: string;
  args: readonly ArgName[];
  summary: string;
  /** Written without the subcommand name on text surfaces (`/quadrants @creator`). */
  implicit?: boolean;
}

/** The name Discord registers the help command's topic option under (`/quadrants help command:compare`). */
export const TOPIC_OPTION = 'command';

/** One command's usage in the surface's syntax. */
export function usage(entry: HelpEntry, surface: Surface): string {
  const syntax = SURFACES[surface].syntax;
  const prefix = syntax === 'argv' ? 'quadrants' : '/quadrants';
  const name = entry.implicit && syntax === 'text' ? '' : entry.name;
  return [prefix, name, ...entry.args.map((a) => ARG_SYNTAX[a][syntax])].filter(Boolean).join(' ');
}

export function helpCard(entries: readonly HelpEntry[], surface: Surface, extra: readonly Inline[] = []): Card {
  const items = entries.map((e) => ({ text: say`${code(usage(e, surface))}: ${words(e.summary)}` }));
  return {
    title: words('How to use /quadrants'),
    summary: words('How to use /quadrants: report, compare, post and monthly digests.'),
    blocks: [
      { kind: 'list', title: null, items },
      { kind: 'text', text: words('A creator can be @name, a profile link or a numeric id. #1 is always the newest post.') },
      ...extra.map((text) => ({ kind: 'text' as const, text })),
    ],
    footer: [],
    tone: 'normal',
  };
}

/** `quadrants db --help`: the db command's usage, what it does and an example. */
export const DB_CLI_HELP: readonly string[] = [
  'quadrants db backup <file>',
  '',
  'A consistent copy of the SQLite store, safe while the bot runs (PostgreSQL is backed up with its own tools).',
  '',
  'Example: quadrants db backup ./quadrants-backup.db',
];

/** The command line's own commands, for operators (no chat equivalent). */
export const OPERATOR_HELP: readonly string[] = [
  'quadrants db backup <file>: a consistent copy of the SQLite store, safe while the bot runs',
  'quadrants --version: the version of this build',
  'Add --json to report, compare or post for one JSON object, or --csv for the per-post breakdown as CSV; --demo uses the bundled demo data even when TIKLIVEAPI_KEY is set.',
];
