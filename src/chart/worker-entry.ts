/**
 * Where the chart pool's worker code lives. Built, it is `render-worker.js` beside this file. Under
 * ts-jest the sources are `.ts` files that Node cannot run in a fresh thread (jest's transform does
 * not reach worker threads), so the worker starts from a small script that compiles `.ts` modules
 * with the TypeScript compiler as they are required (a development dependency, present wherever
 * tests run) and then loads the same `render-worker.ts`. Either way the worker runs the current
 * sources, never a stale build.
 */
import { join } from 'node:path';

/** The first argument and the `eval` flag for `new Worker(...)`. */
export interface WorkerEntry {
  script: string;
  evalCode: boolean;
}

/** Compiles required `.ts` files to CommonJS on the fly; then requires the entry in workerData. */
const TS_BOOTSTRAP = `
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const ts = require(require.resolve('typescript', { paths: [process.cwd(), __entryDir] }));
Module._extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(out.outputText, filename);
};
require(__entry);
`;

/** How to start the render worker from the directory this module was loaded from. */
export function renderWorkerEntry(dir: string = __dirname, compiled: boolean = __filename.endsWith('.js')): WorkerEntry {
  if (compiled) return { script: join(dir, 'render-worker.js'), evalCode: false };
  const entry = join(dir, 'render-worker.ts');
  const script = `const __entry = ${JSON.stringify(entry)}; const __entryDir = ${JSON.stringify(dir)};\n${TS_BOOTSTRAP}`;
  return { script, evalCode: true };
}
