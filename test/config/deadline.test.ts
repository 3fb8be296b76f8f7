/**
 * COMMAND_DEADLINE_MS: how long one command may take in total, validated like the other numbers.
 */
import { ConfigError, DEFAULTS, loadConfig } from '../../src/config/env';
import { DEFAULT_COMMAND_DEADLINE_MS } from '../../src/service';

const DISCORD = { DISCORD_TOKEN: 'deadline-test-discord-01', DISCORD_APPLICATION_ID: '123456789012345678' };

describe('COMMAND_DEADLINE_MS', () => {
  it('defaults to 20 seconds, the same default the service uses', () => {
    expect(loadConfig({ ...DISCORD }).commandDeadlineMs).toBe(20_000);
    expect(DEFAULTS.COMMAND_DEADLINE_MS).toBe(DEFAULT_COMMAND_DEADLINE_MS);
  });

  it('reads whole milliseconds', () => {
    expect(loadConfig({ ...DISCORD, COMMAND_DEADLINE_MS: '45000' }).commandDeadlineMs).toBe(45_000);
  });

  it.each(['20s', '-1', '999', '600001', '1.5'])('refuses %p with one sentence naming the variable', (value) => {
    let caught: unknown;
    try {
      loadConfig({ ...DISCORD, COMMAND_DEADLINE_MS: value });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual(['COMMAND_DEADLINE_MS must be a whole number from 1000 to 600000; fix it or remove the line to use the default.']);
  });
});
