/**
 * What the TikLiveAPI source needs from a cache shared with other replicas. Declared here, where it
 * is used, so src/replicas/ (PostgreSQL) implements it and the source never imports replicas.
 */

/** A cache shared across processes with cross-process single-flight. */
export interface SharedCache {
  /**
   * The cached value for `key`, or the value `load` produced here (leader) or in another replica.
   * `load` says whether its value may be kept (`keep: false` for an answer cut short).
   */
  getOrLoad<V>(key: string, ttlMs: number, load: () => Promise<{ value: V; keep: boolean }>, signal?: AbortSignal): Promise<{ value: V; leader: boolean }>;
}
