// Builds the TypeScript sources after `npm ci`, so `npm run demo` works on a fresh clone.
// A production install (`npm ci --omit=dev`) has no compiler; it ships a prebuilt dist/ instead.
const { execFileSync } = require('node:child_process');

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
