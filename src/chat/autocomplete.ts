/**
 * Suggestions while a user types an option (Discord autocomplete): time zones from the runtime's
 * IANA list, and creators this workspace already follows. Pure and fast: an autocomplete answer
 * must reach Discord within its 3-second window.
 */
import type { SubscriptionService } from '../digest/subscriptions';
import type { Platform } from '../store/types';
import type { CommandName } from './vocabulary';

/** Commands whose creator option suggests the creators already followed in the workspace. */
export const SUGGESTS_CREATORS: ReadonlySet<CommandName> = new Set(['subscribe', 'unsubscribe', 'pause', 'resume', 'digest', 'watch', 'unwatch']);

/** Discord shows at most 25 choices. */
export const MAX_SUGGESTIONS = 25;

let zones: readonly string[] | null = null;

/** Every IANA zone this runtime knows (UTC first: it is not in supportedValuesOf). */
export function knownTimeZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

/**
 * Zones matching what was typed: names that start with it first (`Europe/Be` → Europe/Berlin),
 * then names where a part starts with it (`york` → America/New_York), then any substring.
 */
export function suggestTimeZones(query: string, limit = MAX_SUGGESTIONS): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  const all = knownTimeZones();
  if (q === '') return all.slice(0, limit);
  const rank = (z: string): number => {
    const l = z.toLowerCase();
    if (l.startsWith(q)) return 0;
    if (l.split(/[/_]/).some((part) => part.startsWith(q))) return 1;
    return l.includes(q) ? 2 : 3;
  };
  return all
    .map((z) => ({ z, r: rank(z) }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r || a.z.localeCompare(b.z))
    .slice(0, limit)
    .map((x) => x.z);
}

/** Creators with a digest anywhere in this workspace, as `@handle`, matching what was typed. */
export async function suggestCreators(
  subscriptions: SubscriptionService | null,
  scope: { platform: Platform; workspaceId: string },
  query: string,
  limit = MAX_SUGGESTIONS,
): Promise<string[]> {
  if (!subscriptions) return [];
  const q = query.trim().toLowerCase().replace(/^@/, '');
  const listings = await subscriptions.list(scope);
  const handles = new Set<string>();
  for (const l of listings) {
    const name = l.subscription.creatorUsername;
    if (name && name.toLowerCase().includes(q)) handles.add(`@${name}`);
  }
  return [...handles].sort().slice(0, limit);
}
