/**
 * The settings of `npm run register:discord`, read from the environment: the bot token, the
 * application, and optionally a guild (commands there update instantly) and the REST base.
 */
import { z } from 'zod';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  /** REST base (discord.js `rest.api`), e.g. a fake Discord in tests. */
  apiUrl?: string;
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

/** What the script prints once Discord holds the commands (at once in a guild, later everywhere). */
export function registeredLine(names: readonly string[], guildId: string | undefined): string {
  const where = guildId ? `guild ${guildId} (available now)` : 'every server (global commands can take a while to appear)';
  return `Registered /${names.join(', /')} for ${where}.`;
}

/** What the script prints when the registration failed (`status`: Discord's HTTP status, when it answered). */
export function registerRefusal(status: unknown): string {
  if (status === 401) return 'Discord rejected DISCORD_TOKEN; copy the bot token again.';
  if (status === 403 || status === 404) return 'Discord refused; check DISCORD_APPLICATION_ID and that the bot is in DISCORD_GUILD_ID.';
  return 'Registration failed; check the network and run again.';
}
