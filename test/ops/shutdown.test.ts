import { silentLogger } from '../../src/log';
import { InFlight, SHUTTING_DOWN_MESSAGE, ShuttingDownError } from '../../src/ops/inflight';
import { main } from '../../src/ops/run';
import { createShutdown, crashHandler } from '../../src/ops/shutdown';
import { deferred, fakeIo, fakeWorld, manualTimer } from './helpers';

const ENV = { DISCORD_TOKEN: 'sd-discord-token-0001', DISCORD_APPLICATION_ID: '123456789012345678', PORT: '0' };

describe('InFlight', () => {
  it('tracks running work and refuses new work once closed, with a user sentence', async () => {
    const inflight = new InFlight();
    const gate = deferred<string>();
    const running = inflight.run(() => gate.promise);
    expect(inflight.size).toBe(1);
    inflight.close();
    await expect(inflight.run(async () => 'late')).rejects.toBeInstanceOf(ShuttingDownError);
    await expect(inflight.run(async () => 'late')).rejects.toMatchObject({ userMessage: SHUTTING_DOWN_MESSAGE });
    const drained = inflight.drain(10_000, manualTimer());
    gate.resolve('done');
    await expect(running).resolves.toBe('done');
    await expect(drained).resolves.toEqual({ drained: true, pending: 0 });
  });

  it('stops waiting when the bound expires', async () => {
    const inflight = new InFlight();
    const timer = manualTimer();
    void inflight.run(() => new Promise(() => undefined));
    const drained = inflight.drain(10_000, timer);
    expect(timer.pending()).toBe(1);
    timer.fireAll();
    await expect(drained).resolves.toEqual({ drained: false, pending: 1 });
  });

  it('still tracks follow-up steps of accepted work after closing', async () => {
    const inflight = new InFlight();
    inflight.close();
    await expect(inflight.track(async () => 'chart')).resolves.toBe('chart');
  });
});

describe('SIGTERM during a report', () => {
  it('refuses new commands, lets the running report finish, stops everything in order and exits 0', async () => {
    const world = fakeWorld();
    const io = fakeIo();
    const result = await main([], { ...ENV }, io, () => world.deps);
    if (result.code !== null) throw new Error(`did not start: ${io.err.join('\n')}`);
    const { app } = result;
    world.discord.isConnected = true;

    // A command arrives: the adapter calls the (instrumented) service it was given.
    world.service.hold();
    const service = world.discord.ctx?.service;
    if (!service) throw new Error('adapter got no service');
    const report = service.report({ creator: '@busy', posts: 10 });
    await world.service.started;

    io.signal('SIGTERM');
    await expect(service.report({ creator: '@late', posts: 10 })).rejects.toMatchObject({ userMessage: SHUTTING_DOWN_MESSAGE });
    expect(app.readiness.snapshot()).toMatchObject({ ready: false, shuttingDown: true });
    expect(world.events).not.toContain('discord.stop');
    expect(io.exitCodes).toEqual([]);

    world.service.release();
    const finished = await report;
    expect(finished.creator.username).toBe('busy');
    expect(finished.window.posts).toBe(6);
    await expect(io.exited).resolves.toBe(0);
    expect(world.events).toEqual(['discord.start', 'scheduler.start', 'discord.stop', 'scheduler.stop', 'store.close']);
    expect(world.service.reports).toEqual(['@busy']);
  });

  it('a second signal exits 1 at once', async () => {
    const world = fakeWorld();
    const io = fakeIo({ setTimer: manualTimer() });
    const result = await main([], { ...ENV }, io, () => world.deps);
    if (result.code !== null) throw new Error('did not start');
    world.service.hold();
    const pending = world.discord.ctx?.service.report({ creator: '@stuck', posts: 10 });
    await world.service.started;
    io.signal('SIGINT');
    io.signal('SIGINT');
    expect(io.exitCodes).toEqual([1]);
    world.service.release();
    await pending;
    await expect(io.exited).resolves.toBe(1);
    await result.app.shutdown('cleanup');
  });

  it('gives up waiting after the grace period and still closes the store and exits 0', async () => {
    const world = fakeWorld();
    const timer = manualTimer();
    const io = fakeIo({ setTimer: timer });
    const result = await main([], { ...ENV }, io, () => world.deps);
    if (result.code !== null) throw new Error('did not start');
    world.service.hold();
    const pending = world.discord.ctx?.service.report({ creator: '@slow', posts: 10 });
    await world.service.started;
    io.signal('SIGTERM');
    expect(timer.pending()).toBe(1);
    timer.fireAll();
    await expect(io.exited).resolves.toBe(0);
    expect(world.store.open).toBe(false);
    const warned = io.logs.map((l) => JSON.parse(l)).find((l) => l.event === 'shutdown.grace_expired');
    expect(warned).toMatchObject({ abandoned: 1, graceMs: 10_000 });
    world.service.release();
    await pending;
  });
});

describe('createShutdown', () => {
  it('keeps going when a step fails or hangs, and runs only once', async () => {
    const timer = manualTimer();
    const order: string[] = [];
    const lines: string[] = [];
    const logger = { ...silentLogger, error: (e: string) => void lines.push(e), warn: (e: string) => void lines.push(e) };
    const shutdown = createShutdown({
      inflight: new InFlight(),
      logger: logger as typeof silentLogger,
      setTimer: timer,
      steps: [
        { name: 'broken', stop: () => Promise.reject(new Error('boom')) },
        { name: 'hangs', stop: () => { order.push('hangs'); return new Promise<void>(() => undefined); } },
        { name: 'store', stop: () => void order.push('store') },
      ],
    });
    const first = shutdown('SIGTERM');
    expect(shutdown('SIGINT')).toBe(first);
    await new Promise(setImmediate);
    expect(order).toEqual(['hangs']);
    timer.fireAll();
    await first;
    expect(order).toEqual(['hangs', 'store']);
    expect(lines).toEqual(['shutdown.step_failed', 'shutdown.step_timeout']);
  });

  it('logs a stray rejection and keeps running, but shuts down with 1 on an uncaught exception', async () => {
    const events: string[] = [];
    const exits: number[] = [];
    const logger = { ...silentLogger, error: (e: string) => void events.push(e) };
    const done = deferred();
    const handle = crashHandler(async () => void events.push('shutdown'), (c) => { exits.push(c); done.resolve(); }, logger as typeof silentLogger);
    handle('unhandledRejection', new Error('stray'));
    expect(exits).toEqual([]);
    handle('uncaughtException', new Error('bad'));
    await done.promise;
    expect(events).toEqual(['process.unhandled_rejection', 'process.uncaught_exception', 'shutdown']);
    expect(exits).toEqual([1]);
  });
});
