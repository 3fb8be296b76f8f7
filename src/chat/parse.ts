/**
 * The one parser. Slack's command text, the CLI's arguments and Discord's options all become a
 * `RawInput`, which the command table's schema then validates: the same input gets the same
 * verdict everywhere, and malformed input is refused before any request is made.
 */
import { QuadrantsError } from '../errors';
import { COMMAND_NAMES, COMMANDS, type CommandName, type RawInput } from './commands';
import { echoInput, unwrapSlackToken } from '../commands/creator';
import type { ScheduleKeyword } from '../digest/schedule-args';

/** Longest command text accepted. */
export const MAX_TEXT = 500;

/** Input the command table refused, naming the input field it is about when there is one (a form shows it there). */
export class InvalidInput extends QuadrantsError {
  constructor(
    readonly field: keyof RawInput | null,
    detail: string,
    userMessage: string,
  ) {
    super('BAD_INPUT', detail, { userMessage });
    this.name = 'InvalidInput';
  }
}

function bad(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}

export { unwrapSlackToken } from '../commands/creator';

/** `<#C123|name>`, `<#C123>`, `<#123>` (a channel picked from suggestions) or a bare `#name`. */
function isChannelToken(token: string): boolean {
  return /^<#[A-Z0-9]+(\|[^>]*)?>$/i.test(token) || /^#[\w.-]{1,80}$/.test(token);
}

function isFlag(token: string): boolean {
  return /^--?[A-Za-z]/.test(token);
}

/**
 * The one refusal for an option given more than once (`posts 35 posts 5`, `@a 10 20`, two `at`,
 * `weekly monthly`, two channels): every repeat is refused the same way, never "the last wins".
 */
export function repeated(option: string, example: string): QuadrantsError {
  return bad(`${option} repeated`, `You gave ${option} more than once; give it once, for example ${example}.`);
}

const POSTS_OPTION = 'the number of posts';
const POSTS_EXAMPLE = '`posts 20`';

/**
 * Splits `posts N`, `posts=N`, `--posts N`, `--posts=N` or a bare short number from the other
 * arguments. Any other `--flag` is refused by name; a second count in any spelling is a repeat.
 */
function takePosts(args: string[], name: CommandName): { rest: string[]; posts: string | undefined } {
  const rest: string[] = [];
  let posts: string | undefined;
  const set = (value: string) => {
    if (posts !== undefined) throw repeated(POSTS_OPTION, POSTS_EXAMPLE);
    posts = value;
  };
  for (let i = 0; i < args.length; i++) {
    const t = args[i] as string;
    const eq = /^(?:--)?posts=(.*)$/i.exec(t);
    if (eq) set(eq[1] ?? '');
    else if (/^(?:--)?posts$/i.test(t)) {
      const value = args[i + 1];
      if (value === undefined) throw bad('posts without a value', 'Say how many posts after `posts`, for example `posts 20`.');
      set(value);
      i += 1;
    } else if (/^[0-9]{1,3}$/.test(t)) set(t);
    else if (isFlag(t)) throw bad(`unknown flag ${t}`, `“${echoInput(t)}” is not an option of ${name}; run help to see what it takes.`);
    else rest.push(t);
  }
  return { rest, posts };
}

const SCHEDULE_EXAMPLES: Record<ScheduleKeyword, string> = { on: '`on 15` or `on friday`', at: '`at 09:30`', tz: '`tz Europe/Berlin`' };
const CADENCE_OPTION = 'the cadence (weekly or monthly)';

/**
 * Splits the schedule options of `subscribe` from the other arguments: a bare `weekly` or
 * `monthly`, and `on`, `at`, `tz` each followed by a value (also `on=…`, `--on …`).
 */
function takeSchedule(args: string[]): { rest: string[]; schedule: Pick<RawInput, 'cadence' | ScheduleKeyword> } {
  const rest: string[] = [];
  const schedule: Pick<RawInput, 'cadence' | ScheduleKeyword> = {};
  const set = (key: 'cadence' | ScheduleKeyword, value: string) => {
    if (schedule[key] !== undefined) throw key === 'cadence' ? repeated(CADENCE_OPTION, '`weekly`') : repeated(`\`${key}\``, SCHEDULE_EXAMPLES[key]);
    schedule[key] = value;
  };
  for (let i = 0; i < args.length; i++) {
    const t = args[i] as string;
    if (/^(?:--)?(weekly|monthly)$/i.test(t)) {
      set('cadence', t.replace(/^--/, '').toLowerCase());
      continue;
    }
    const m = /^(?:--)?(on|at|tz)(?:=(.*))?$/i.exec(t);
    if (!m) {
      rest.push(t);
      continue;
    }
    const key = (m[1] as string).toLowerCase() as ScheduleKeyword;
    const value = m[2] ?? args[i + 1];
    if (value === undefined || value === '') throw bad(`${key} without a value`, `Say what comes after \`${key}\`, for example ${SCHEDULE_EXAMPLES[key]}.`);
    if (m[2] === undefined) i += 1;
    set(key, value);
  }
  return { rest, schedule };
}

function exactlyOne(values: string[], what: string, example: string): string {
  if (values.length === 1) return values[0] as string;
  throw bad(`${what}: ${values.length} given`, values.length === 0 ? `Give ${what}, for example ${example}.` : `Give only one ${what.replace(/^(a|one) /, '')}, for example ${example}.`);
}

/** How words are read on a surface. */
export interface WordOptions {
  /** In chat a first word that is no command is a creator for a report; the command line names every command. */
  implicitReport: boolean;
  /** The creator a one-creator command takes when none is given (the CLI's `--demo`). */
  defaultCreator?: string;
}

/** Arguments (already split into words) for one command → its raw input. */
export function fromTokens(name: CommandName, args: string[], defaultCreator?: string): RawInput {
  const spec = COMMANDS[name];
  const takesPosts = spec.args.includes('posts');
  // Schedule keywords first: `on 15` must not be read as a post count.
  const scheduled = spec.args.includes('schedule') ? takeSchedule(args) : { rest: args, schedule: {} };
  const { rest, posts } = takesPosts ? takePosts(scheduled.rest, name) : { rest: scheduled.rest, posts: undefined };
  const channels = spec.args.includes('channel') ? rest.filter(isChannelToken) : [];
  const positional = rest.filter((t) => !channels.includes(t));
  if (!takesPosts) {
    const flag = positional.find(isFlag);
    if (flag) throw bad(`unknown flag ${flag}`, `“${echoInput(flag)}” is not an option of ${name}; run help to see what it takes.`);
  }
  const raw: RawInput = { command: name, ...(posts === undefined ? {} : { posts }), ...scheduled.schedule };
  if (channels.length > 1) throw repeated('the channel', '`#marketing`');
  if (spec.args.includes('channel')) raw.channel = channels[0] ?? null;
  if (spec.args.includes('creators')) raw.creators = positional;
  else if (spec.args.includes('creator')) {
    raw.creator = positional.length === 0 && defaultCreator !== undefined ? defaultCreator : exactlyOne(positional, 'one creator', '@mossy.kitchen');
  }
  else if (spec.args.includes('topic')) {
    if (positional.length > 1) throw bad('help takes one command', 'Give one command to explain, for example `help compare`.');
    if (positional[0] !== undefined) raw.topic = positional[0];
  }
  else if (spec.args.includes('url')) raw.url = exactlyOne(positional, 'one video link', 'https://www.tiktok.com/@mossy.kitchen/video/7398700011122233344');
  else if (positional.length > 0) throw bad(`${name} takes no arguments`, `${name} takes no arguments; run it on its own.`);
  return raw;
}

/**
 * The first word picks the command. In chat anything else is a creator for a report
 * (`/quadrants @name`); on the command line the command must be named (`quadrants report @name`).
 */
export function parseWords(tokens: string[], options: WordOptions = { implicitReport: true }): RawInput {
  if (tokens.length === 0) return { command: 'help' };
  const first = (tokens[0] as string).toLowerCase();
  const named = (COMMAND_NAMES as readonly string[]).includes(first) ? (first as CommandName) : null;
  if (named) return fromTokens(named, tokens.slice(1), options.defaultCreator);
  if (options.implicitReport) return fromTokens('report', tokens, options.defaultCreator);
  throw bad('unknown command', `“${echoInput(tokens[0] as string)}” is not a quadrants command; run quadrants help for the list.`);
}

/** Slack's `/quadrants …` text → raw input. */
export function parseText(text: string): RawInput {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (clean.length > MAX_TEXT) throw bad('command too long', 'That command is too long; give a command, one creator handle or link, and an optional number of posts.');
  return parseWords(clean.split(/\s+/).filter(Boolean).map(unwrapSlackToken));
}

/** Validates raw input against the command's schema: the command's input, or one sentence. */
export function validate(raw: RawInput): unknown {
  const spec = COMMANDS[raw.command];
  const result = spec.input.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // Our schemas carry a sentence for every failure; zod's own wording ("Invalid input…") never reaches a user.
  const message = issue?.message && !/^Invalid\b/.test(issue.message) ? issue.message : `That ${raw.command} command did not look right; run help for the usage.`;
  const field = typeof issue?.path[0] === 'string' ? (issue.path[0] as keyof RawInput) : null;
  throw new InvalidInput(field, `invalid ${raw.command} input at ${issue?.path.join('.') ?? '?'}`, message);
}
