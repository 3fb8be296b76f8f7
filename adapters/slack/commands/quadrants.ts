/**
 * The /quadrants listener: parse, rate-limit, acknowledge at once with an ephemeral line, then
 * do the work. Every failure after the ack reaches only the person who ran the command;
 * nothing here can throw out of the listener.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommandText } from '../../../src/commands/parse';
import type { Command } from '../../../src/commands/types';
import { asQuadrantsError } from '../../../src/errors';
import { rateLimitMessage } from '../../../src/ratelimit';
import { tellUser } from '../deliver';
import { escapeMrkdwn } from '../escape';
import { compareWorkingLine, runCompare } from './compare';
import type { CommandContext, SlackDeps, SubscriptionCommand } from './context';
import { helpMessage, usageMessage } from './help';
import { postWorkingLine, runPost } from './post';
import { reportWorkingLine, runReport } from './report';

/** Shown for subscription commands when the digest feature is not wired in. */
export const DIGESTS_OFF = 'Monthly digests are not enabled on this bot; ask whoever runs it to turn them on.';

/** Commands that spend API credits, and so count against the per-user and per-team limits. */
const COSTLY = new Set<Command['kind']>(['report', 'compare', 'post', 'digest']);

function isSubscription(cmd: Command): cmd is SubscriptionCommand {
  return cmd.kind === 'subscribe' || cmd.kind === 'unsubscribe' || cmd.kind === 'subscriptions' || cmd.kind === 'digest';
}

function workingLine(cmd: Command): string {
  switch (cmd.kind) {
    case 'report':
      return reportWorkingLine(cmd);
    case 'compare':
      return compareWorkingLine(cmd);
    case 'post':
      return postWorkingLine(cmd);
    default:
      return 'Working on it…';
  }
}

async function run(cmd: Command, ctx: CommandContext): Promise<void> {
  switch (cmd.kind) {
    case 'report':
      return runReport(cmd, ctx);
    case 'compare':
      return runCompare(cmd, ctx);
    case 'post':
      return runPost(cmd, ctx);
    default:
      if (isSubscription(cmd) && ctx.deps.subscriptions) return ctx.deps.subscriptions(cmd, ctx);
  }
}

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

async function handle({ command, ack, respond, client }: Args, deps: SlackDeps, log: CommandContext['log']): Promise<void> {
  let cmd: Command;
  try {
    cmd = parseCommandText(command.text ?? '');
  } catch (err) {
    await ack({ response_type: 'ephemeral', text: usageMessage(asQuadrantsError(err)) });
    return;
  }
  if (cmd.kind === 'help') {
    await ack({ response_type: 'ephemeral', text: helpMessage() });
    return;
  }
  if (isSubscription(cmd) && !deps.subscriptions) {
    await ack({ response_type: 'ephemeral', text: DIGESTS_OFF });
    return;
  }
  if (COSTLY.has(cmd.kind)) {
    const decision = deps.limiter.take(command.team_id, command.user_id);
    if (!decision.allowed) {
      log.info('slack.rate_limited', { kind: cmd.kind, scope: decision.scope, retryAfterMs: decision.retryAfterMs });
      await ack({ response_type: 'ephemeral', text: escapeMrkdwn(rateLimitMessage(decision)) });
      return;
    }
  }
  await ack({ response_type: 'ephemeral', text: workingLine(cmd) });
  // Yield once so commands already queued behind this one get their acks out before any work starts.
  await new Promise<void>((resolve) => setImmediate(resolve));

  const ctx: CommandContext = { body: command, client, respond, deps, log: log.child({ kind: cmd.kind }) };
  const work = () => run(cmd, ctx);
  try {
    await (deps.inflight ? deps.inflight.run(work) : work());
  } catch (err) {
    const e = asQuadrantsError(err);
    ctx.log[e.code === 'INTERNAL' ? 'error' : 'warn']('slack.command_failed', { code: e.code, detail: e.message });
    await tellUser(ctx, e.userMessage);
  }
}

/** The Bolt listener for /quadrants. */
export function quadrantsListener(deps: SlackDeps): (args: Args) => Promise<void> {
  return async (args) => {
    const { command } = args;
    const log = deps.logger.child({ team: command.team_id, channel: command.channel_id, user: command.user_id });
    try {
      await handle(args, deps, log);
    } catch (err) {
      // Only an ack that could not be sent ends up here (the socket dropped); keep running.
      log.error('slack.command_crashed', { error: err });
    }
  };
}
