/**
 * The files `docker build .` would send: the checkout minus what `.dockerignore` excludes.
 *
 * Docker matches each pattern against the path relative to the context root (a `*` never
 * crosses a `/`, `**` does), a pattern that matches a folder excludes everything under it,
 * and the last matching line wins, so a `!pattern` can bring a path back.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Rule {
  negate: boolean;
  re: RegExp;
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Parses `.dockerignore` text into ordered rules. */
export function parseDockerignore(text: string): Rule[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\.?\/+/, '').replace(/\/+$/, '');
      return { negate, re: globToRegExp(pattern) };
    });
}

/** True when `.dockerignore` keeps `relPath` (slash-separated, relative to the root) out of the context. */
export function isExcluded(rules: Rule[], relPath: string): boolean {
  const parts = relPath.split('/');
  let excluded = false;
  for (const rule of rules) {
    // A rule that matches any ancestor folder matches the path too.
    for (let n = 1; n <= parts.length; n++) {
      if (rule.re.test(parts.slice(0, n).join('/'))) {
        excluded = !rule.negate;
        break;
      }
    }
  }
  return excluded;
}

/** Copies the build context of `root` into `dest`; returns the relative paths copied. */
export function copyDockerContext(root: string, dest: string): string[] {
  const rules = parseDockerignore(readFileSync(join(root, '.dockerignore'), 'utf8'));
  const copied: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const excluded = isExcluded(rules, path);
      if (entry.isDirectory()) {
        // A `!` rule may re-include something under an excluded folder, so only skip
        // folders no negation could reach (the common case: node_modules, .git, test).
        if (excluded && !rules.some((r) => r.negate && r.re.source.startsWith(`^${path.replace(/[.]/g, '\\.')}/`))) continue;
        walk(path);
      } else if (!excluded) {
        mkdirSync(join(dest, rel), { recursive: true });
        cpSync(join(root, path), join(dest, path));
        copied.push(path);
      }
    }
  };
  walk('');
  return copied;
}
