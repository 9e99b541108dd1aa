import { describe, expect, it } from "vitest";
import { newTrackToken, TRACK_TOKEN_PATTERN } from "../../../../src/features/notifications/index.ts";

describe("newTrackToken", () => {
  it("when many tokens are drawn (more than one draw of the pool), then each is 43 base64url characters and none repeats", () => {
    const tokens = Array.from({ length: 1_000 }, () => newTrackToken());
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.every((t) => TRACK_TOKEN_PATTERN.test(t))).toBe(true);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
