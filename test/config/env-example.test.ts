import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ENV_VARIABLES, hasChatPlatform, loadConfig } from '../../src/config/env';

const text = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');

describe('.env.example', () => {
  it('lists every variable the schema reads, each right after a one-line explanation', () => {
    const lines = text.split('\n');
    for (const name of ENV_VARIABLES) {
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect({ name, found: at >= 0 }).toEqual({ name, found: true });
      expect(lines[at - 1]).toMatch(/^# \S/);
    }
    const listed = lines.filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]);
    expect(listed.sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('is a valid configuration as shipped, with no platform and demo data', () => {
    const config = loadConfig(parseEnv(text));
    expect(hasChatPlatform(config)).toBe(false);
    expect(config.tikliveapi.key).toBeUndefined();
  });

  it('says that an empty TIKLIVEAPI_KEY means demo data', () => {
    expect(text).toMatch(/Leave empty to answer from the bundled demo creators/);
  });
});
