/**
 * `npm run register:discord`: registers `/quadrants` with Discord through REST.
 * A bulk overwrite (PUT), so running it again changes nothing: guild-scoped when DISCORD_GUILD_ID
 * is set (updates instantly, for trying it out), otherwise global.
 */
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { z } from 'zod';
import { withDotEnv } from '../../src/config/dotenv';
import { registerSecret, redact } from '../../src/log';
import { commandDefinitions } from './commands';

export { commandDefinitions };

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  /** REST base (discord.js `rest.api`), e.g. a fake Discord in tests. */
  apiUrl?: string;
}

export interface RegisterResult {
  scope: 'guild' | 'global';
  route: string;
  names: string[];
}

/** PUTs the command definitions; returns where they went and what Discord now holds. */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const saved = (await rest.put(route, { body: commandDefinitions() })) as RESTPutAPIApplicationCommandsResult;
  return { scope: options.guildId ? 'guild' : 'global', route, names: saved.map((c) => c.name) };
}

const snowflake = (name: string) => z.string({ error: `${name} is not set; copy it from the Discord developer portal and run again.` }).trim().regex(/^\d{5,25}$/, `${name} must be a numeric Discord id; copy it from the Discord developer portal.`);

const envSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'DISCORD_TOKEN is not set; copy the bot token from the Bot page of your Discord application and run again.' })
    .trim()
    .min(20, 'DISCORD_TOKEN does not look like a bot token; copy it again from the Bot page of your Discord application.'),
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID').optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/, error: 'DISCORD_API_URL must be an http(s) URL such as https://discord.com/api; fix it or unset it.' }).optional(),
});

/** Reads the environment: the options, or one sentence naming the variable to fix. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): { ok: true; options: RegisterOptions } | { ok: false; message: string } {
  // Empty strings count as unset, as a blank line in an .env file means "not configured".
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(clean);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'The Discord settings are incomplete.' };
  const e = parsed.data;
  return {
    ok: true,
    options: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
      ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
    },
  };
}

/** The script: exit 0 on success, 2 on bad configuration, 1 when Discord refused. */
export async function main(env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const read = optionsFromEnv(env);
  if (!read.ok) {
    out(read.message);
    return 2;
  }
  registerSecret(read.options.token);
  try {
    const result = await registerCommands(read.options);
    const where = result.scope === 'guild' ? `guild ${read.options.guildId} (available now)` : 'every server (global commands can take a while to appear)';
    out(`Registered /${result.names.join(', /')} for ${where}.`);
    return 0;
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const hint = status === 401 ? 'Discord rejected DISCORD_TOKEN; copy the bot token again.' : status === 403 || status === 404 ? 'Discord refused; check DISCORD_APPLICATION_ID and that the bot is in DISCORD_GUILD_ID.' : 'Registration failed; check the network and run again.';
    out(redact(`${hint} (${err instanceof Error ? err.message : String(err)})`));
    return 1;
  }
}

if (require.main === module) {
  // Same precedence as `npm start`: the real environment wins over a .env file.
  main(withDotEnv(process.env)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
