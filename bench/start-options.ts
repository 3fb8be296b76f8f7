/**
 * How `npm start` runs the bot (package.json): its environment assignments (`NAME=value` before
 * `node`) and Node's options (`--…`). The bench runs the bot's code the same way: each group's
 * process (./run.ts) and the idle bots of ./startup.ts, so the memory rows read the bot as started.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StartOptions {
  env: Record<string, string>;
  nodeOptions: string[];
}

export function startOptions(root = join(__dirname, '..', '..')): StartOptions {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? '').split(/\s+/).filter(Boolean);
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, Math.max(0, node)).map((w) => w.split('=', 2) as [string, string]));
  return { env, nodeOptions: words.slice(node + 1).filter((a) => a.startsWith('--')) };
}
