/**
 * `quadrants report <id>` sends its one TikLiveAPI request before the rest of the command line
 * loads (see src/tikliveapi/early.ts): it is the request the report will make, for the default
 * post count, with the configured key and base URL. Only input that certainly makes that request
 * qualifies (a bare numeric id, a key and base URL that need no cleaning, no --demo); anything else
 * starts nothing and runs as before. Loads nothing heavier than Node's own HTTP client.
 */
import { DEFAULT_POSTS } from '../commands/post-counts';
import { USERID_RE } from '../commands/creator';
import { postsPageQuery, requestUrl, startEarly } from '../tikliveapi/early';

/** TikLiveAPI's address when TIKLIVEAPI_BASE_URL is not set (src/config/env.ts). */
const DEFAULT_BASE_URL = 'https://api.tikliveapi.com';
/** Output switches a report may carry on the command line. */
const OUTPUT = new Set(['--json', '--csv']);

/** The posts page `argv` will ask for first, or null when it is not a plain report by id with a usable key. */
export function earlyReportUrl(argv: readonly string[], env: NodeJS.ProcessEnv): { url: string; apiKey: string } | null {
  const words = argv.filter((a) => !OUTPUT.has(a));
  if (argv.filter((a) => OUTPUT.has(a)).length > 1) return null;
  if (words.length !== 2 || words[0] !== 'report' || !USERID_RE.test(words[1] ?? '')) return null;
  const apiKey = env.TIKLIVEAPI_KEY ?? '';
  if (!/^[\x21-\x7e]{4,512}$/.test(apiKey)) return null;
  const base = env.TIKLIVEAPI_BASE_URL ?? '';
  if (base !== '' && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(base)) return null;
  return { url: requestUrl(base || DEFAULT_BASE_URL, 'user-posts', postsPageQuery(words[1] as string, DEFAULT_POSTS, '0')), apiKey };
}

/** Starts the report's request when `argv` qualifies; resolves once it is sent (at once when it does not qualify). */
export function startEarlyReport(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const early = earlyReportUrl(argv, env);
  return early ? startEarly(early.url, early.apiKey) : Promise.resolve();
}
