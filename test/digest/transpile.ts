/**
 * Turns a TypeScript entry and every relative module it imports into plain CommonJS in a folder,
 * so a test can start it as a real child process (`node out/entry.js`) without a build step.
 * Packages resolve from the repository's node_modules through NODE_PATH.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Transpiles `entry` (repo-relative .ts) and its relative imports into `outDir`; returns the .js path. */
export function transpileTree(entry: string, outDir: string): string {
  const seen = new Set<string>();
  const queue = [path.resolve(REPO_ROOT, entry)];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const target = path.join(outDir, path.relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out);
    // Imports come out as require("…"); lazy loads written as require('…') in the source keep their quotes.
    for (const m of out.matchAll(/require\((["'])(\.{1,2}\/[^"']+)\1\)/g)) {
      const spec = m[2] as string;
      const resolved = path.resolve(path.dirname(file), spec);
      const candidate = [`${resolved}.ts`, path.join(resolved, 'index.ts')].find((c) => fs.existsSync(c));
      if (candidate) queue.push(candidate);
    }
  }
  return path.join(outDir, entry).replace(/\.ts$/, '.js');
}

/** Environment for a child that needs the repo's packages. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), ...extra };
}
