/** The problems loadConfig refuses `env` with; fails the test when it does not refuse. */
import { ConfigError, loadConfig } from '../../src/config/env';

export function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
