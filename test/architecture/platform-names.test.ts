/**
 * src/platforms.ts is the only place a platform's name is spelled: everything else reads SLACK,
 * DISCORD, CLI, PLATFORM_NAMES or the table, so adding a platform cannot miss a copy.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { files, root } from './source-files';

/**
 * Spellings that are not (only) a platform's name: the key of a configuration section, and the
 * /readyz component names, a public JSON field the operations docs are checked against.
 */
const NOT_A_NAME = [/Config\['slack'\]/, /readiness\.add\('(slack|discord)'/];

describe('platform names', () => {
  it('are spelled only in src/platforms.ts', () => {
    const offenders = ['src', 'adapters', 'app'].flatMap((dir) =>
      files(join(root, dir))
        .filter((f) => relative(root, f) !== join('src', 'platforms.ts'))
        .flatMap((f) =>
          readFileSync(f, 'utf8')
            .split('\n')
            .map((line, i) => ({ line, at: `${relative(root, f)}:${i + 1}` }))
            // Comments may name a platform; code may not.
            .filter(({ line }) => !/^\s*(\*|\/\/|\/\*)/.test(line))
            .filter(({ line }) => /'(slack|discord|cli)'/.test(NOT_A_NAME.reduce((l, re) => l.replace(re, ''), line)))
            .map(({ at, line }) => `${at}: ${line.trim()}`),
        ),
    );
    expect(offenders).toEqual([]);
  });
});
