/**
 * The command table: every command the bot understands, declared once with its input schema, its
 * cost in API credits, who may run it, whether its answer is public or private, and how it runs.
 * The pipeline (./pipeline.ts) enforces all of it identically on every surface.
 */
import { z } from 'zod';
import { DEFAULT_POSTS, channelArg, creatorArg, creatorsArg, postsArg, videoArg } from '../commands/args';
import { scheduleOf, scheduleShape } from '../digest/schedule-args';
import { isPlatform, SLACK } from '../platforms';
import { COMMAND_NAMES, type CommandName } from './vocabulary';
import type { Reply, Visibility } from './card';
import { privateReply } from './card';
import { changeSubscription, listSubscriptions, previewDigest } from './actions/subscriptions';
import { compareReply, placementReply, reportReply } from './actions/results';
import { keepSnapshots, trendReply } from './actions/trend';
import { changeWatch } from './actions/watches';
import { usageCard, usageUntrackedCard } from './cards/budget';
import { compareActions, placementActions, reportActions, withActions } from './buttons';
import { helpCard, usage as usageOf, type ArgName, type HelpEntry, type HelpExample } from './cards/help';
import { commandHelpCard, exampleOf } from './cards/command-help';
import { echoInput } from '../commands/creator';
import { code, say, words, type Inline } from './inline';
import { SURFACES } from './surfaces';
import { workspaceOf, type RunContext } from './types';

export { COMMAND_NAMES, type CommandName, type RawInput } from './vocabulary';

/** The `usage` answer: this month's credits for the asker's workspace. */
async function usageFor(ctx: RunContext) {
  const workspace = workspaceOf(ctx.actor);
  const place = SURFACES[ctx.actor.surface].place;
  if (!ctx.budget || !workspace) return usageUntrackedCard(place);
  return usageCard(await ctx.budget.status(workspace), place);
}

export interface CommandSpec<I = unknown> {
  name: CommandName;
  /** Help: what the command does, in one line. */
  summary: string;
  /** Help and the text grammar: the arguments, in order. */
  args: readonly ArgName[];
  /** Help: one example, by argument (each surface writes it in its own syntax). */
  example: HelpExample;
  /** Help on the command line: the output flags this command takes there. */
  cliFlags?: readonly string[];
  input: z.ZodType<I>;
  /** 'credits' commands may spend TikLiveAPI credits: when they call the API they count against the rate limits and budget. */
  cost: 'credits' | 'free';
  /** Most credits one run can spend (held against the monthly budget while it runs); 0 for free commands. */
  worstCase(input: I): number;
  /** 'manage' commands change what a channel receives. */
  permission: 'anyone' | 'manage';
  /** Needs a chat channel (digests, the workspace's budget): not offered on the command line. */
  needsChannel?: true;
  /** Changes a subscription: after one, a surface may refresh its other views of the list. */
  changesSubscriptions?: true;
  /** Answered in the acknowledgement itself, privately, with nothing to wait for (help). */
  immediate?: true;
  visibility: Visibility;
  /** Shown privately while the command runs; null acknowledges silently. */
  working(input: I): Inline | null;
  run(input: I, ctx: RunContext): Promise<Reply>;
}

/** /user-posts/ pages for `posts` posts (30 a page) plus the creator's id lookup: one creator's worst case. */
const creatorCost = (posts: number) => 1 + Math.ceil(posts / 30);
const free = () => 0;
/** What report, compare and post print on the command line besides text. */
const OUTPUT_FLAGS = ['--json', '--csv', '--demo'] as const;

/** help's topic: a command name, in any case; anything else is refused with one sentence. */
const topicArg = z
  .string()
  .transform((t, ctx) => {
    const name = t.toLowerCase();
    if ((COMMAND_NAMES as readonly string[]).includes(name)) return name as CommandName;
    ctx.addIssue({ code: 'custom', message: `“${echoInput(t)}” is not a quadrants command; run help for the list.` });
    return z.NEVER;
  })
  .optional();

/** Keeps each entry's input type tied to its own run function. */
function command<I>(spec: CommandSpec<I>): CommandSpec<I> {
  return spec;
}

const creatorInput = z.object({ creator: creatorArg });

const report = command({
  name: 'report',
  summary: "map a creator's latest posts by share rate and save rate (default 10 posts, 5–35)",
  args: ['creator', 'posts'],
  example: { creator: '@mossy.kitchen', posts: '20' },
  cliFlags: OUTPUT_FLAGS,
  input: z.object({ creator: creatorArg, posts: postsArg(DEFAULT_POSTS) }),
  cost: 'credits',
  worstCase: (i) => creatorCost(i.posts ?? DEFAULT_POSTS),
  permission: 'anyone',
  visibility: 'public',
  working: (i) => say`Working on ${i.creator}'s last ${i.posts ?? DEFAULT_POSTS} posts; the chart will appear in this channel in a moment.`,
  run: async (i, ctx) => {
    const r = await ctx.service.report({ creator: i.creator, posts: i.posts ?? DEFAULT_POSTS });
    await keepSnapshots(ctx, [r]);
    return withActions(reportReply(r, ctx.service, ctx.actor.surface), reportActions(ctx.actor.workspaceId, r));
  },
});

const compare = command({
  name: 'compare',
  summary: 'put two to five creators on the same axes',
  args: ['creators', 'posts'],
  example: { creators: '@mossy.kitchen @sofa.standup' },
  cliFlags: OUTPUT_FLAGS,
  input: z.object({ creators: creatorsArg, posts: postsArg(DEFAULT_POSTS) }),
  cost: 'credits',
  worstCase: (i) => i.creators.length * creatorCost(i.posts ?? DEFAULT_POSTS),
  permission: 'anyone',
  visibility: 'public',
  working: (i) => say`Comparing ${i.creators.join(', ')} over their last ${i.posts ?? DEFAULT_POSTS} posts each; the chart will appear in this channel in a moment.`,
  run: async (i, ctx) => {
    const r = await ctx.service.compare({ creators: i.creators, posts: i.posts ?? DEFAULT_POSTS });
    await keepSnapshots(ctx, r.creators.map((c) => c.report));
    return withActions(compareReply(r, ctx.service, ctx.actor.surface), compareActions(ctx.actor.workspaceId, r));
  },
});

const post = command({
  name: 'post',
  summary: "place one post against its creator's recent medians",
  args: ['url'],
  example: { url: 'https://www.tiktok.com/@sofa.standup/video/7431702316448781625' },
  cliFlags: OUTPUT_FLAGS,
  input: z.object({ url: videoArg }),
  cost: 'credits',
  worstCase: () => 1 + creatorCost(DEFAULT_POSTS),
  permission: 'anyone',
  visibility: 'public',
  working: () => words("Placing that post against its creator's recent posts; the result will appear in this channel in a moment."),
  run: async (i, ctx) => {
    const p = await ctx.service.placePost({ url: i.url });
    return withActions(placementReply(p, ctx.service, ctx.actor.surface), placementActions(ctx.actor.workspaceId, p));
  },
});

/** The schedule as a whole only judges the day against the cadence: those refusals are about `on`. */
function aboutDay(ctx: z.RefinementCtx): z.RefinementCtx {
  return {
    ...ctx,
    addIssue: (issue) => ctx.addIssue(typeof issue === 'string' ? { code: 'custom', message: issue, path: ['on'] } : { ...issue, path: ['on'] }),
  };
}

const subscribeInput = z
  .object({ creator: creatorArg, channel: channelArg, posts: postsArg(null), ...scheduleShape })
  .transform((i, ctx) => ({ creator: i.creator, channel: i.channel, posts: i.posts, schedule: scheduleOf(i, aboutDay(ctx)) }));

const subscribe = command({
  name: 'subscribe',
  summary: 'a digest for a creator in this channel (or another): monthly (default) or weekly; subscribing again updates it',
  args: ['creator', 'channel', 'schedule', 'posts'],
  example: { creator: '@mossy.kitchen', channel: '#marketing', cadence: 'weekly', on: 'monday', at: '09:00', tz: 'Europe/Berlin' },
  input: subscribeInput,
  // Looking the creator up spends a credit.
  cost: 'credits',
  worstCase: () => 1,
  permission: 'manage',
  needsChannel: true,
  changesSubscriptions: true,
  visibility: 'private',
  working: () => null,
  run: (i, ctx) => changeSubscription('subscribe', i, ctx),
});

/**
 * A command on a channel's subscription or watch of one creator: unsubscribe, pause and resume
 * find theirs without a lookup; watch looks the creator up once (`lookup`: a credit).
 */
function channelCommand(
  name: 'unsubscribe' | 'pause' | 'resume' | 'watch' | 'unwatch',
  summary: string,
  run: (input: { creator: string; channel: string | null }, ctx: RunContext) => Promise<Reply>,
  lookup = false,
) {
  return command({
    name,
    summary,
    args: ['creator', 'channel'],
    example: { creator: '@mossy.kitchen', channel: '#marketing' },
    input: z.object({ creator: creatorArg, channel: channelArg }),
    cost: lookup ? 'credits' : 'free',
    worstCase: lookup ? () => 1 : free,
    permission: 'manage',
    needsChannel: true,
    changesSubscriptions: true,
    visibility: 'private',
    working: () => null,
    run,
  });
}

const unsubscribe = channelCommand('unsubscribe', "stop a channel's digest for a creator", (i, ctx) => changeSubscription('unsubscribe', { ...i, posts: null }, ctx));
// Pausing keeps the subscription and its schedule; its periods are skipped until it is resumed.
const pause = channelCommand('pause', "skip a channel's digest for a creator until it is resumed (its schedule is kept)", (i, ctx) => changeSubscription('pause', { ...i, posts: null }, ctx));
const resume = channelCommand('resume', 'start a paused digest again, from its next scheduled run', (i, ctx) => changeSubscription('resume', { ...i, posts: null }, ctx));

const subscriptions = command({
  name: 'subscriptions',
  summary: "list this workspace's digests, with buttons to pause, edit or stop each one",
  args: [],
  example: {},
  // A page only comes from the list's own buttons; typed, the list starts at its first page.
  input: z.object({ page: z.string().regex(/^\d{1,4}$/).optional() }),
  cost: 'free',
  worstCase: free,
  permission: 'anyone',
  needsChannel: true,
  visibility: 'private',
  working: () => null,
  run: (i, ctx) => listSubscriptions(Number(i.page ?? 0), ctx),
});

const digest = command({
  name: 'digest',
  summary: "preview a creator's digest here, with what changed since the last one",
  args: ['creator'],
  example: { creator: '@mossy.kitchen' },
  input: creatorInput,
  cost: 'credits',
  worstCase: () => creatorCost(DEFAULT_POSTS),
  permission: 'anyone',
  needsChannel: true,
  visibility: 'public',
  working: (i) => say`Preparing a digest preview for ${i.creator}; it will appear in this channel in a moment.`,
  run: (i, ctx) => previewDigest(i, ctx),
});

const watch = channelCommand('watch', "check a creator's newest posts daily and alert this channel (or another) once when one becomes a template", (i, ctx) => changeWatch('watch', i, ctx), true);
const unwatch = channelCommand('unwatch', "stop a channel's template alerts for a creator", (i, ctx) => changeWatch('unwatch', i, ctx));

const trend = command({
  name: 'trend',
  summary: "a creator's median share and save rates month by month, from the reports kept here (no credits)",
  args: ['creator'],
  example: { creator: '@mossy.kitchen' },
  cliFlags: ['--json'],
  input: creatorInput,
  cost: 'free',
  worstCase: free,
  permission: 'anyone',
  visibility: 'public',
  working: () => null,
  run: (i, ctx) => trendReply(i.creator, ctx),
});

const usage = command({
  name: 'usage',
  summary: "API credits this workspace spent this month, and what is left of its budget",
  args: [],
  example: {},
  input: z.object({}),
  cost: 'free',
  worstCase: free,
  permission: 'anyone',
  needsChannel: true,
  visibility: 'private',
  working: () => null,
  run: async (_i, ctx) => privateReply(await usageFor(ctx)),
});

const help = command({
  name: 'help',
  summary: 'this list, or one command\'s usage, options and an example',
  args: ['topic'],
  example: { topic: 'compare' },
  input: z.object({ topic: topicArg }),
  cost: 'free',
  worstCase: free,
  permission: 'anyone',
  immediate: true,
  visibility: 'private',
  working: () => null,
  run: async (i, ctx) => privateReply(helpFor(ctx.actor.surface, i.topic)),
});

/** Every command, by name. */
export const COMMANDS: { [K in CommandName]: CommandSpec<never> } = {
  report,
  compare,
  post,
  subscribe,
  unsubscribe,
  pause,
  resume,
  subscriptions,
  digest,
  watch,
  unwatch,
  trend,
  usage,
  help,
} as unknown as { [K in CommandName]: CommandSpec<never> };

/** Whether a surface offers a command: one that needs a chat channel only where there are channels. */
export function offers(surface: keyof typeof SURFACES, name: CommandName): boolean {
  return isPlatform(surface) || !COMMANDS[name].needsChannel;
}

/**
 * The help card for a surface, written from the table: every command, or one command's usage,
 * options and example. A command another surface runs is explained in Slack's words, with where it runs.
 */
export function helpFor(surface: keyof typeof SURFACES, topic?: CommandName) {
  if (topic !== undefined) return commandHelpFor(surface, topic);
  const entries: HelpEntry[] = COMMAND_NAMES.filter((n) => offers(surface, n) && n !== 'help').map((n) => ({
    name: n,
    args: COMMANDS[n].args.filter((a) => isPlatform(surface) || a !== 'channel'),
    summary: COMMANDS[n].summary,
    implicit: n === 'report',
  }));
  const oneCommand = !isPlatform(surface) ? 'quadrants <command> --help' : usageOf({ name: 'help', args: ['topic'], summary: '' }, surface);
  return helpCard(entries, surface, [say`${code(oneCommand)} explains one command: its usage, options and an example.`]);
}

/** One command's help card. */
export function commandHelpFor(surface: keyof typeof SURFACES, name: CommandName) {
  const spec = COMMANDS[name];
  const here = offers(surface, name);
  const shown = here ? surface : SLACK;
  const entry = { name, args: spec.args, summary: spec.summary, example: spec.example, ...(spec.cliFlags ? { cliFlags: spec.cliFlags } : {}) };
  if (here) return commandHelpCard(entry, shown);
  return commandHelpCard({ ...entry, elsewhere: say`${code(name)} needs a chat channel: run it in Slack or Discord, for example ${code(exampleOf(entry, SLACK))}.` }, shown);
}
