/** DIGEST_DELIVERY_CONCURRENCY: the digest delivery pool's size, read and checked at start-up. */
import { ConfigError, DEFAULTS, loadConfig } from '../../src/config/env';
import { problemsOf } from './problems';
import { DEFAULT_DELIVERY_CONCURRENCY } from '../../src/digest/pacing';

const SOCKET = { SLACK_BOT_TOKEN: 'xoxb-pool-bot-0001', SLACK_APP_TOKEN: 'xapp-pool-app-0001' };

test('unset or blank, the pool is 16 digests at once; a whole number from 1 to 64 is taken as given', () => {
  expect(DEFAULTS.DIGEST_DELIVERY_CONCURRENCY).toBe(16);
  expect(DEFAULT_DELIVERY_CONCURRENCY).toBe(16);
  expect(loadConfig(SOCKET).digest.deliveryConcurrency).toBe(16);
  expect(loadConfig({ ...SOCKET, DIGEST_DELIVERY_CONCURRENCY: ' ' }).digest.deliveryConcurrency).toBe(16);
  expect(loadConfig({ ...SOCKET, DIGEST_DELIVERY_CONCURRENCY: '1' }).digest.deliveryConcurrency).toBe(1);
  expect(loadConfig({ ...SOCKET, DIGEST_DELIVERY_CONCURRENCY: '64' }).digest.deliveryConcurrency).toBe(64);
});

test.each(['0', '65', '4.5', 'many', '-2'])('DIGEST_DELIVERY_CONCURRENCY=%s is refused with the range and the way out', (value) => {
  expect(problemsOf({ ...SOCKET, DIGEST_DELIVERY_CONCURRENCY: value })).toEqual([
    'DIGEST_DELIVERY_CONCURRENCY must be a whole number from 1 to 64; fix it or remove the line to use the default.',
  ]);
});
