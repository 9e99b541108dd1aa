// The per-process caches of pages' reads: a value per key, one load for concurrent misses, the last value kept when a
// reload fails, and cleared on demand.
import { describe, expect, it } from "vitest";
import { keyedTtlCache } from "../../../src/platform/ttl-cache.ts";

describe("keyedTtlCache", () => {
  it("when a key is asked for several times at once, then it is loaded once, and each key has its own value", async () => {
    const loads: number[] = [];
    const cache = keyedTtlCache(60_000, 10, async (key: number) => {
      loads.push(key);
      return key * 10;
    });
    expect(await Promise.all([cache.get(1), cache.get(1), cache.get(2)])).toEqual([10, 10, 20]);
    expect(await cache.get(1)).toBe(10);
    expect(loads).toEqual([1, 2]);
  });

  it("when it is cleared, then the next ask loads again", async () => {
    let n = 0;
    const cache = keyedTtlCache(60_000, 10, async () => ++n);
    expect(await cache.get("a")).toBe(1);
    cache.clear();
    expect(await cache.get("a")).toBe(2);
  });

  it("when the time to live has passed and the reload fails, then the last value is served", async () => {
    let fail = false;
    const cache = keyedTtlCache(1, 10, async () => {
      if (fail) throw new Error("database down");
      return "kept";
    });
    expect(await cache.get("k")).toBe("kept");
    fail = true;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await cache.get("k")).toBe("kept");
  });
});
