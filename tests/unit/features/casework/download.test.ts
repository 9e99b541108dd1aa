import { describe, expect, it } from "vitest";
import { contentDisposition } from "../../../../src/features/casework/download.ts";

describe("the download's Content-Disposition", () => {
  it("when the name is ASCII, then both forms carry it", () => {
    expect(contentDisposition("report.pdf")).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it("when the name is Chinese, then the fallback is ASCII and the exact name is RFC 5987 encoded", () => {
    expect(contentDisposition("线路图.pdf")).toBe(`attachment; filename="___.pdf"; filename*=UTF-8''%E7%BA%BF%E8%B7%AF%E5%9B%BE.pdf`);
  });

  it("when the name holds quotes, backslashes, semicolons or RFC 5987 specials, then the header cannot be broken out of", () => {
    const header = contentDisposition(`a"b\\c;d%e'f(g)*.txt`);
    expect(header).toBe(`attachment; filename="a_b_c_d_e'f(g)*.txt"; filename*=UTF-8''a%22b%5Cc%3Bd%25e%27f%28g%29%2A.txt`);
    expect(contentDisposition("\r\nSet-Cookie: x=1")).not.toMatch(/[\r\n]/);
  });
});
