/**
 * Reads a `.env` file when one is present. Variables already set in the real environment win,
 * the same precedence as `node --env-file`, so a container's `-e` flags override a baked-in file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** Returns `env` overlaid on the variables of `path` (no file: `env` unchanged). Never mutates `env`. */
export function withDotEnv(env: NodeJS.ProcessEnv, path = '.env'): NodeJS.ProcessEnv {
  if (!existsSync(path)) return env;
  const fromFile = parseEnv(readFileSync(path, 'utf8'));
  return { ...fromFile, ...env };
}
