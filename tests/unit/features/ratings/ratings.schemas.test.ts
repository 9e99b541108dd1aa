import { describe, expect, it } from "vitest";
import { parseRating } from "../../../../src/features/ratings/ratings.schemas.ts";
import { stars } from "../../../../src/features/ratings/ratings.view.ts";

describe("rating form", () => {
  it("when a score from 1 to 5 is chosen, then it is a number and an empty comment is absent", () => {
    expect(parseRating({ score: "5", comment: "  " })).toEqual({ ok: true, data: { score: 5 } });
    expect(parseRating({ score: "1", comment: "很好\r\n谢谢" })).toEqual({ ok: true, data: { score: 1, comment: "很好\n谢谢" } });
  });

  it("when the score is missing or outside 1 to 5, then it asks for one", () => {
    for (const score of [undefined, "", "0", "6", "4.5", "five", "10"]) {
      const r = parseRating({ score });
      expect(r.ok ? null : r.errors.score, String(score)).toBe("ratings:errors.scoreRequired");
    }
  });

  it("when the comment is longer than 500 characters, then it is refused; 500 is fine", () => {
    expect(parseRating({ score: "3", comment: "好".repeat(500) }).ok).toBe(true);
    const r = parseRating({ score: "3", comment: "好".repeat(501) });
    expect(r.ok ? null : r.errors.comment).toBe("ratings:errors.commentTooLong");
  });

  it("when stars are drawn, then filled ones match the score out of five", () => {
    expect(stars(4)).toBe("★★★★☆");
    expect(stars(1)).toBe("★☆☆☆☆");
  });
});
