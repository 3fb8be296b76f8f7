import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULTS, hasChatPlatform, loadConfig } from '../../src/config/env';
import { problemsOf } from './problems';
import { withDotEnv } from '../../src/config/dotenv';
import { redact } from '../../src/log';

const SOCKET = { SLACK_BOT_TOKEN: 'xoxb-cfg-bot-0001', SLACK_APP_TOKEN: 'xapp-cfg-app-0001' };

describe('loadConfig: values and defaults', () => {
  it('applies every documented default', () => {
    const c = loadConfig({ ...SOCKET });
    expect(c.tikliveapi).toEqual({ baseUrl: 'https://api.tikliveapi.com', requestsPerMinute: 200, cacheTtlMs: 600_000 });
    expect(c.tikliveapi.key).toBeUndefined();
    expect(c.quickchartBaseUrl).toBe('https://quickchart.io');
    expect(c.database.url).toBe('./data/quadrants.db');
    expect(c.digest.timezone).toBe('UTC');
    expect(c.port).toBe(3000);
    expect(c.logLevel).toBe('info');
    expect(c.limits).toEqual({ perUserPerMinute: DEFAULTS.REPORTS_PER_USER_PER_MINUTE, perTeamPerMinute: DEFAULTS.REPORTS_PER_TEAM_PER_MINUTE });
    expect(c.minViews).toBe(1);
    expect(c.discord).toBeUndefined();
  });

  it('reads every variable into the nested config', () => {
    const c = loadConfig({
      TIKLIVEAPI_KEY: 'tla-cfg-key-0001',
      TIKLIVEAPI_BASE_URL: 'http://127.0.0.1:9000/',
      TIKLIVEAPI_REQUESTS_PER_MINUTE: '50',
      SLACK_BOT_TOKEN: 'xoxb-cfg-bot-0002',
      SLACK_SIGNING_SECRET: 'cfg-signing-0002',
      SLACK_API_URL: 'http://127.0.0.1:9001/api',
      DISCORD_TOKEN: 'cfg-discord-token-0002',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9002/api',
      QUICKCHART_BASE_URL: 'http://127.0.0.1:9003',
      DATABASE_URL: '/tmp/q.db',
      DIGEST_TIMEZONE: 'Europe/Berlin',
      PORT: '8080',
      LOG_LEVEL: 'DEBUG',
      REPORTS_PER_USER_PER_MINUTE: '3',
      REPORTS_PER_TEAM_PER_MINUTE: '30',
      CACHE_TTL_SECONDS: '0',
      MIN_VIEWS: '100',
    });
    expect(c.tikliveapi).toEqual({ key: 'tla-cfg-key-0001', baseUrl: 'http://127.0.0.1:9000', requestsPerMinute: 50, cacheTtlMs: 0 });
    expect(c.slack).toEqual({ mode: 'http', botToken: 'xoxb-cfg-bot-0002', signingSecret: 'cfg-signing-0002', apiUrl: 'http://127.0.0.1:9001/api/', managers: [] });
    expect(c.discord).toEqual({
      token: 'cfg-discord-token-0002',
      applicationId: '123456789012345678',
      guildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:9002/api',
    });
    expect(c.quickchartBaseUrl).toBe('http://127.0.0.1:9003');
    expect(c.database.url).toBe('/tmp/q.db');
    expect(c.digest.timezone).toBe('Europe/Berlin');
    expect(c.port).toBe(8080);
    expect(c.logLevel).toBe('debug');
    expect(c.limits).toEqual({ perUserPerMinute: 3, perTeamPerMinute: 30 });
    expect(c.minViews).toBe(100);
  });

  it('uses Socket Mode when the app token is set, even with a signing secret', () => {
    const c = loadConfig({ ...SOCKET, SLACK_SIGNING_SECRET: 'cfg-signing-0003' });
    expect(c.slack).toEqual({ mode: 'socket', botToken: SOCKET.SLACK_BOT_TOKEN, appToken: SOCKET.SLACK_APP_TOKEN, managers: [] });
  });

  it('treats blank lines as unset and knows when nothing is configured', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', PORT: '', TIKLIVEAPI_KEY: '' });
    expect(c.slack).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.tikliveapi.key).toBeUndefined();
    expect(hasChatPlatform(c)).toBe(false);
    expect(hasChatPlatform(loadConfig({ ...SOCKET }))).toBe(true);
  });

  it('registers every secret so the logger redacts it', () => {
    loadConfig({ ...SOCKET, TIKLIVEAPI_KEY: 'tla-cfg-key-0004', DISCORD_TOKEN: 'cfg-discord-token-0004', DISCORD_APPLICATION_ID: '1' });
    expect(redact('a xoxb-cfg-bot-0001 b xapp-cfg-app-0001 c tla-cfg-key-0004 d cfg-discord-token-0004')).toBe(
      'a [redacted] b [redacted] c [redacted] d [redacted]',
    );
  });

  it('accepts a postgres:// DATABASE_URL and redacts its password, not its host', () => {
    for (const scheme of ['postgres', 'postgresql']) {
      const url = `${scheme}://quadrants:pg-pw-0011%21@db.internal:5432/quadrants`;
      expect(loadConfig({ ...SOCKET, DATABASE_URL: url }).database.url).toBe(url);
    }
    expect(redact('auth failed with pg-pw-0011! on db.internal')).toBe('auth failed with [redacted] on db.internal');
  });
});

describe('loadConfig: problems', () => {
  it('names the variable and the fix for a malformed URL, number, time zone and level, all at once', () => {
    const problems = problemsOf({
      ...SOCKET,
      TIKLIVEAPI_BASE_URL: 'api.tikliveapi.com',
      QUICKCHART_BASE_URL: 'ftp://quickchart.io',
      PORT: '80a',
      CACHE_TTL_SECONDS: '-5',
      DIGEST_TIMEZONE: 'Mars/Olympus',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://user:pw-0010@db/quadrants',
    });
    expect(problems).toHaveLength(7);
    expect(problems.join(' ')).not.toContain('pw-0010');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^TIKLIVEAPI_BASE_URL must be a full http\(s\) URL/),
        expect.stringMatching(/^QUICKCHART_BASE_URL must be a full http\(s\) URL/),
        expect.stringMatching(/^PORT must be a whole number from 0 to 65535/),
        expect.stringMatching(/^CACHE_TTL_SECONDS must be a whole number/),
        expect.stringMatching(/^DIGEST_TIMEZONE must be an IANA time-zone name such as UTC or Europe\/Berlin/),
        expect.stringMatching(/^LOG_LEVEL must be one of debug, info, warn, error, silent/),
        expect.stringMatching(/^DATABASE_URL must be a file path or a file: URL/),
      ]),
    );
    for (const p of problems) expect(p.trim().endsWith('.')).toBe(true);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-half-0001' }, /^SLACK_BOT_TOKEN is set but .*SLACK_APP_TOKEN .*SLACK_SIGNING_SECRET/],
    [{ SLACK_APP_TOKEN: 'xapp-half-0002' }, /^SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing/],
    [{ SLACK_SIGNING_SECRET: 'half-signing-0003' }, /^SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is missing/],
    [{ DISCORD_TOKEN: 'half-discord-0004' }, /^DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is missing/],
    [{ DISCORD_APPLICATION_ID: '42' }, /^DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is missing/],
  ])('refuses a half-configured platform %#', (env, pattern) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(pattern);
  });

  it('reports a half-configured platform alongside malformed values', () => {
    const problems = problemsOf({ DISCORD_TOKEN: 'half-discord-0005', DISCORD_APPLICATION_ID: '', PORT: 'x' });
    expect(problems).toHaveLength(2);
  });

  it('rejects a non-numeric Discord id', () => {
    expect(problemsOf({ DISCORD_TOKEN: 'half-discord-0006', DISCORD_APPLICATION_ID: 'my-bot' })).toEqual([
      expect.stringMatching(/^DISCORD_APPLICATION_ID must be the numeric application id/),
    ]);
  });

  it('spots swapped Slack tokens without echoing them', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xapp-swapped-0007', SLACK_APP_TOKEN: 'xoxb-swapped-0007' });
    expect(problems).toHaveLength(2);
    expect(problems.join(' ')).not.toContain('swapped-0007');
  });

  it('never includes a value in a message, even a secret pasted into the wrong variable', () => {
    const secret = 'sk-live-misplaced-0008';
    const err = (() => {
      try {
        loadConfig({ TIKLIVEAPI_BASE_URL: secret, PORT: secret, DIGEST_TIMEZONE: secret, SLACK_BOT_TOKEN: secret });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(err.problems).toHaveLength(4);
    expect(err.message).not.toContain(secret);
    expect(err.problems.join('\n')).not.toContain(secret);
  });
});

describe('withDotEnv', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quadrants-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a .env file, with the real environment taking precedence', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nSLACK_BOT_TOKEN=xoxb-file-0009\nSLACK_APP_TOKEN="xapp-file-0009"\nPORT=4000\n');
    const env = withDotEnv({ PORT: '5000' }, file);
    const c = loadConfig(env);
    expect(c.slack).toEqual({ mode: 'socket', botToken: 'xoxb-file-0009', appToken: 'xapp-file-0009', managers: [] });
    expect(c.port).toBe(5000);
  });

  it('leaves the environment alone when there is no file', () => {
    const env = { PORT: '1' };
    expect(withDotEnv(env, join(dir, 'missing.env'))).toBe(env);
  });
});

describe('SLACK_MANAGER_IDS', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-m-1', SLACK_APP_TOKEN: 'xapp-m-1' };
  it('reads comma-separated member ids into the Slack config', () => {
    expect(loadConfig({ ...base, SLACK_MANAGER_IDS: ' u012ABC, W034DEF ' }).slack?.managers).toEqual(['U012ABC', 'W034DEF']);
  });
  it('refuses anything that is not a member id, naming the variable', () => {
    expect(() => loadConfig({ ...base, SLACK_MANAGER_IDS: '@alice' })).toThrow(/SLACK_MANAGER_IDS must be Slack user ids/);
  });
});
