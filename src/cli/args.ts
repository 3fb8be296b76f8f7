/**
 * Command-line arguments to a typed CLI command. Everything is validated here, before any
 * request is made: bad input throws QuadrantsError('BAD_INPUT') with one sentence (exit code 2).
 * Creator and video rules are the shared ones from src/commands, so the CLI accepts exactly
 * what Slack and Discord accept.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { echoInput, parseCreatorInput } from '../commands/creator';
import { MAX_COMPARE, parsePosts } from '../commands/parse';
import { DEFAULT_POSTS } from '../commands/types';
import { parseVideoUrl } from '../commands/video-url';
import { DEMO_CREATORS } from '../demo/data';
import { QuadrantsError } from '../errors';

export interface OutputOptions {
  /** Print one JSON object instead of the text read-out. */
  json: boolean;
  /** Use the bundled demo data even when TIKLIVEAPI_KEY is set. */
  demo: boolean;
}

export type CliCommand =
  | { kind: 'help' }
  | ({ kind: 'report'; creator: string; posts: number } & OutputOptions)
  | ({ kind: 'compare'; creators: string[]; posts: number } & OutputOptions)
  | ({ kind: 'post'; url: string } & OutputOptions)
  | { kind: 'digest'; action: 'run'; at: Date | null }
  | { kind: 'digest'; action: 'list' };

export type CliCommandKind = CliCommand['kind'];

const USAGE_HINT = 'run `quadrants help` for the usage';

function bad(detail: string, userMessage: string): QuadrantsError {
  return new QuadrantsError('BAD_INPUT', detail, { userMessage });
}

const valuesSchema = z
  .object({
    posts: z.string().max(20).optional(),
    json: z.boolean().optional(),
    demo: z.boolean().optional(),
    help: z.boolean().optional(),
    at: z.string().max(40).optional(),
  })
  .strict();

type Values = z.infer<typeof valuesSchema>;

const isoSchema = z.iso.datetime({ offset: true });

function readArgv(argv: readonly string[]): { values: Values; positionals: string[] } {
  let raw: ReturnType<typeof parseArgs>;
  try {
    raw = parseArgs({
      args: [...argv],
      options: { posts: { type: 'string' }, json: { type: 'boolean' }, demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, at: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const option = /'(-{1,2}[^']*)'/.exec(err instanceof Error ? err.message : '')?.[1];
    throw bad('unparsable arguments', option ? `“${echoInput(option)}” is not an option here (or it needs a value); ${USAGE_HINT}.` : `Those arguments did not parse; ${USAGE_HINT}.`);
  }
  const values = valuesSchema.safeParse(raw.values);
  if (!values.success) throw bad('invalid option values', `Those options did not look right; ${USAGE_HINT}.`);
  return { values: values.data, positionals: raw.positionals };
}

/** Refuses options that mean nothing for the subcommand, so a typo never goes unnoticed. */
function only(values: Values, sub: string, allowed: Array<keyof Values>): void {
  for (const key of Object.keys(values) as Array<keyof Values>) {
    if (values[key] !== undefined && !allowed.includes(key)) throw bad(`--${key} with ${sub}`, `\`--${key}\` does not apply to \`${sub}\`; ${USAGE_HINT}.`);
  }
}

function output(values: Values): OutputOptions {
  return { json: values.json === true, demo: values.demo === true };
}

function reportCommand(given: string[], values: Values): CliCommand {
  only(values, 'report', ['posts', 'json', 'demo']);
  // `quadrants report --demo` (what `npm run demo` runs) shows the first demo creator.
  const args = given.length === 0 && values.demo ? [`@${DEMO_CREATORS[0]?.creator.username ?? 'mossy.kitchen'}`] : given;
  if (args.length !== 1) throw bad('report needs one creator', `Give one creator, for example \`quadrants report @mossy.kitchen\`; ${USAGE_HINT}.`);
  const creator = args[0] as string;
  parseCreatorInput(creator);
  return { kind: 'report', creator, posts: values.posts === undefined ? DEFAULT_POSTS : parsePosts(values.posts), ...output(values) };
}

function compareCommand(args: string[], values: Values): CliCommand {
  only(values, 'compare', ['posts', 'json', 'demo']);
  if (args.length < 2 || args.length > MAX_COMPARE) {
    throw bad('compare needs 2-5 creators', `Compare needs two to ${MAX_COMPARE} creators, for example \`quadrants compare @a @b\`.`);
  }
  const keys = args.map((a) => {
    const c = parseCreatorInput(a);
    return c.kind === 'userid' ? c.userid : c.username;
  });
  if (new Set(keys).size !== keys.length) throw bad('duplicate creators', 'Each creator can appear only once in a comparison.');
  return { kind: 'compare', creators: args, posts: values.posts === undefined ? DEFAULT_POSTS : parsePosts(values.posts), ...output(values) };
}

function postCommand(args: string[], values: Values): CliCommand {
  only(values, 'post', ['json', 'demo']);
  if (args.length !== 1) throw bad('post needs one url', `Give one video link, for example \`quadrants post https://www.tiktok.com/@name/video/7398700011122233344\`.`);
  return { kind: 'post', url: parseVideoUrl(args[0] as string), ...output(values) };
}

function digestCommand(args: string[], values: Values): CliCommand {
  const action = args[0];
  if (action === 'list' && args.length === 1) {
    only(values, 'digest list', []);
    return { kind: 'digest', action: 'list' };
  }
  if (action === 'run' && args.length === 1) {
    only(values, 'digest run', ['at']);
    if (values.at === undefined) return { kind: 'digest', action: 'run', at: null };
    if (!isoSchema.safeParse(values.at).success) {
      throw bad('bad --at', `\`--at\` needs an ISO time with a zone, for example \`--at 2026-11-01T09:00:00Z\`.`);
    }
    return { kind: 'digest', action: 'run', at: new Date(values.at) };
  }
  throw bad('bad digest subcommand', `Use \`quadrants digest run [--at <ISO time>]\` or \`quadrants digest list\`.`);
}

const SUBCOMMANDS: Record<string, (args: string[], values: Values) => CliCommand> = {
  report: reportCommand,
  compare: compareCommand,
  post: postCommand,
  digest: digestCommand,
};

/** Parses `argv` (without node and the script). Throws QuadrantsError('BAD_INPUT'). */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values, positionals } = readArgv(argv);
  const [sub, ...rest] = positionals;
  if (sub === undefined) {
    if (values.help) return { kind: 'help' };
    throw bad('no subcommand', `Give a command; ${USAGE_HINT}.`);
  }
  if (sub === 'help' || values.help) return { kind: 'help' };
  const parse = SUBCOMMANDS[sub];
  if (!parse) throw bad(`unknown subcommand`, `“${echoInput(sub)}” is not a quadrants command; ${USAGE_HINT}.`);
  return parse(rest, values);
}
