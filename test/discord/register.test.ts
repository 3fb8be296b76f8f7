import { commandDefinitions, main, optionsFromEnv, registerCommands } from '../../adapters/discord/register';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord';

const SUB_COMMAND = 1;
const STRING = 3;
const INTEGER = 4;
const CHANNEL = 7;

describe('command definitions', () => {
  const [command] = commandDefinitions();

  it('is one chat-input command with the report and digest subcommands', () => {
    expect(commandDefinitions()).toHaveLength(1);
    expect(command).toMatchObject({ name: 'quadrants', type: 1, contexts: [0], integration_types: [0] });
    expect(command?.description.length).toBeGreaterThan(0);
    expect(command?.options?.map((o) => [o.name, o.type])).toEqual([
      ['report', SUB_COMMAND],
      ['compare', SUB_COMMAND],
      ['post', SUB_COMMAND],
      ['subscribe', SUB_COMMAND],
      ['unsubscribe', SUB_COMMAND],
      ['pause', SUB_COMMAND],
      ['resume', SUB_COMMAND],
      ['subscriptions', SUB_COMMAND],
      ['digest', SUB_COMMAND],
      ['watch', SUB_COMMAND],
      ['unwatch', SUB_COMMAND],
      ['trend', SUB_COMMAND],
      ['usage', SUB_COMMAND],
      ['help', SUB_COMMAND],
    ]);
    // Nothing hides the report subcommands: Manage Channels is checked in the handler instead.
    expect(command?.default_member_permissions ?? null).toBeNull();
  });

  it('describes every option, with the types and bounds Discord expects', () => {
    const subs = Object.fromEntries((command?.options ?? []).map((o) => [o.name, o as { description: string; options?: Array<Record<string, unknown>> }]));
    for (const sub of Object.values(subs)) {
      expect(sub.description.length).toBeGreaterThan(0);
      expect(sub.description.length).toBeLessThanOrEqual(100);
      for (const o of sub.options ?? []) {
        expect(String(o['name'])).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(String(o['description']).length).toBeGreaterThan(0);
        expect(String(o['description']).length).toBeLessThanOrEqual(100);
      }
    }
    expect(subs['report']?.options).toEqual([
      expect.objectContaining({ name: 'creator', type: STRING, required: true }),
      expect.objectContaining({ name: 'posts', type: INTEGER, min_value: 5, max_value: 35, required: false }),
    ]);
    expect(subs['compare']?.options).toEqual([
      expect.objectContaining({ name: 'creators', type: STRING, required: true }),
      expect.objectContaining({ name: 'posts', type: INTEGER, min_value: 5, max_value: 35 }),
    ]);
    expect(subs['post']?.options).toEqual([expect.objectContaining({ name: 'url', type: STRING, required: true })]);
    expect(subs['trend']?.options).toEqual([expect.objectContaining({ name: 'creator', type: STRING, required: true })]);
    // help's optional command, with the table's commands as choices (help itself left out).
    expect(subs['help']?.options).toEqual([expect.objectContaining({ name: 'command', type: STRING, required: false })]);
    const topics = (subs['help']?.options?.[0]?.['choices'] as Array<{ value: string }>).map((c) => c.value);
    expect(topics).toEqual(['report', 'compare', 'post', 'subscribe', 'unsubscribe', 'pause', 'resume', 'subscriptions', 'digest', 'watch', 'unwatch', 'trend', 'usage']);
    const channel = expect.objectContaining({ name: 'channel', type: CHANNEL, channel_types: [0, 5], required: false });
    expect(subs['subscribe']?.options).toEqual([
      expect.objectContaining({ name: 'creator', type: STRING, required: true }),
      channel,
      expect.objectContaining({ name: 'cadence', type: STRING, required: false, choices: [expect.objectContaining({ value: 'monthly' }), expect.objectContaining({ value: 'weekly' })] }),
      expect.objectContaining({ name: 'on', type: STRING, required: false }),
      expect.objectContaining({ name: 'at', type: STRING, required: false }),
      expect.objectContaining({ name: 'tz', type: STRING, required: false, autocomplete: true }),
      expect.objectContaining({ name: 'posts', type: INTEGER, min_value: 5, max_value: 35, required: false }),
    ]);
    expect(subs['unsubscribe']?.options).toEqual([expect.objectContaining({ name: 'creator', type: STRING, required: true }), channel]);
    // pause and resume take what unsubscribe takes; the creator is suggested from this server's digests.
    for (const name of ['pause', 'resume']) {
      expect(subs[name]?.options).toEqual([expect.objectContaining({ name: 'creator', type: STRING, required: true, autocomplete: true }), channel]);
    }
    expect(subs['subscriptions']?.options ?? []).toEqual([]);
    expect(subs['digest']?.options).toEqual([expect.objectContaining({ name: 'creator', type: STRING, required: true })]);
    for (const name of ['watch', 'unwatch']) {
      expect(subs[name]?.options).toEqual([expect.objectContaining({ name: 'creator', type: STRING, required: true }), channel]);
    }
  });
});

describe('registration', () => {
  let discord: FakeDiscord;
  beforeAll(async () => {
    discord = await startFakeDiscord();
  });
  afterAll(() => discord.close());

  it('bulk-overwrites guild commands with PUT when a guild is given, the same way each time', async () => {
    const opts = { token: discord.token, applicationId: discord.applicationId, guildId: discord.guildId, apiUrl: discord.apiUrl };
    const first = await registerCommands(opts);
    const second = await registerCommands(opts);
    expect(first).toEqual({ scope: 'guild', route: `/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`, names: ['quadrants'] });
    expect(second).toEqual(first);
    const puts = discord.calls.filter((c) => c.path === first.route);
    expect(puts.map((c) => c.method)).toEqual(['PUT', 'PUT']);
    expect(puts[0]?.authorization).toBe(`Bot ${discord.token}`);
    expect(puts[0]?.body).toEqual(commandDefinitions());
    expect(puts[1]?.body).toEqual(puts[0]?.body);
  });

  it('registers globally without a guild', async () => {
    const result = await registerCommands({ token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl });
    expect(result.scope).toBe('global');
    const call = discord.calls.at(-1);
    expect(call).toMatchObject({ method: 'PUT', path: `/applications/${discord.applicationId}/commands`, status: 200 });
  });

  it('runs as a script from the environment and never prints the token', async () => {
    const lines: string[] = [];
    const code = await main(
      { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_GUILD_ID: discord.guildId, DISCORD_API_URL: discord.apiUrl },
      (l) => lines.push(l),
    );
    expect(code).toBe(0);
    expect(lines).toEqual([`Registered /quadrants for guild ${discord.guildId} (available now).`]);

    const bad: string[] = [];
    expect(await main({ DISCORD_TOKEN: 'wrong-token-of-enough-length', DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl }, (l) => bad.push(l))).toBe(1);
    expect(bad[0]).toMatch(/^Discord rejected DISCORD_TOKEN/);
    expect(bad.join('\n')).not.toContain('wrong-token-of-enough-length');
  });

  it.each([
    [{}, /^DISCORD_TOKEN is not set/],
    [{ DISCORD_TOKEN: 'x'.repeat(30) }, /^DISCORD_APPLICATION_ID is not set/],
    [{ DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APPLICATION_ID: 'abc' }, /^DISCORD_APPLICATION_ID must be a numeric Discord id/],
    [{ DISCORD_TOKEN: 'x'.repeat(30), DISCORD_APPLICATION_ID: '123456789', DISCORD_API_URL: 'ftp://x' }, /^DISCORD_API_URL must be an http\(s\) URL/],
    [{ DISCORD_TOKEN: '   ', DISCORD_APPLICATION_ID: '123456789' }, /^DISCORD_TOKEN is not set/],
  ])('refuses a bad environment with one sentence naming the variable (%#)', async (env, message) => {
    const read = optionsFromEnv(env);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
    const lines: string[] = [];
    expect(await main(env, (l) => lines.push(l))).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^[^\n]+\.$/);
  });
});
