/**
 * zod building blocks for environment variables. Each one turns a raw string into a typed value
 * or fails with one sentence that names the variable and the fix, never the value itself
 * (the value may be a secret pasted into the wrong variable).
 */
import { z } from 'zod';

/** `FOO=` in a .env file means "not set", as if the line were absent. */
function blankToUndefined(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An optional free-form string (tokens, keys, ids checked elsewhere). */
export function optionalText() {
  return z.preprocess(blankToUndefined, z.string().optional());
}

/**
 * An API key: one unbroken run of printable characters. Unlike other text it is not trimmed,
 * because whitespace around or inside a key means it was copied wrongly and would be sent
 * as is (or fail) on every request; refusing it at start-up is the one clear moment to say so.
 */
export function apiKey(name: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .refine((v) => !/\s/.test(v), {
        error: `${name} contains a space or a line break, which a key never has (usually a copy-paste slip); paste the key again as one unbroken value.`,
      })
      // Whitespace has its own sentence above; this catches the rest (too short, non-ASCII).
      .refine((v) => /\s/.test(v) || /^[\x21-\x7e]{4,512}$/.test(v), {
        error: `${name} must be the key exactly as the TikLiveAPI dashboard shows it (4 to 512 plain ASCII characters); paste it again or remove the line to use the demo data.`,
      })
      .optional(),
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An http(s) URL; trailing slashes are dropped so callers can append paths. */
export function httpUrl(name: string, example: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(isHttpUrl, { error: `${name} must be a full http(s) URL such as ${example}; fix it or remove the line to use the default.` })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  );
}

/** A whole number in [min, max], written in plain digits. */
export function wholeNumber(name: string, min: number, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, {
        error: `${name} must be a whole number from ${min} to ${max}; fix it or remove the line to use the default.`,
      })
      .transform(Number)
      .optional(),
  );
}

/** True when the runtime's time-zone database knows `zone` (e.g. Europe/Berlin). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time-zone name. */
export function timeZone(name: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(isKnownTimeZone, {
        error: `${name} must be an IANA time-zone name such as UTC or Europe/Berlin; fix the spelling or remove the line to use UTC.`,
      })
      .optional(),
  );
}

/** One of a fixed set of words (case-insensitive). */
export function oneOf<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  return z.preprocess(
    (v) => {
      const b = blankToUndefined(v);
      return typeof b === 'string' ? b.toLowerCase() : b;
    },
    z.enum(values, { error: `${name} must be one of ${values.join(', ')}; fix it or remove the line to use the default.` }).optional(),
  );
}

/** A Discord snowflake id (digits only). */
export function snowflake(name: string, what: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => /^\d{1,25}$/.test(v), {
        error: `${name} must be the numeric ${what} (digits only, copied from the Discord developer portal or with Developer Mode on).`,
      })
      .optional(),
  );
}

/** A SQLite location (a plain path or a `file:` URL) or a postgres:// URL, checked by the store's own parser. */
export function databaseUrl(name: string, isValid: (value: string) => boolean) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(isValid, {
        error: `${name} must be a file path or a file: URL such as ./data/quadrants.db, or a postgres:// URL; fix it or remove the line to use the default.`,
      })
      .optional(),
  );
}

/** A comma-separated list of Slack user ids (U… or W…). */
export function slackUserIds(name: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v) => v.split(',').map((id) => id.trim().toUpperCase()).filter(Boolean))
      .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,31}$/.test(id)), {
        error: `${name} must be Slack user ids separated by commas, such as U012ABCDEF,U034GHIJKL (copy them from each person's profile, "Copy member ID"); fix it or remove the line to let everyone manage digests.`,
      })
      .optional(),
  );
}

/** true/false (also yes/no, 1/0), case-insensitive. */
export function flag(name: string) {
  return z.preprocess(
    (v) => {
      const b = blankToUndefined(v);
      return typeof b === 'string' ? b.toLowerCase() : b;
    },
    z
      .enum(['true', 'false', 'yes', 'no', '1', '0'], { error: `${name} must be true or false; fix it or remove the line to let the bot decide.` })
      .transform((v) => v === 'true' || v === 'yes' || v === '1')
      .optional(),
  );
}

/**
 * Discord shard ids: comma-separated ids and inclusive ranges, such as `0,1` or `0-3` or `0,4-5`.
 * Returned sorted and without duplicates; whether they fit the shard count is checked by the caller.
 */
export function shardIds(name: string) {
  const MAX = 100_000;
  const parse = (v: string): number[] | null => {
    const text = v.replace(/\s+/g, '');
    if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) return null;
    const ids = new Set<number>();
    for (const part of text.split(',')) {
      const [from, to = from] = part.split('-').map(Number) as [number, number?];
      // A reversed or huge range is a typo, not a request for thousands of connections.
      if (to < from || to >= MAX) return null;
      for (let id = from; id <= to; id++) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  };
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((v) => parse(v) !== null, {
        error: `${name} must be shard ids separated by commas, with ranges allowed, such as 0,1 or 0-3 (each from 0 to ${MAX - 1}, ranges low to high); fix it or remove the line to run every shard.`,
      })
      .transform((v) => parse(v) as number[])
      .optional(),
  );
}
