/**
 * Handle → numeric user id. /userid/ is undocumented, so several shapes are accepted (an
 * object, a bare string or number, a nested user); when it finds nothing, /userinfo-by-username/
 * (confirmed shape) is asked instead, which also tells a private account apart. Ids never change, so a resolved
 * handle is cached for the life of the process.
 */
import { z } from 'zod';
import { QuadrantsError } from '../errors';
import type { Logger } from '../log';
import type { Creator } from '../quadrants/types';
import { SingleFlight } from './cache';
import { CreditMeter, type TikLiveApiHttp } from './http';
import { toId } from './parse';
import type { SharedCache } from './shared-cache';

const MIN_ID_DIGITS = 5;
const idLike = z.union([z.string(), z.number(), z.bigint()]).nullish().catch(null);
const useridSchema = z.looseObject({
  user_id: idLike,
  userid: idLike,
  uid: idLike,
  id: idLike,
  userId: idLike,
  user: z.looseObject({ id: idLike, uid: idLike }).nullish().catch(null),
  data: z.looseObject({ id: idLike }).nullish().catch(null),
});

/** The user id in a /userid/ payload (a bare id or one of the known keys), or null. */
export function extractUserId(payload: unknown): string | null {
  if (typeof payload === 'string' || typeof payload === 'number' || typeof payload === 'bigint') return toId(payload, MIN_ID_DIGITS);
  const r = useridSchema.safeParse(payload);
  if (!r.success) return null;
  const p = r.data;
  for (const v of [p.user_id, p.userid, p.uid, p.id, p.userId, p.user?.id, p.user?.uid, p.data?.id]) {
    const id = toId(v, MIN_ID_DIGITS);
    if (id) return id;
  }
  return null;
}

const flag = z.union([z.boolean(), z.number(), z.string()]).nullish().catch(null);
const userSchema = z.looseObject({
  id: idLike,
  uniqueId: z.string().nullish().catch(null),
  unique_id: z.string().nullish().catch(null),
  privateAccount: flag,
  secret: flag,
});
const userInfoSchema = z.looseObject({
  user: userSchema.nullish().catch(null),
  userInfo: z.looseObject({ user: userSchema.nullish().catch(null) }).nullish().catch(null),
});

export interface UserInfo {
  userid: string | null;
  username: string | null;
  private: boolean;
}

/** Reads /userinfo-by-username/ (`{user: {id, uniqueId, privateAccount, secret}, stats}`). */
export function parseUserInfo(payload: unknown): UserInfo {
  const r = userInfoSchema.safeParse(payload);
  const user = r.success ? (r.data.user ?? r.data.userInfo?.user ?? null) : null;
  if (!user) return { userid: null, username: null, private: false };
  const on = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
  return { userid: toId(user.id, MIN_ID_DIGITS), username: user.uniqueId ?? user.unique_id ?? null, private: on(user.privateAccount) || on(user.secret) };
}

export interface UserIdResolverOptions {
  timeoutMs: number;
  logger: Logger;
  /** Handles kept; the oldest are forgotten beyond this. Default 10 000. */
  maxEntries?: number;
  /** Shared with other replicas, so a handle is looked up once across them. */
  shared?: SharedCache;
}

/** Ids never change; a shared entry is kept this long only so the table does not grow forever. */
const SHARED_ID_TTL_MS = 30 * 24 * 3600_000;

/** Resolves handles to creators, caching forever and sharing concurrent lookups. */
export class UserIdResolver {
  private readonly ids = new Map<string, string>();
  private readonly flights = new SingleFlight<Creator>();

  constructor(
    private readonly http: TikLiveApiHttp,
    private readonly options: UserIdResolverOptions,
  ) {}

  /** The cached id for a handle, without any request. */
  cached(username: string): string | undefined {
    return this.ids.get(username.toLowerCase());
  }

  /** Remembers an id learned elsewhere (e.g. from a post's author). */
  remember(username: string, userid: string): void {
    const key = username.toLowerCase();
    this.ids.delete(key);
    this.ids.set(key, userid);
    while (this.ids.size > (this.options.maxEntries ?? 10_000)) this.ids.delete(this.ids.keys().next().value as string);
  }

  /** Resolves a validated handle; the meter is charged only by the caller that made the requests. */
  async resolve(username: string, meter: CreditMeter): Promise<Creator> {
    const key = username.toLowerCase();
    const hit = this.ids.get(key);
    if (hit) return { username: key, userid: hit };
    const shared = this.options.shared;
    const { value } = await this.flights.run(key, async () => {
      if (!shared) return this.lookup(key, meter);
      const found = await shared.getOrLoad(`userid:${key}`, SHARED_ID_TTL_MS, async () => ({ value: await this.lookup(key, meter), keep: true }), meter.signal);
      this.remember(key, found.value.userid);
      return found.value;
    });
    return value;
  }

  private async lookup(username: string, meter: CreditMeter): Promise<Creator> {
    const call = { timeoutMs: this.options.timeoutMs, notFound: 'CREATOR_NOT_FOUND' as const };
    let userid: string | null = null;
    try {
      userid = extractUserId(await this.http.get({ ...call, endpoint: 'userid', query: { username }, kind: 'userid' }, meter));
      if (!userid) this.options.logger.warn('tikliveapi.userid_unreadable', { username });
    } catch (err) {
      // Only "not found" is worth a second opinion; key, credit and outage errors are final.
      if (!(err instanceof QuadrantsError && err.code === 'CREATOR_NOT_FOUND')) throw err;
    }
    if (userid) {
      this.remember(username, userid);
      return { username, userid };
    }
    const info = parseUserInfo(await this.http.get({ ...call, endpoint: 'userinfo-by-username', query: { username }, kind: 'userinfo' }, meter));
    if (info.private) {
      throw new QuadrantsError('CREATOR_NOT_FOUND', `@${username} is private`, {
        userMessage: `@${username} is a private account, so its posts cannot be read; try a public creator.`,
      });
    }
    if (!info.userid) {
      throw new QuadrantsError('CREATOR_NOT_FOUND', `no user id for @${username}`, {
        userMessage: `No TikTok account called @${username} was found; check the spelling and try again.`,
      });
    }
    const canonical = info.username && /^[A-Za-z0-9._]{2,24}$/.test(info.username) ? info.username.toLowerCase() : username;
    this.remember(username, info.userid);
    return { username: canonical, userid: info.userid };
  }
}
