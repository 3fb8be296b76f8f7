/**
 * No runtime import circles in adapters/: a module that reaches itself through value imports
 * (`import type` is erased and does not count) loads half-initialised, and one of the two files
 * should hold what both need instead (as adapters/slack/surface.ts does for clicks and forms).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { files, root } from './source-files';

/** Relative value imports of a file, resolved to .ts paths (type-only imports and re-exports left out). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gms)]
    .map((m) => `${resolve(dirname(file), m[1] as string)}.ts`)
    .filter((p) => p.startsWith(join(root, 'adapters')));
}

/** Every circle, as the files on it from its first file back to itself. */
function circles(all: readonly string[]): string[][] {
  const graph = new Map(all.map((f) => [f, valueImports(f)]));
  const found: string[][] = [];
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) found.push([...path, next].map((p) => relative(root, p)));
      else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const f of all) walk(f, f, [f]);
  return found;
}

describe('adapters/', () => {
  it('has no runtime import circle', () => {
    expect(circles(files(join(root, 'adapters')))).toEqual([]);
  });
});
