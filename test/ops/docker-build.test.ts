/**
 * The image's `npm run build` step, run on exactly the files `docker build` would send: the
 * checkout minus `.dockerignore`. Tests and benches are not in that context, so the production
 * build must not need them. The compiler's own output is shown when it fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyDockerContext, isExcluded, parseDockerignore } from './docker-context';

const root = join(__dirname, '..', '..');

describe('.dockerignore matching', () => {
  const rules = parseDockerignore('# c\nnode_modules\n*.db\n.env.*\n!.env.example\ntest\ndocs/\n');

  it('excludes folders with everything under them, root-level globs, and honours negation', () => {
    expect(isExcluded(rules, 'node_modules/zod/index.js')).toBe(true);
    expect(isExcluded(rules, 'test/ops/x.ts')).toBe(true);
    expect(isExcluded(rules, 'docs/a.md')).toBe(true);
    expect(isExcluded(rules, 'quadrants.db')).toBe(true);
    expect(isExcluded(rules, 'data/nested.db')).toBe(false);
    expect(isExcluded(rules, '.env.local')).toBe(true);
    expect(isExcluded(rules, '.env.example')).toBe(false);
    expect(isExcluded(rules, 'src/test.ts')).toBe(false);
  });
});

describe('the Docker build context', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds with tsc -p tsconfig.build.json and produces dist/app/main.js', () => {
    dir = mkdtempSync(join(tmpdir(), 'quadrants-context-'));
    const copied = copyDockerContext(root, dir);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'tsconfig.build.json', 'app/main.ts']));
    expect(copied.some((p) => p.startsWith('test/'))).toBe(false);
    // The image installs its own node_modules; a link to this checkout's is the same set of packages.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir, encoding: 'utf8', timeout: 170_000 });
    // On failure the assertion message carries the compiler's errors.
    expect({ status: run.status, output: `${run.stdout}${run.stderr}`.slice(0, 4000) }).toEqual({ status: 0, output: '' });
    expect(existsSync(join(dir, 'dist', 'app', 'main.js'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'src', 'ops', 'probe.js'))).toBe(true);
  }, 180_000);
});
