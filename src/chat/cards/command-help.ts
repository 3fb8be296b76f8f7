/**
 * One command's own help (`/quadrants help compare`, `quadrants compare --help`): its usage, what
 * each option means and one example, all written from the command table in the surface's syntax.
 */
import type { Card } from '../card';
import { code, say, words, type Inline } from '../inline';
import { SURFACES, type Surface } from '../surfaces';
import { ARG_HELP, TOPIC_OPTION, usage, type ArgName, type HelpEntry, type HelpExample } from './help';

/** A command's help as the table gives it. */
export interface CommandHelp extends HelpEntry {
  example: HelpExample;
  /** Flags only the command line takes for this command (`--json`, `--csv`, `--demo`). */
  cliFlags?: readonly string[];
  /** Where the command runs when it is not on this surface (said instead of an example to type here). */
  elsewhere?: Inline;
}

/** What the command line's output flags do. */
const CLI_FLAG_HELP: Record<string, string> = {
  '--json': 'print one JSON object instead of text',
  '--csv': 'print the per-post breakdown as CSV',
  '--demo': 'use the bundled demo data, even when TIKLIVEAPI_KEY is set',
};

/** The schedule's parts, in the order the parser reads them. */
const SCHEDULE_PARTS = ['cadence', 'on', 'at', 'tz'] as const;

/** One argument's example in a syntax; empty when the argument is not given in the example. */
function exampleWords(arg: ArgName, ex: HelpExample, syntax: 'text' | 'options' | 'argv'): string[] {
  if (arg === 'schedule') {
    if (syntax === 'argv') return [];
    return SCHEDULE_PARTS.flatMap((p) => {
      const v = ex[p];
      if (v === undefined) return [];
      if (syntax === 'options') return [`${p}:${v}`];
      return p === 'cadence' ? [v] : [`${p} ${v}`];
    });
  }
  const value = ex[arg];
  if (value === undefined) return [];
  if (syntax === 'text') return [arg === 'posts' ? `posts ${value}` : value];
  if (syntax === 'options') return [`${arg === 'topic' ? TOPIC_OPTION : arg}:${value}`];
  if (arg === 'channel') return [];
  return [arg === 'posts' ? `--posts ${value}` : value];
}

/** The example, written as it is typed on the surface. */
export function exampleOf(entry: CommandHelp, surface: Surface): string {
  const syntax = SURFACES[surface].syntax;
  const prefix = syntax === 'argv' ? 'quadrants' : '/quadrants';
  return [prefix, entry.name, ...entry.args.flatMap((a) => exampleWords(a, entry.example, syntax))].join(' ');
}

/** How an argument is named in the options list, without the brackets that mark it optional in the usage. */
function optionName(arg: ArgName, surface: Surface): string {
  const written: Record<ArgName, Record<'text' | 'options' | 'argv', string>> = {
    creator: { text: '@creator', options: 'creator', argv: '<creator>' },
    creators: { text: '@a @b', options: 'creators', argv: '<a> <b>' },
    url: { text: '<video link>', options: 'url', argv: '<video-url>' },
    channel: { text: '#channel', options: 'channel', argv: '' },
    schedule: { text: 'weekly|monthly, on, at, tz', options: 'cadence, on, at, tz', argv: '' },
    posts: { text: 'posts N', options: 'posts', argv: '--posts N' },
    topic: { text: 'command', options: TOPIC_OPTION, argv: 'command' },
  };
  return written[arg][SURFACES[surface].syntax];
}

/** The help card of one command on a surface. */
export function commandHelpCard(entry: CommandHelp, surface: Surface): Card {
  const shownUsage = usage(entry, surface);
  const args = entry.args.filter((a) => optionName(a, surface) !== '');
  const flags = SURFACES[surface].syntax === 'argv' ? (entry.cliFlags ?? []) : [];
  const options = [
    ...args.map((a) => ({ text: say`${code(optionName(a, surface))}: ${words(ARG_HELP[a])}` })),
    ...flags.map((f) => ({ text: say`${code(f)}: ${words(CLI_FLAG_HELP[f] ?? '')}` })),
  ];
  return {
    title: say`${code(shownUsage)}`,
    summary: say`${code(shownUsage)}: ${words(entry.summary)}`,
    blocks: [
      { kind: 'text', text: words(`${entry.summary.charAt(0).toUpperCase()}${entry.summary.slice(1)}.`) },
      ...(options.length > 0 ? [{ kind: 'list' as const, title: words('Options'), items: options }] : [{ kind: 'text' as const, text: words('It takes no options.') }]),
      { kind: 'text', text: entry.elsewhere ?? say`Example: ${code(exampleOf(entry, surface))}` },
    ],
    footer: [],
    tone: 'normal',
  };
}
