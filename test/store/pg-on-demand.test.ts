/**
 * The bot on SQLite never loads pg (a few MB it would hold for nothing, see the bench's idle RSS
 * rows); a postgres:// URL still gets the PostgreSQL store. Runs the built code in a child
 * process, where require.cache shows what was really loaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../cli/helpers';

const built = ensureBuilt();
const DIST = join(__dirname, '..', '..', 'dist');

/** Runs `script` in a fresh node with DIST set; returns what it printed. */
function inChild(script: string, dir: string): string {
  return execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', DIST, DIR: dir }, encoding: 'utf8', timeout: 20_000 });
}

const PG_LOADED = "Object.keys(require.cache).some((f) => /node_modules\\/pg\\//.test(f))";

describe('pg on demand', () => {
  let dir: string;
  beforeAll(() => {
    if (!built) throw new Error('dist/ could not be built; run `npm run build` to see why.');
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'quadrants-pg-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a SQLite store, with the composition root loaded, without loading pg', () => {
    const out = inChild(
      `require(process.env.DIST + '/app/wiring.js');
       const { openStore } = require(process.env.DIST + '/src/store');
       const store = openStore(require('node:path').join(process.env.DIR, 'q.db'));
       store.close();
       process.stdout.write(JSON.stringify({ engine: store.constructor.name, pg: ${PG_LOADED} }));`,
      dir,
    );
    expect(JSON.parse(out)).toEqual({ engine: 'SqliteStore', pg: false });
  });

  it('still builds the PostgreSQL store for a postgres:// URL', () => {
    const out = inChild(
      `const { openStore } = require(process.env.DIST + '/src/store');
       const store = openStore('postgres://127.0.0.1:1/none');
       process.stdout.write(JSON.stringify({ engine: store.constructor.name, pg: ${PG_LOADED} }));
       store.close().catch(() => undefined).finally(() => process.exit(0));`,
      dir,
    );
    expect(JSON.parse(out)).toEqual({ engine: 'PostgresStore', pg: true });
  });
});
