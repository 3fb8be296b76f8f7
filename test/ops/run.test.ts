import { createServer } from 'node:net';
import { main, EXIT_CONFIG } from '../../src/ops/run';
import { fakeIo, fakeWorld, getJson } from './helpers';

const DISCORD = { DISCORD_TOKEN: 'run-discord-token-0001', DISCORD_APPLICATION_ID: '123456789012345678', PORT: '0' };

describe('main: refusing to start', () => {
  it('explains what to set and exits 2 when no chat platform is configured', async () => {
    const world = fakeWorld();
    const io = fakeIo();
    const result = await main([], {}, io, () => world.deps);
    expect(result.code).toBe(EXIT_CONFIG);
    const text = io.err.join('\n');
    expect(text).toContain('no chat platform is configured');
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'TIKLIVEAPI_KEY']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('npm run demo');
    expect(text.split('\n').length).toBeLessThanOrEqual(8);
    expect(world.factoryCalls).toBe(0);
  });

  it('names the missing partner of a half-configured platform and starts nothing', async () => {
    const world = fakeWorld();
    const io = fakeIo();
    const result = await main([], { DISCORD_TOKEN: 'run-discord-token-0002', SLACK_BOT_TOKEN: 'xoxb-run-0002', SLACK_APP_TOKEN: 'xapp-run-0002' }, io, () => world.deps);
    expect(result.code).toBe(EXIT_CONFIG);
    expect(io.err.join('\n')).toMatch(/DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is missing/);
    expect(io.err.join('\n')).not.toContain('run-discord-token-0002');
    expect(world.factoryCalls).toBe(0);
  });

  it('lists every malformed value and exits 2', async () => {
    const io = fakeIo();
    const result = await main([], { ...DISCORD, PORT: 'eighty', DIGEST_TIMEZONE: 'Nowhere/Land' }, io, () => fakeWorld().deps);
    expect(result.code).toBe(EXIT_CONFIG);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^quadrants: cannot start, fix the configuration first:\n  - /);
    expect(io.err[0]).toContain('PORT must be a whole number');
    expect(io.err[0]).toContain('DIGEST_TIMEZONE must be an IANA time-zone name');
  });

  it('--check prints a secret-free summary and exits 0', async () => {
    const io = fakeIo();
    const result = await main(['--check'], { ...DISCORD, TIKLIVEAPI_KEY: 'tla-run-key-0003' }, io, () => fakeWorld().deps);
    expect(result.code).toBe(0);
    const text = io.out.join('\n');
    expect(text).toContain('configuration is valid');
    expect(text).toMatch(/discord\s+on/);
    expect(text).not.toContain('tla-run-key-0003');
    expect(text).not.toContain('run-discord-token-0001');
  });

  it('--check without a platform exits 2 and never calls the configuration valid', async () => {
    const io = fakeIo();
    expect((await main(['--check'], {}, io, () => fakeWorld().deps)).code).toBe(EXIT_CONFIG);
    expect(io.out.join('\n')).not.toContain('configuration is valid');
    expect(io.err.join('\n')).toContain('no chat platform is configured');
  });

  it('refuses an unknown option instead of starting the real bot', async () => {
    const io = fakeIo();
    let loaded = false;
    const result = await main(['--chek'], { ...DISCORD }, io, () => {
      loaded = true;
      return fakeWorld().deps;
    });
    expect(result.code).toBe(EXIT_CONFIG);
    expect(loaded).toBe(false);
    expect(io.err.join('\n')).toContain('“--chek” is not an option');
  });

  it('--version prints the version from package.json', async () => {
    const io = fakeIo();
    expect((await main(['--version'], {}, io, () => fakeWorld().deps)).code).toBe(0);
    expect(io.out.join('\n')).toMatch(/^quadrants \d+\.\d+\.\d+$/);
  });

  it('--help prints the usage and exits 0', async () => {
    const io = fakeIo();
    expect((await main(['--help'], {}, io, () => fakeWorld().deps)).code).toBe(0);
    expect(io.out.join('\n')).toContain('npm start');
  });
});

describe('main: starting', () => {
  it('starts on demo data with a warning when TIKLIVEAPI_KEY is unset, and serves /healthz', async () => {
    const world = fakeWorld();
    const io = fakeIo();
    const result = await main([], { ...DISCORD }, io, () => world.deps);
    expect(result.code).toBeNull();
    if (result.code !== null) return;
    try {
      const warn = io.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'config.demo_data');
      expect(warn).toMatchObject({ level: 'warn' });
      expect(String(warn?.message)).toContain('bundled demo creators');
      expect(world.events).toEqual(['discord.start', 'scheduler.start']);
      expect((await getJson(`http://127.0.0.1:${result.app.port}/healthz`)).body).toEqual({ ok: true });
      expect(io.handlers.SIGTERM).toBeDefined();
      expect(io.handlers.SIGINT).toBeDefined();
    } finally {
      await result.app.shutdown('test');
    }
  });

  it('unwinds everything and exits 1 when an adapter fails to start', async () => {
    const world = fakeWorld();
    world.discord.startError = new Error('discord said 401');
    const io = fakeIo();
    const env = { ...DISCORD, SLACK_BOT_TOKEN: 'xoxb-run-0004', SLACK_APP_TOKEN: 'xapp-run-0004' };
    const result = await main([], env, io, () => world.deps);
    expect(result.code).toBe(1);
    // Discord failed half-way and Slack had started: both are stopped, then the HTTP server and the store are closed.
    expect(world.events).toEqual(['slack.start', 'discord.start', 'discord.stop', 'slack.stop', 'store.close']);
    expect(world.store.open).toBe(false);
    expect(io.logs.some((l) => JSON.parse(l).event === 'startup.failed')).toBe(true);
  });

  it('says which port is taken and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const world = fakeWorld();
      const io = fakeIo({ host: undefined });
      const result = await main([], { ...DISCORD, PORT: String(port) }, io, () => world.deps);
      expect(result.code).toBe(1);
      expect(io.err.join('\n')).toContain(`PORT ${port} is already in use`);
      expect(world.discord.startCalls).toBe(0);
      expect(world.store.open).toBe(false);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});
