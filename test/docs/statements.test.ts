/**
 * Statements the README and docs/ make about the code, checked against the code: the set-up
 * commands CI runs, the `--json` fields, the manifest's interactivity, the /readyz body, the
 * Compose file, and that the digest commands are described in one place.
 */
import { DISCORD, SLACK } from '../../src/platforms';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleCompare, samplePlacement, sampleReport } from '../../src/chart/samples';
import { Readiness } from '../../src/ops/readiness';
import { compareToJson, placementToJson, reportToJson } from '../../src/render/json';

const root = join(__dirname, '..', '..');
const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');
const readme = read('README.md');
const docPages = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'));

/** The section of a page under `## title`, up to the next `## ` heading. */
function section(text: string, title: string): string {
  return text.split(`\n## ${title}\n`)[1]?.split('\n## ')[0] ?? '';
}

describe('the set-up commands', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const commands = firstBlock
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');

  it('are the README\'s first code block: the demo on the bundled data, then the tests', () => {
    expect(readme.indexOf('```sh')).toBe(readme.indexOf('```'));
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });

  it('CI runs exactly the README\'s test command', () => {
    const ciCommands = read('.ci', 'run').split('\n').map((l) => l.trim());
    expect(ciCommands).toContain(commands[1]);
  });

  it('the README names the PostgreSQL the tests use, and what happens without it', () => {
    const { TEST_DATABASE_URL } = jest.requireActual<typeof import('../store/pg-helpers')>('../store/pg-helpers');
    const defaultUrl = process.env.TEST_DATABASE_URL?.trim() ? null : TEST_DATABASE_URL;
    if (defaultUrl !== null) expect(readme).toContain(`\`${defaultUrl}\``);
    expect(readme).toContain('`REQUIRE_POSTGRES=1`');
    expect(readme).toMatch(/skipped/);
  });
});

describe('docs/commands.md: the --json fields', () => {
  const formats = section(read('docs', 'commands.md'), 'Output formats');
  const named = (key: string) => new RegExp(`\\b${key}\\b`).test(formats);

  it('names every field of a report, of its posts, of a comparison and of a placement', () => {
    const report = reportToJson(sampleReport(10));
    const keys = [
      ...Object.keys(report),
      ...Object.keys(report.posts[0] ?? {}),
      ...Object.keys(report.creator),
      ...Object.keys(report.window),
      ...Object.keys(report.medians),
      ...Object.keys(compareToJson(sampleCompare(10, 2))),
      ...Object.keys(compareToJson(sampleCompare(10, 2)).creators[0] ?? {}),
      ...Object.keys(placementToJson(samplePlacement())),
    ];
    expect([...new Set(keys)].filter((k) => !named(k))).toEqual([]);
  });
});

describe('docs/slack.md: the manifest', () => {
  it('says interactivity is on exactly when the manifest turns it on', () => {
    const on = /\n\s+interactivity:\n\s+is_enabled: true\n/.test(read('manifest.yml'));
    const guide = read('docs', 'slack.md');
    expect({ on, saysOff: /interactivity is off/i.test(guide) }).toEqual({ on, saysOff: !on });
  });
});

describe('docs/operations.md: /readyz and Compose', () => {
  const ops = read('docs', 'operations.md');

  it('shows a /readyz body with the fields the server sends', () => {
    const example = /GET \/readyz[\s\S]*?```json\n([\s\S]*?)```/.exec(ops)?.[1] ?? '{}';
    const shown = JSON.parse(example) as Record<string, unknown> & { lastUpstreamError: Record<string, unknown> };
    const readiness = new Readiness();
    readiness.recordUpstreamError(new Error('boom'));
    const snapshot = readiness.snapshot();
    const served = { ok: snapshot.ready, ...snapshot };
    expect(Object.keys(shown).sort()).toEqual(Object.keys(served).sort());
    expect(Object.keys(shown.lastUpstreamError).sort()).toEqual(Object.keys(snapshot.lastUpstreamError ?? {}).sort());
  });

  it('names the components /readyz can list, as the app registers them', () => {
    // A platform's check is named by its constant from the platforms table.
    const PLATFORM_CONSTANTS: Record<string, string> = { SLACK, DISCORD };
    const registered = [...read('src', 'ops', 'app.ts').matchAll(/readiness\.add(?:Probe)?\((?:'([a-z]+)'|([A-Z]+),)/g)].map((m) => m[1] ?? PLATFORM_CONSTANTS[m[2] ?? '']);
    const example = /GET \/readyz[\s\S]*?```json\n([\s\S]*?)```/.exec(ops)?.[1] ?? '{}';
    expect(Object.keys((JSON.parse(example) as { components: object }).components).sort()).toEqual([...registered].sort());
  });

  it('holds no Compose file of its own: docker-compose.yml is the one, with the ports it names', () => {
    const pages = [readme, ...docPages.map((p) => read('docs', p))];
    expect(pages.filter((p) => /```ya?ml\n[\s\S]*?\bservices:/.test(p))).toEqual([]);
    const compose = read('docker-compose.yml');
    for (const port of ['3001', '3002']) {
      expect(compose).toContain(`"${port}:3000"`);
      expect(ops).toContain(port);
    }
  });
});

describe('the digest commands', () => {
  it('are described in docs/digests.md and nowhere else', () => {
    const syntax = '/quadrants subscribe @creator [#channel]';
    const pages = { 'README.md': readme, ...Object.fromEntries(docPages.map((p) => [`docs/${p}`, read('docs', p)])) };
    expect(Object.entries(pages).filter(([, text]) => text.includes(syntax)).map(([name]) => name)).toEqual(['docs/digests.md']);
    expect(readme).toContain('(docs/digests.md)');
  });
});
