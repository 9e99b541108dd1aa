// Reference data (categories, regions, open rounds) is read on every form page and changes a few times a year:
// each web process keeps it for a short while instead of querying per request. A change made by an administrator
// shows up within the TTL on every process, which is why this is a TTL and not an explicit invalidation.
import { LRUCache } from "lru-cache";

// lru-cache's default (1 ms) remembers the clock for a millisecond behind a setTimeout: a timer per read when reads
// are further apart than that, as a web process's are (~0.6% of the submission path). Reading the clock is cheaper.
const TTL_RESOLUTION = 0;

export interface TtlCache<T> {
  get(): Promise<T>;
  clear(): void;
}

export interface KeyedTtlCache<K, V> {
  get(key: K): Promise<V>;
  clear(): void;
}

/**
 * One value per key (a figure per round, say), each kept for `ttlMs`, at most `max` keys; concurrent misses on a key
 * share one load (lru-cache's fetch) instead of stampeding. Only for values where being `ttlMs` behind is honest:
 * say so where it is used.
 */
export function keyedTtlCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  ttlMs: number,
  max: number,
  load: (key: K) => Promise<V>,
): KeyedTtlCache<K, V> {
  const cache = new LRUCache<K, V>({
    max,
    ttl: ttlMs,
    ttlResolution: TTL_RESOLUTION,
    fetchMethod: (key) => load(key),
    // During a database outage the last value is served rather than nothing, so a form can still be shown again
    // with what was typed (and say it was not saved).
    allowStaleOnFetchRejection: true,
    noDeleteOnFetchRejection: true,
  });
  return {
    async get(key) {
      const value = await cache.fetch(key);
      if (value === undefined) throw new Error("cached value could not be loaded");
      return value;
    },
    clear: () => cache.clear(),
  };
}

/** One value, loaded on demand: a keyed cache of one key. */
export function ttlCache<T extends object>(ttlMs: number, load: () => Promise<T>): TtlCache<T> {
  const cache = keyedTtlCache<"value", T>(ttlMs, 1, () => load());
  return { get: () => cache.get("value"), clear: cache.clear };
}
