/**
 * The core never imports a chat SDK, adapters never compute quadrants themselves, and adapters
 * never orchestrate a turn: they hand every command, click and form to runTurn (src/chat/turn.ts).
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

  it('keeps the deciding of a turn out of adapters/: no adapter reads a click or form, or runs the pipeline itself', () => {
    const deciding = /\b(runCommand|readClick|decodeClick|clickInput|openForm|formInput|validate)\b/;
    const offenders = files(join(root, 'adapters')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/import\s+(?!type\b)\{([^}]*)\}\s+from\s+['"]([^'"]*src\/chat\/[^'"]*)['"]/g)]
        .filter((m) => deciding.test((m[1] as string).replace(/\btype\s+\w+/g, '')))
        .map((m) => `${relative(root, f)} imports ${(m[1] as string).trim()} from ${m[2] as string}`),
    );
    expect(offenders).toEqual([]);
  });
});
