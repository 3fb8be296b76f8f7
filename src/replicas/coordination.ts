/**
 * What several replicas share so they act as one bot: TikLiveAPI pacing and the report cache
 * with single-flight, both in the PostgreSQL database of DATABASE_URL (tables from the store's
 * migration 2). With SQLite (one process) nothing is shared and the in-process pacer and cache
 * are used instead; see createSource in app/wiring.ts.
 */
import { Pool } from 'pg';
import { postgresLocation } from '../store/path';
import { pgFailure } from '../store/pg-errors';
import type { RequestPacer } from '../tikliveapi/pacer';
import { PgSharedCache, type PgSharedCacheOptions } from './pg-cache';
import type { SharedCache } from '../tikliveapi/shared-cache';
import { PgPacer } from './pg-pacer';

export interface Coordination {
  pacer: RequestPacer;
  cache: SharedCache;
  close(): Promise<void>;
}

export interface PgCoordinationOptions extends PgSharedCacheOptions {
  requestsPerMinute: number;
  burst?: number;
  /** Schema (search_path); tests give each run its own. */
  schema?: string;
  /** Connections for pacing and the cache. Default 4. */
  poolSize?: number;
  /** Clock for pacing; default the database's. */
  pacerNow?: () => number;
}

/** Opens a small pool on the database and shares pacing and the cache through it. Driver errors become one QuadrantsError sentence. */
export function createPgCoordination(url: string, options: PgCoordinationOptions): Coordination {
  const where = postgresLocation(url);
  const pool = new Pool({
    connectionString: url,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: 5000,
    application_name: 'quadrants-shared',
    // Idle connections never keep a stopping process alive.
    allowExitOnIdle: true,
    ...(options.schema === undefined ? {} : { options: `-c search_path="${options.schema.replace(/"/g, '""')}"` }),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const { requestsPerMinute, burst, pacerNow, sleep } = options;
  const pacer = new PgPacer(pool, {
    requestsPerMinute,
    ...(burst === undefined ? {} : { burst }),
    ...(pacerNow === undefined ? {} : { now: pacerNow }),
    ...(sleep === undefined ? {} : { sleep }),
  });
  const cache = new PgSharedCache(pool, options);
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      throw pgFailure(where, err);
    }
  };
  return {
    pacer: { take: () => wrap(() => pacer.take()) },
    cache: {
      // Only database failures become the store's sentence: the fetch's own errors pass unchanged.
      getOrLoad: async (key, ttl, load, signal) => {
        const own = new WeakSet<object>();
        const tagged: typeof load = () =>
          load().catch((err: unknown) => {
            if (typeof err === 'object' && err !== null) own.add(err);
            throw err;
          });
        try {
          return await cache.getOrLoad(key, ttl, tagged, signal);
        } catch (err) {
          if (typeof err === 'object' && err !== null && own.has(err)) throw err;
          throw pgFailure(where, err);
        }
      },
    },
    close: () => pool.end(),
  };
}
