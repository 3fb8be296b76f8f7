/**
 * Slack distribution (OAuth) and Discord shard settings: read together, refused with one sentence
 * that names what is missing or wrong, and never echoing a secret.
 */
import { ConfigError, loadConfig } from '../../src/config/env';
import { problemsOf } from './problems';
import { configSummary } from '../../src/config/usage';
import { redact } from '../../src/log';

const OAUTH = {
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'dist-client-secret-0001',
  SLACK_STATE_SECRET: 'dist-state-secret-0001',
  SLACK_SIGNING_SECRET: 'dist-signing-0001',
};
const DISCORD = { DISCORD_TOKEN: 'dist-discord-token-0001', DISCORD_APPLICATION_ID: '123456789012345678' };

describe('Slack distribution settings', () => {
  it('selects OAuth mode when all three are set with the signing secret', () => {
    const c = loadConfig({ ...OAUTH, SLACK_API_URL: 'http://127.0.0.1:9/api' });
    expect(c.slack).toEqual({
      mode: 'oauth',
      oauth: { clientId: '1111.2222', clientSecret: 'dist-client-secret-0001', stateSecret: 'dist-state-secret-0001' },
      signingSecret: 'dist-signing-0001',
      apiUrl: 'http://127.0.0.1:9/api/',
      managers: [],
    });
    expect(configSummary(c).slack).toBe('HTTP mode, distributed (OAuth)');
  });

  it('registers the client and state secrets with the logger', () => {
    loadConfig(OAUTH);
    expect(redact('a dist-client-secret-0001 b dist-state-secret-0001')).toBe('a [redacted] b [redacted]');
  });

  it('names exactly what is missing when only some are set, in one sentence', () => {
    expect(problemsOf({ SLACK_CLIENT_ID: '1111.2222', SLACK_SIGNING_SECRET: 's-0002' })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_ID is set but SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing: .*needs all three/),
    ]);
    expect(problemsOf({ SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'dist-secret-0003' })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set but SLACK_STATE_SECRET is missing: /),
    ]);
    const problems = problemsOf({ SLACK_STATE_SECRET: 'dist-state-0004' });
    expect(problems).toEqual([expect.stringMatching(/^SLACK_STATE_SECRET is set but SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are missing/)]);
    expect(problems.join(' ')).not.toContain('dist-state-0004');
  });

  it('needs the signing secret, and refuses a single-workspace token beside it', () => {
    const { SLACK_SIGNING_SECRET: _unused, ...noSigning } = OAUTH;
    expect(problemsOf(noSigning)).toEqual([expect.stringMatching(/needs SLACK_SIGNING_SECRET too/)]);
    expect(problemsOf({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-dist-0005', SLACK_APP_TOKEN: 'xapp-dist-0005' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN and SLACK_APP_TOKEN cannot be used with SLACK_CLIENT_ID/),
    ]);
  });

  it('leaves the single-token modes as they were', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-dist-0006', SLACK_SIGNING_SECRET: 's-0006' }).slack?.mode).toBe('http');
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's-0007' })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is missing/)]);
  });
});

describe('Discord shard settings', () => {
  it('defaults to Discord recommending the count and every shard running here', () => {
    const d = loadConfig(DISCORD).discord;
    expect(d?.shardCount).toBeUndefined();
    expect(d?.shardIds).toBeUndefined();
  });

  it('reads a count and ids with ranges, sorted and without duplicates', () => {
    const d = loadConfig({ ...DISCORD, DISCORD_SHARD_COUNT: '8', DISCORD_SHARD_IDS: ' 5, 0-2,1 ,6-7' }).discord;
    expect(d).toMatchObject({ shardCount: 8, shardIds: [0, 1, 2, 5, 6, 7] });
  });

  it('refuses ids outside the count, naming them and the range', () => {
    expect(problemsOf({ ...DISCORD, DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1-3' })).toEqual([
      'DISCORD_SHARD_IDS names shard 2, 3, but DISCORD_SHARD_COUNT is 2, so shard ids run from 0 to 1; fix one of the two.',
    ]);
  });

  it.each(['a', '1,', '3-1', '-1', '0-100000'])('refuses the malformed list %j with one sentence', (ids) => {
    expect(problemsOf({ ...DISCORD, DISCORD_SHARD_IDS: ids })).toEqual([expect.stringMatching(/^DISCORD_SHARD_IDS must be shard ids separated by commas/)]);
  });

  it('refuses a count of zero', () => {
    expect(problemsOf({ ...DISCORD, DISCORD_SHARD_COUNT: '0' })).toEqual([expect.stringMatching(/^DISCORD_SHARD_COUNT must be a whole number from 1/)]);
  });
});
