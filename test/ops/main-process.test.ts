/**
 * `npm start` as a real process (node dist/app/main.js; `npm test` builds first).
 * Each run happens in an empty folder so no developer .env leaks in.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTHING_TO_START } from '../../src/config/usage';

const entry = join(__dirname, '..', '..', 'dist', 'app', 'main.js');

function run(env: Record<string, string>, cwd: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('node dist/app/main.js', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error('dist/app/main.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quadrants-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('with nothing set prints what to set and how to try the demo, and exits 2', async () => {
    const r = await run({}, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${NOTHING_TO_START}\n`);
    expect(r.stdout).toBe('');
  });

  it('reads .env and names the missing partner of a half-configured platform, exiting 2', async () => {
    writeFileSync(join(dir, '.env'), 'SLACK_BOT_TOKEN=xoxb-proc-secret-0001\n');
    const r = await run({}, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN is set but Slack needs a second value: set SLACK_APP_TOKEN/);
    expect(r.stderr + r.stdout).not.toContain('xoxb-proc-secret-0001');
  });

  it('lists malformed values and exits 2 before starting anything', async () => {
    const r = await run({ DISCORD_TOKEN: 'proc-token-0002', DISCORD_APPLICATION_ID: '1', PORT: '99999', TIKLIVEAPI_BASE_URL: 'nope' }, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT must be a whole number from 0 to 65535');
    expect(r.stderr).toContain('TIKLIVEAPI_BASE_URL must be a full http(s) URL');
    expect(r.stdout).toBe(''); // no log line: nothing was started
  });
});
