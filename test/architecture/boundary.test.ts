/**
 * The core never imports a chat SDK, and adapters never compute quadrants themselves.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { files, root } from './source-files';

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1] as string);

describe('architecture', () => {
  it('keeps chat SDKs out of src/', () => {
    const offenders = files(join(root, 'src')).flatMap((f) =>
      importsOf(f)
        .filter((i) => /^(@slack\/|discord\.js|@discordjs\/)/.test(i) || i.includes('/adapters/') || i.includes('/app/'))
        .map((i) => `${relative(root, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the quadrant rule out of adapters/', () => {
    const offenders = files(join(root, 'adapters')).flatMap((f) =>
      importsOf(f)
        .filter((i) => /quadrants\/(classify|median|rates|templates|mix|report|compare|placement)$/.test(i))
        .map((i) => `${relative(root, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });
});
