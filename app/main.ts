/**
 * `npm start`: the long-running bot. All the logic lives in src/ops/run.ts (testable with fakes);
 * this file only connects it to the real process and the real components (app/wiring.ts).
 */
// Before anything requires zod: its unused locales stay unloaded (see src/zod-locales.ts).
(require('../src/zod-locales') as typeof import('../src/zod-locales')).deferZodLocales();
// A heap that grows to half again what it holds, not four times, while a digest pass allocates fast.
(require('../src/ops/heap') as typeof import('../src/ops/heap')).boundHeapGrowth();

import type { AppDeps } from '../src/ops/app';
import { main } from '../src/ops/run';

/**
 * Loaded only once the configuration is valid: `npm start` with nothing set answers at once,
 * without loading the chat SDKs, and a configuration error is reported even if a component is broken.
 */
function loadRealDeps(): AppDeps {
  const wiring = require('./wiring') as typeof import('./wiring');
  return wiring.createRealDeps();
}

if (require.main === module) {
  main(
    process.argv.slice(2),
    process.env,
    {
      stdout: (text) => process.stdout.write(text + '\n'),
      stderr: (text) => process.stderr.write(text + '\n'),
      on: (signal, handler) => process.on(signal, handler),
      exit: (code) => process.exit(code),
      onCrash: (handler) => {
        process.on('unhandledRejection', (reason) => handler('unhandledRejection', reason));
        process.on('uncaughtException', (err) => handler('uncaughtException', err));
      },
    },
    loadRealDeps,
  ).then(
    (result) => {
      // Nothing is running (never started, or unwound after a failure): exit with the documented code.
      if (result.code !== null) process.exit(result.code);
    },
    (err: unknown) => {
      process.stderr.write(`quadrants: unexpected start-up failure (${err instanceof Error ? err.name : 'error'}).\n`);
      process.exit(1);
    },
  );
}
