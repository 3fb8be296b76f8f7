/**
 * One function per CLI command: run it through the QuadrantsService and print the result as
 * text or as one JSON object. Handlers never parse arguments and never exit the process.
 */
import { helpText } from '../commands/help';
import { demoHandles } from '../demo/data';
import { compareToJson, placementToJson, reportToJson } from '../render/json';
import { renderCompareText, renderPlacementText, renderReportText } from '../render/text';
import type { QuadrantsService } from '../service';
import type { Config } from '../config/env';
import { digestList, digestRun, type DigestDelivery } from '../digest';
import type { Logger } from '../log';
import { openStore } from '../store';
import type { CliCommand } from './args';
import type { CliSettings } from './settings';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface HandlerContext {
  io: CliIo;
  /** Built on first use, so `help` needs no configuration. */
  service(): QuadrantsService;
  /** The validated settings (throws CONFIG when the environment is invalid). */
  settings(): CliSettings;
  /** Chat deliveries for digests; injected by the bin (app/cli.ts), since src/ never builds adapters. */
  deliveries(config: Config, logger: Logger): DigestDelivery[];
  logger(): Logger;
}

export type Handler<C extends CliCommand = CliCommand> = (command: C, ctx: HandlerContext) => Promise<number>;

function print(io: CliIo, json: boolean, value: unknown, text: () => string): void {
  io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : text());
}

export const help: Handler<Extract<CliCommand, { kind: 'help' }>> = async (_command, { io }) => {
  io.stdout(`${helpText('cli')}\nDemo creators: ${demoHandles()}.\n`);
  return 0;
};

export const report: Handler<Extract<CliCommand, { kind: 'report' }>> = async (c, ctx) => {
  const r = await ctx.service().report({ creator: c.creator, posts: c.posts });
  print(ctx.io, c.json, reportToJson(r), () => renderReportText(r));
  return 0;
};

export const compare: Handler<Extract<CliCommand, { kind: 'compare' }>> = async (c, ctx) => {
  const r = await ctx.service().compare({ creators: c.creators, posts: c.posts });
  print(ctx.io, c.json, compareToJson(r), () => renderCompareText(r));
  return 0;
};

export const post: Handler<Extract<CliCommand, { kind: 'post' }>> = async (c, ctx) => {
  const r = await ctx.service().placePost({ url: c.url });
  print(ctx.io, c.json, placementToJson(r), () => renderPlacementText(r));
  return 0;
};

/** `quadrants digest run [--at ISO]` and `quadrants digest list`, on the store in DATABASE_URL. */
export const digest: Handler<Extract<CliCommand, { kind: 'digest' }>> = async (c, ctx) => {
  const { config } = ctx.settings();
  const store = openStore(config.database.url);
  try {
    if (c.action === 'list') {
      ctx.io.stdout(`${await digestList({ store })}\n`);
      return 0;
    }
    const logger = ctx.logger();
    const deliveries = ctx.deliveries(config, logger);
    const result = await digestRun({
      store,
      service: ctx.service(),
      deliveries,
      logger,
      ...(c.at === null ? {} : { at: c.at }),
    });
    ctx.io.stdout(`${result.text}\n`);
    if (deliveries.length === 0 && result.summary.noDelivery > 0) {
      ctx.io.stderr('quadrants: no chat platform is configured here, so due digests were left for a run that has one (set the Slack or Discord variables).\n');
    }
    return result.exitCode;
  } finally {
    await store.close();
  }
};
