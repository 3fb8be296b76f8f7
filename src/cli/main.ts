#!/usr/bin/env node
/**
 * The `quadrants` command. All behaviour lives in ./run.ts; this file only connects it to the
 * process (arguments, environment plus an optional .env file, stdout/stderr, exit code).
 */
import { withDotEnv } from '../config/dotenv';
import { runCli } from './run';

void runCli(process.argv.slice(2), withDotEnv(process.env), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
