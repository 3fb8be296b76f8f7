/**
 * TIKLIVEAPI_KEY with whitespace in it (a copy-paste that caught a space or a line break) is
 * refused at start-up: exit 2 and one sentence naming the variable, never the value.
 */
import { ConfigError, loadConfig } from '../../src/config/env';
import { problemsOf } from './problems';
import { EXIT_CONFIG, main } from '../../src/ops/run';
import { fakeIo, fakeWorld } from '../ops/helpers';

const DISCORD = { DISCORD_TOKEN: 'key-test-discord-token-01', DISCORD_APPLICATION_ID: '123456789012345678', PORT: '0' };

describe('TIKLIVEAPI_KEY', () => {
  it.each([
    ['a space inside', 'tla-key part-two'],
    ['a line break inside', 'tla-key\npart-two'],
    ['a tab inside', 'tla-key\tpart-two'],
    ['a trailing space', 'tla-key-part-two '],
    ['a leading line break', '\ntla-key-part-two'],
  ])('is refused with %s, naming the variable and never the value', (_what, key) => {
    const problems = problemsOf({ ...DISCORD, TIKLIVEAPI_KEY: key });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TIKLIVEAPI_KEY /);
    expect(problems[0]).toMatch(/space|line break/);
    expect(problems[0]).not.toContain('part-two');
    expect(problems[0]).not.toContain('tla-key');
  });

  it('is refused when it is not plain ASCII, also without echoing it', () => {
    const problems = problemsOf({ ...DISCORD, TIKLIVEAPI_KEY: 'tla-kéy-part-two' });
    expect(problems).toEqual([expect.stringMatching(/^TIKLIVEAPI_KEY must be the key exactly as/)]);
    expect(problems[0]).not.toContain('part-two');
  });

  it('is still unset when blank, and accepted when it is one unbroken value', () => {
    expect(loadConfig({ ...DISCORD, TIKLIVEAPI_KEY: '   ' }).tikliveapi.key).toBeUndefined();
    expect(loadConfig({ ...DISCORD, TIKLIVEAPI_KEY: 'tla-key-part-two' }).tikliveapi.key).toBe('tla-key-part-two');
  });

  it('makes npm start exit 2 with one line for it, before anything starts', async () => {
    const world = fakeWorld();
    const io = fakeIo();
    const result = await main([], { ...DISCORD, TIKLIVEAPI_KEY: 'tla-key part-two' }, io, () => world.deps);
    // Should it have started after all, stop it so the failure is reported instead of a hang.
    if (result.app) await result.app.shutdown('test');
    expect(result.code).toBe(EXIT_CONFIG);
    expect(world.factoryCalls).toBe(0);
    const text = io.err.join('\n');
    expect(text.split('\n').filter((l) => l.includes('TIKLIVEAPI_KEY'))).toHaveLength(1);
    expect(text).not.toContain('part-two');
  });
});
