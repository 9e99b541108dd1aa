// Reference data (categories, regions, open rounds) is read on every form page and changes a few times a year:
// each web process keeps it for a short while instead of querying per request. A change made by an administrator
// shows up within the TTL on every process, which is why this is a TTL and not an explicit invalidation.

export interface TtlCache<T> {
  get(): Promise<T>;
  clear(): void;
}

export function ttlCache<T>(ttlMs: number, load: () => Promise<T>, clock: () => number = Date.now): TtlCache<T> {
  let value: { v: T; expires: number } | undefined;
  let inflight: Promise<T> | undefined;
  return {
    get() {
      if (value && clock() < value.expires) return Promise.resolve(value.v);
      // Concurrent misses share one query rather than stampeding the database.
      inflight ??= load()
        .then((v) => {
          value = { v, expires: clock() + ttlMs };
          return v;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    clear() {
      value = undefined;
    },
  };
}
