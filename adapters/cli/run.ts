/**
 * The CLI as a function: `runCli(argv, env, io)` returns the exit code and writes only through
 * `io`. How argv is read, and the operator commands, are the core's (src/ops/cli.ts); this
 * surface brings its conversation (stdout, stderr) and cards as plain text.
 */
import { runCommandLine, type CliExtras, type CliIo } from '../../src/ops/cli';
import { cliConversation } from './conversation';
import { renderText } from './render';

export type { CliExtras, CliIo } from '../../src/ops/cli';

/** Runs one CLI invocation. Never throws; never calls process.exit. */
export function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo, extras: CliExtras = {}): Promise<number> {
  return runCommandLine(argv, env, io, { conversation: cliConversation, renderText }, extras);
}
