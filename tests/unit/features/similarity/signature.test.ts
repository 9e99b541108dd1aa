import { beforeAll, describe, expect, it } from "vitest";
import { computeSignature, cosine, MAX_TERMS } from "../../../../src/features/similarity/index.ts";

const HEATING = {
  title: "关于解决老旧小区冬季供暖温度不达标的建议",
  body: "今年冬天室内温度经常只有14到16度，达不到18度的标准。建议入户测温，对长期不达标的住户退还部分供暖费。",
};

// Loading jieba's dictionary and IDF table takes seconds on a busy machine: done once, outside the tests' timeouts.
beforeAll(() => {
  computeSignature(HEATING);
}, 120_000);

describe("text signature", () => {
  it("when a text is signed, then its weights form a unit vector, strongest first, and the text scores 1 with itself", () => {
    const s = computeSignature(HEATING);
    expect(s.terms.length).toBeGreaterThan(5);
    expect(s.terms.length).toBe(s.weights.length);
    expect(Math.hypot(...s.weights)).toBeCloseTo(1, 6);
    expect([...s.weights].sort((a, b) => b - a)).toEqual(s.weights);
    expect(cosine(s, s)).toBeCloseTo(1, 6);
  });

  it("when the same text is signed twice, then the signatures are identical", () => {
    expect(computeSignature(HEATING)).toEqual(computeSignature({ ...HEATING }));
  });

  it("when a text is segmented, then stop words, boilerplate, punctuation and numbers carry no weight", () => {
    const s = computeSignature(HEATING);
    for (const word of ["的", "建议", "关于", "18", "，", "。"]) expect(s.terms).not.toContain(word);
    expect(s.terms).toEqual(expect.arrayContaining(["供暖费", "测温", "达标"]));
  });

  it("when full-width characters are typed, then they sign like their half-width forms", () => {
    expect(computeSignature({ title: "ＷｉＦｉ覆盖公交车", body: "" })).toEqual(computeSignature({ title: "wifi覆盖公交车", body: "" }));
  });

  it("when a long text is signed, then at most MAX_TERMS terms are kept", () => {
    const body = Array.from({ length: 120 }, (_, i) => `第${i}条意见涉及${["教育", "交通", "医疗", "住房", "就业", "养老", "环境", "文化"][i % 8]}${["公平", "拥堵", "报销", "保障", "培训", "服务", "治理", "设施"][(i * 3) % 8]}${"甲乙丙丁戊己庚辛壬癸"[i % 10]}区`).join("；");
    expect(computeSignature({ title: "综合建议", body }).terms.length).toBeLessThanOrEqual(MAX_TERMS);
  });

  it("when a text has nothing but stop words and numbers, then its signature is empty and scores 0", () => {
    const empty = computeSignature({ title: "关于……的建议", body: "我们希望 2026，123。" });
    expect(empty).toEqual({ terms: [], weights: [] });
    expect(cosine(empty, computeSignature(HEATING))).toBe(0);
  });
});
