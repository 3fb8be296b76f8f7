/**
 * Static checks of the Dockerfile (no Docker engine runs here; scripts/docker-steps.sh runs its steps).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

/** Instructions with continuation lines joined and comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [op = '', ...rest] = l.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(' ') };
  });

const stages = instructions.filter((i) => i.op === 'FROM');
const finalStage = instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM'));
const all = (op: string) => instructions.filter((i) => i.op === op).map((i) => i.args);
const inFinal = (op: string) => finalStage.filter((i) => i.op === op).map((i) => i.args);

describe('Dockerfile', () => {
  it('is multi-stage on node:24-bookworm-slim (Node 24 LTS)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(all('ARG')).toContain('NODE_IMAGE=node:24-bookworm-slim');
    for (const s of stages) expect(s.args).toMatch(/^\$\{NODE_IMAGE\} AS [a-z-]+$/);
  });

  it('builds with dev dependencies and runs with production dependencies only', () => {
    const runs = all('RUN').join('\n');
    expect(runs).toMatch(/npm ci --omit=dev/);
    expect(runs).toMatch(/npm ci --ignore-scripts/);
    expect(runs).toMatch(/npm run build/);
    expect(runs).toMatch(/python3 make g\+\+/);
    expect(inFinal('COPY')).toEqual(
      expect.arrayContaining(['--from=prod-deps /app/node_modules ./node_modules', '--from=build /app/dist ./dist']),
    );
    // No install or compile in the runtime image.
    expect(inFinal('RUN').join('\n')).not.toMatch(/npm|apt-get/);
  });

  it('runs as a non-root user with the store folder as a volume', () => {
    const user = inFinal('USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(inFinal('VOLUME')).toEqual(['["/app/data"]']);
    expect(inFinal('ENV').join(' ')).toContain('DATABASE_URL=/app/data/quadrants.db');
    expect(finalStage.findIndex((i) => i.op === 'USER')).toBeLessThan(finalStage.findIndex((i) => i.op === 'CMD'));
  });

  it('runs node under tini as PID 1, copied from the stage that already uses apt-get', () => {
    expect(all('RUN').join('\n')).toMatch(/apt-get install -y --no-install-recommends [^\n]*\btini\b/);
    expect(inFinal('COPY')).toContain('--from=prod-deps /usr/bin/tini /usr/bin/tini');
    const entry = inFinal('ENTRYPOINT');
    expect(entry).toHaveLength(1);
    expect(JSON.parse(entry[0] as string)).toEqual(['/usr/bin/tini', '-s', '--']);
  });

  it('cites only files that exist', () => {
    for (const m of dockerfile.matchAll(/\b((?:docs|scripts)\/[\w./-]+\.(?:md|sh))\b/g)) expect(existsSync(join(root, m[1] as string))).toBe(true);
    expect(dockerfile).not.toMatch(/platforms\.md/);
  });

  it('checks /healthz with node, exposes 3000 and starts like npm start, with source maps', () => {
    const hc = inFinal('HEALTHCHECK');
    expect(hc).toHaveLength(1);
    expect(hc[0]).toContain('CMD ["node", "dist/src/ops/probe.js"]');
    expect(hc[0]).not.toMatch(/curl|wget/);
    expect(inFinal('EXPOSE')).toEqual(['3000']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
    // The command of npm start after its environment, which the image sets with ENV.
    const [envPart, command] = /^((?:[A-Z_]+=\S+ )*)(node .*)$/.exec(pkg.scripts.start)?.slice(1) ?? [];
    expect(inFinal('CMD')).toEqual([JSON.stringify((command ?? '').split(' ')).replace(/","/g, '", "')]);
    for (const assignment of (envPart ?? '').trim().split(' ')) expect(dockerfile).toContain(`    ${assignment} \\`);
    // A small young generation and glibc handing large freed blocks back keep the idle bot under 100 MB RSS (see the bench's startup rows).
    expect(pkg.scripts.start).toBe('MALLOC_MMAP_THRESHOLD_=131072 node --enable-source-maps --max-semi-space-size=2 dist/app/main.js');
  });

  it('keeps secrets, local state and build output out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', 'node_modules', 'dist', 'data', '.git', '*.db', 'test', 'bench']) expect(ignored).toContain(entry);
  });
});

describe('scripts/docker-steps.sh', () => {
  const script = readFileSync(join(root, 'scripts', 'docker-steps.sh'), 'utf8');

  it('stops at the first failing step and never hides a command failure', () => {
    expect(script).toMatch(/^set -euo pipefail$/m);
    // `cmd || echo …` or `|| true` would turn a failed build into a pass; only cleanup may ignore kill errors.
    const swallowing = script.split('\n').filter((l) => /\|\|\s*(echo|true|:)\b/.test(l) && !/\bkill\b/.test(l));
    expect(swallowing).toEqual([]);
    expect(script).not.toMatch(/npm run build --silent/);
  });

  it('starts the bot the way the image does', () => {
    expect(script).toContain('MALLOC_MMAP_THRESHOLD_=131072 node --enable-source-maps --max-semi-space-size=2 dist/app/main.js');
    expect(script).not.toMatch(/platforms\.md/);
  });
});
