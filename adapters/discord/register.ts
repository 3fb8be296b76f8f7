/**
 * `npm run register:discord`: registers `/quadrants` with Discord through REST.
 * A bulk overwrite (PUT), so running it again changes nothing: guild-scoped when DISCORD_GUILD_ID
 * is set (updates instantly, for trying it out), otherwise global.
 */
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { optionsFromEnv, registeredLine, registerRefusal, type RegisterOptions } from '../../src/config/discord-register';
import { withDotEnv } from '../../src/config/dotenv';
import { registerSecret, redact } from '../../src/log';
import { commandDefinitions } from './commands';

export { commandDefinitions, optionsFromEnv };

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
    out(registeredLine(result.names, read.options.guildId));
    return 0;
  } catch (err) {
    const hint = registerRefusal((err as { status?: unknown }).status);
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
