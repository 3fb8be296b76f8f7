/**
 * The operations guide (docs/operations.md) stays true to the code: the start-up message, every
 * variable and every default.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS, ENV_VARIABLES } from '../../src/config/env';
import { NOTHING_TO_START } from '../../src/config/usage';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'operations.md'), 'utf8');
const tableRows = new Map(
  doc
    .split('\n')
    .filter((l) => /^\| `[A-Z_]+` \|/.test(l))
    .map((l) => [/`([A-Z_]+)`/.exec(l)?.[1] ?? '', l] as const),
);

describe('docs/operations.md', () => {
  it('shows the exact message `npm start` prints with nothing configured', () => {
    expect(doc).toContain(NOTHING_TO_START);
  });

  it('has a configuration row for every variable, with its default', () => {
    expect([...tableRows.keys()].sort()).toEqual([...ENV_VARIABLES].sort());
    for (const [name, value] of Object.entries(DEFAULTS)) {
      expect({ name, row: tableRows.get(name)?.includes(`\`${value}\``) }).toEqual({ name, row: true });
    }
  });
});
