/**
 * zod's index loads every one of its 40-odd message locales (its `z.locales` export) while only
 * English is ever configured: about 40% of the time `require('zod')` takes, 30–50 ms that a cold
 * `quadrants report` pays before its first upstream request, and memory the bot holds for nothing.
 * `deferZodLocales()` puts a stand-in for that one file in the module cache: zod's own English
 * messages load as before, and the real locales load on first use of `z.locales`, if ever.
 */
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';

/** Call before anything requires zod (the bins' first lines). Does nothing when zod's layout is not the one expected. */
export function deferZodLocales(): void {
  try {
    const file = join(dirname(require.resolve('zod')), 'v4', 'locales', 'index.cjs');
    if (!existsSync(file) || require.cache[file]) return;
    let real: Record<PropertyKey, unknown> | undefined;
    const load = (): Record<PropertyKey, unknown> => {
      if (!real) {
        delete require.cache[file];
        real = require(file) as Record<PropertyKey, unknown>;
      }
      return real;
    };
    const stand = new Module(file);
    stand.filename = file;
    stand.loaded = true;
    // `__esModule` answers without loading: zod's `__importStar` then keeps this proxy as the namespace.
    stand.exports = new Proxy({}, {
      get: (_, key) => (key === '__esModule' ? true : load()[key]),
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => Object.getOwnPropertyDescriptor(load(), key),
    });
    require.cache[file] = stand;
  } catch {
    // Only an optimisation: zod then loads exactly as it would have.
  }
}
