/**
 * One function per CLI command: run it through the QuadrantsService and print the result as
 * text or as one JSON object. Handlers never parse arguments and never exit the process.
 */
import { helpText } from '../commands/help';
import { demoHandles } from '../demo/data';
import { compareToJson, placementToJson, reportToJson } from '../render/json';
import { renderCompareText, renderPlacementText, renderReportText } from '../render/text';
import type { QuadrantsService } from '../service';
import type { CliCommand } from './args';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface HandlerContext {
  io: CliIo;
  /** Built on first use, so `help` needs no configuration. */
  service(): QuadrantsService;
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
