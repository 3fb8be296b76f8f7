/**
 * This build's version, from package.json (found from the source tree and from dist/ alike).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

export function version(): string {
  if (cached) return cached;
  for (const up of ['..', '../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'quadrants' && pkg.version) return (cached = pkg.version);
    } catch {
      // Try the next candidate.
    }
  }
  return (cached = 'unknown');
}
