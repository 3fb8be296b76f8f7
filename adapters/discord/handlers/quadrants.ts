/**
 * `/quadrants` on Discord: validate → rate limit → defer → core → embed (+ breakdown).
 *
 * Visibility rules, and why:
 * - Bad input, help and rate-limit refusals are answered before deferring, ephemerally: nothing
 *   was requested upstream and nothing shows in the channel.
 * - A real command defers publicly at once (Discord's 3 s limit; the report must be public, and
 *   only the EPHEMERAL flag can be chosen at defer time). Report work then waits for other
 *   interactions' acknowledgements in flight (AckGate), so a burst is acknowledged first.
 * - If the core then fails, the public "thinking…" reply is deleted and the error goes to the
 *   requester as an ephemeral follow-up, so the channel is left with nothing half-done. The order
 *   matters: Discord turns the first follow-up after a bare defer into the deferred message itself
 *   (keeping its public visibility), so the reply is deleted first.
 */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { commandFromOptions, type CommandOptions } from '../../../src/commands/parse';
import { helpText } from '../../../src/commands/help';
import type { Command } from '../../../src/commands/types';
import { QuadrantsError, asQuadrantsError } from '../../../src/errors';
import type { Logger } from '../../../src/log';
import { rateLimitMessage, type CommandRateLimiter } from '../../../src/ratelimit';
import type { QuadrantsService } from '../../../src/service';
import type { CompareReport, PostPlacement, QuadrantReport } from '../../../src/quadrants/types';
import type { AckGate } from '../ack-gate';
import { renderCompareEmbed, renderPlacementEmbed, renderReportEmbed } from '../render';
import { NO_MENTIONS, postBreakdown, prepareChart } from './deliver';
import { handleSubscriptionCommand, isSubscriptionCommand, type SubscriptionOutcome } from './subscriptions';
import type { SubscriptionService } from '../../../src/digest/subscriptions';

export interface QuadrantsHandlerDeps {
  service: QuadrantsService;
  limiter: CommandRateLimiter;
  logger: Logger;
  /** Shared by all interactions of one client: acknowledgements go before report work. */
  gate: AckGate;
  /** Digest subscriptions; without it the digest subcommands answer that they are unavailable. */
  subscriptions?: SubscriptionService;
}

/** What happened to one interaction (logs, tests, the benchmark). */
export type Outcome = 'invalid' | 'help' | 'unsupported' | 'rate-limited' | 'reported' | 'failed' | SubscriptionOutcome;

type Work = Extract<Command, { kind: 'report' | 'compare' | 'post' }>;
type Result = QuadrantReport | CompareReport | PostPlacement;

function optionsOf(interaction: ChatInputCommandInteraction): CommandOptions {
  const o = interaction.options;
  const text = (name: string) => o.getString(name, false) ?? undefined;
  const posts = o.getInteger('posts', false);
  return {
    // The zod schema in commandFromOptions checks the name; the cast only satisfies the compiler.
    subcommand: (o.getSubcommand(false) ?? 'help') as CommandOptions['subcommand'],
    creator: text('creator'),
    creators: text('creators'),
    url: text('url'),
    channel: o.getChannel('channel', false)?.id ?? undefined,
    ...(posts === null ? {} : { posts }),
  };
}

async function ephemeral(interaction: ChatInputCommandInteraction, content: string, gate: AckGate): Promise<void> {
  await gate.ack(() => interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }));
}

function run(command: Work, service: QuadrantsService): Promise<Result> {
  switch (command.kind) {
    case 'report':
      return service.report({ creator: command.creator, posts: command.posts });
    case 'compare':
      return service.compare({ creators: command.creators, posts: command.posts });
    case 'post':
      return service.placePost({ url: command.url });
  }
}

function embedFor(result: Result, image: string | null) {
  switch (result.kind) {
    case 'report':
      return renderReportEmbed(result, image);
    case 'compare':
      return renderCompareEmbed(result, image);
    case 'post':
      return renderPlacementEmbed(result, image);
  }
}

/** Core error after the defer: remove the public placeholder, tell only the requester. */
async function failPrivately(interaction: ChatInputCommandInteraction, err: unknown, log: Logger): Promise<void> {
  const e = asQuadrantsError(err);
  log.warn('discord.command.failed', { code: e.code, detail: e.message });
  try {
    await interaction.deleteReply();
  } catch (deleteErr) {
    log.error('discord.reply.delete_failed', { error: deleteErr });
  }
  try {
    await interaction.followUp({ content: e.userMessage, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } catch (followErr) {
    log.error('discord.followup.failed', { error: followErr });
  }
}

/** Handles one `/quadrants` interaction end to end. Never throws. */
export async function handleQuadrants(interaction: ChatInputCommandInteraction, deps: QuadrantsHandlerDeps): Promise<Outcome> {
  const log = deps.logger.child({ interaction: interaction.id, guild: interaction.guildId, user: interaction.user.id });
  try {
    let command: Command;
    try {
      command = commandFromOptions(optionsOf(interaction));
    } catch (err) {
      if (!(err instanceof QuadrantsError)) throw err;
      await ephemeral(interaction, err.userMessage, deps.gate);
      return 'invalid';
    }
    if (command.kind === 'help') {
      await ephemeral(interaction, helpText('discord'), deps.gate);
      return 'help';
    }
    if (isSubscriptionCommand(command) && deps.subscriptions) {
      // Subscribing and previewing reach upstream, so they share the report commands' limit.
      if (command.kind !== 'subscriptions') {
        const decision = deps.limiter.take(interaction.guildId ?? `dm:${interaction.user.id}`, interaction.user.id);
        if (!decision.allowed) {
          await ephemeral(interaction, rateLimitMessage(decision).replace('This workspace has', 'This server has'), deps.gate);
          return 'rate-limited';
        }
      }
      return await handleSubscriptionCommand(interaction, command, { subscriptions: deps.subscriptions, logger: log, gate: deps.gate });
    }
    if (command.kind !== 'report' && command.kind !== 'compare' && command.kind !== 'post') {
      await ephemeral(interaction, 'That /quadrants command is not available on this server yet; try `/quadrants help`.', deps.gate);
      return 'unsupported';
    }
    const decision = deps.limiter.take(interaction.guildId ?? `dm:${interaction.user.id}`, interaction.user.id);
    if (!decision.allowed) {
      await ephemeral(interaction, rateLimitMessage(decision).replace('This workspace has', 'This server has'), deps.gate);
      return 'rate-limited';
    }
    await deps.gate.ack(() => interaction.deferReply());
    await deps.gate.idle();
    return await answer(interaction, command, deps, log);
  } catch (err) {
    // Only Discord itself can fail here (an expired token, a network error); nobody is left to tell.
    log.error('discord.interaction.failed', { error: err });
    return 'failed';
  }
}

async function answer(interaction: ChatInputCommandInteraction, command: Work, deps: QuadrantsHandlerDeps, log: Logger): Promise<Outcome> {
  let result: Result;
  try {
    result = await run(command, deps.service);
  } catch (err) {
    await failPrivately(interaction, err, log);
    return 'failed';
  }
  const chart = await prepareChart(result, deps.service, log);
  let reply;
  try {
    reply = await interaction.editReply({ embeds: [embedFor(result, chart.image)], files: chart.files, allowedMentions: NO_MENTIONS });
  } catch (err) {
    await failPrivately(interaction, new QuadrantsError('INTERNAL', `editReply failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err }), log);
    return 'failed';
  }
  log.info('discord.command.answered', { kind: command.kind, chart: chart.via, credits: result.credits });
  if (result.kind === 'report') {
    try {
      const where = await postBreakdown(interaction, reply, result, log);
      log.debug('discord.breakdown.posted', { where });
    } catch (err) {
      log.warn('discord.breakdown.failed', { error: err });
    }
  }
  return 'reported';
}
