/**
 * Bolt, the Web API client and the Socket Mode client log through this bridge into our
 * structured logger. Their debug output (request bodies, headers) is dropped at the source;
 * everything else passes through our logger, which scrubs every registered secret.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { sdkMessage as text, type Logger } from '../../src/log';

/** A Bolt-compatible logger that forwards info and above to `logger` as `slack.sdk` events. */
export function boltLogger(logger: Logger): BoltLogger {
  let name = 'bolt';
  return {
    // Debug lines from the SDK carry request bodies: never forward them.
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.debug('slack.sdk', { source: name, message: text(msg) }),
    warn: (...msg: unknown[]) => logger.warn('slack.sdk', { source: name, message: text(msg) }),
    error: (...msg: unknown[]) => logger.error('slack.sdk', { source: name, message: text(msg) }),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: (n: string) => {
      name = n;
    },
  };
}
