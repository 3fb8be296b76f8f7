/**
 * The floors of src/: a module imports only from its own floor or below, so no import runs back
 * up and the core reads bottom to top. Each entry is a folder or a file under src/ (without .ts);
 * a file is placed by its longest matching entry. A new module must be given a floor here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { files, root } from './source-files';

const src = join(root, 'src');

/** Lowest first. */
const FLOORS: readonly (readonly string[])[] = [
  // Ground: no project imports beyond each other; the chat vocabulary lives here.
  ['errors', 'log', 'version', 'zod-locales', 'platforms', 'source', 'quadrants', 'chat/vocabulary', 'chat/shutdown'],
  // Parsing, persistence, limits, drawing, and the chat layer's card model (with the budget's cards,
  // which the digest engine posts when it holds a digest back, and the alert card watches post).
  ['commands', 'store', 'trend', 'ratelimit', 'budget', 'render', 'chart', 'demo', 'chat/card', 'chat/inline', 'chat/surfaces', 'chat/format', 'chat/cards/budget', 'chat/cards/alert'],
  ['tikliveapi'],
  ['replicas'],
  ['service'],
  ['digest', 'watch'],
  ['chat'],
  ['config', 'ops'],
];

/** The floor of a path under src/ (no extension), by its longest matching entry; -1 when none. */
function floorOf(mod: string): number {
  let best = { floor: -1, length: -1 };
  FLOORS.forEach((entries, floor) => {
    for (const e of entries) {
      if ((mod === e || mod.startsWith(`${e}/`)) && e.length > best.length) best = { floor, length: e.length };
    }
  });
  return best.floor;
}

const moduleOf = (file: string): string => relative(src, file).replace(/\\/g, '/').replace(/\.ts$/, '');

const relativeImportsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] as string);

describe('floors of src/', () => {
  const all = files(src);

  it('gives every module a floor', () => {
    expect(all.map(moduleOf).filter((m) => floorOf(m) < 0)).toEqual([]);
  });

  it('never imports from a higher floor', () => {
    const offenders = all.flatMap((file) => {
      const from = moduleOf(file);
      return relativeImportsOf(file)
        .map((spec) => moduleOf(`${resolve(dirname(file), spec)}.ts`))
        .filter((to) => !to.startsWith('..') && floorOf(to) > floorOf(from))
        .map((to) => `${from} (floor ${floorOf(from)}) imports ${to} (floor ${floorOf(to)})`);
    });
    expect(offenders).toEqual([]);
  });

  it('can tell an upward import', () => {
    expect(floorOf('commands/parse')).toBeLessThan(floorOf('chat/commands'));
    expect(floorOf('tikliveapi/source')).toBeLessThan(floorOf('service'));
    expect(floorOf('chat/vocabulary')).toBe(0);
  });
});
