/**
 * The README is the front door and docs/ holds the rest: every relative link (and image) in them
 * leads to a file that exists (and to a heading that exists, when it names one), the README stays
 * short, and every page and picture under docs/ is reachable from it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { headingAnchors, isExternal, markdownLinks } from './markdown';

const root = join(__dirname, '..', '..');
const docsDir = join(root, 'docs');
const pages = [join(root, 'README.md'), ...readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => join(docsDir, f))];
const read = (file: string) => readFileSync(file, 'utf8');

/** Every relative link of a page, resolved against the page's folder. */
function relativeLinks(page: string): Array<{ from: string; target: string; file: string; anchor: string | null }> {
  return markdownLinks(read(page))
    .filter((l) => !isExternal(l.target))
    .map((l) => {
      const [path = '', anchor] = l.target.split('#');
      return { from: `${relative(root, page)}:${l.line}`, target: l.target, file: path === '' ? page : resolve(dirname(page), decodeURI(path)), anchor: anchor ?? null };
    });
}

describe('README.md and docs/', () => {
  it('the README is at most 300 lines', () => {
    expect(read(join(root, 'README.md')).replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(300);
  });

  it('every relative link resolves to a file in the repository', () => {
    const broken = pages.flatMap(relativeLinks).filter((l) => !existsSync(l.file) || !l.file.startsWith(root));
    expect(broken.map((l) => `${l.from} → ${l.target}`)).toEqual([]);
  });

  it('every link to a heading names a heading of that page', () => {
    const broken = pages
      .flatMap(relativeLinks)
      .filter((l) => l.anchor !== null && existsSync(l.file) && statSync(l.file).isFile())
      .filter((l) => !headingAnchors(read(l.file)).has(l.anchor ?? ''));
    expect(broken.map((l) => `${l.from} → ${l.target}`)).toEqual([]);
  });

  it('every page under docs/ is linked from the README', () => {
    const linked = new Set(relativeLinks(join(root, 'README.md')).map((l) => l.file));
    const unlinked = pages.filter((p) => p.startsWith(docsDir) && !linked.has(p)).map((p) => relative(root, p));
    expect(unlinked).toEqual([]);
  });

  it('every picture under docs/ is shown on some page', () => {
    const shown = new Set(pages.flatMap(relativeLinks).map((l) => l.file));
    const unshown = readdirSync(docsDir)
      .filter((f) => f.endsWith('.png'))
      .map((f) => join(docsDir, f))
      .filter((f) => !shown.has(f))
      .map((f) => relative(root, f));
    expect(unshown).toEqual([]);
  });
});

describe('the link reader', () => {
  it('finds links and images in prose, not in code', () => {
    const page = ['See [a](a.md) and ![b](docs/b.png "B").', '`[c](c.md)`', '```', '[d](d.md)', '```', '<https://x.example> [e](https://e.example)'].join('\n');
    expect(markdownLinks(page)).toEqual([
      { target: 'a.md', line: 1 },
      { target: 'docs/b.png', line: 1 },
      { target: 'https://e.example', line: 6 },
    ]);
  });

  it('names headings as GitHub does', () => {
    expect([...headingAnchors('# Run several replicas\n## Privacy: `CHART_RENDERER=local`\n## 1. Create it\n## Run several replicas')]).toEqual([
      'run-several-replicas',
      'privacy-chart_rendererlocal',
      '1-create-it',
      'run-several-replicas-1',
    ]);
  });
});
