/**
 * What the architecture tests read: the repository's root and every TypeScript file under a
 * folder, found on disk (so a new file is covered the moment it exists).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root folder. */
export const root = join(__dirname, '..', '..');

/** Every `.ts` file under `dir`, at any depth. */
export function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}
