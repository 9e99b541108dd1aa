import { beforeAll, describe, expect, it } from "vitest";
import { createPredictor, train, type RoutingModel, type TrainingExample } from "../../../../src/features/routing-model/index.ts";

const EXAMPLES: TrainingExample[] = [
  { text: "小区供暖温度不达标，暖气不热，建议退还供暖费", departmentCode: "HOUSING" },
  { text: "老旧小区加装电梯补贴太少，审批手续复杂", departmentCode: "HOUSING" },
  { text: "物业服务差，小区电梯经常困人，供暖管网老化", departmentCode: "HOUSING" },
  { text: "公交末班车太早，建议延长公交运营时间", departmentCode: "TRANSPORT" },
  { text: "农村客运班线停运，村民去县城看病不方便，希望恢复公交", departmentCode: "TRANSPORT" },
  { text: "公交站没有候车亭，冬天等公交车很冷", departmentCode: "TRANSPORT" },
  { text: "课后服务内容单一，建议学校开设兴趣课程", departmentCode: "EDU", facets: ["category=EDUCATION"] },
  { text: "学生近视率高，学校应保证户外活动时间", departmentCode: "EDU", facets: ["category=EDUCATION"] },
];

// Loading jieba's dictionary takes seconds on a busy machine: done once, outside the tests' timeouts.
beforeAll(() => {
  train(EXAMPLES);
}, 120_000);

describe("routing model (naive Bayes)", () => {
  it("when trained, then the model is plain JSON with its version, date, vocabulary and per-department counts", () => {
    const model = train(EXAMPLES, { version: 3, trainedAt: new Date("2026-11-30T02:00:00Z") });
    expect(model).toMatchObject({ format: 1, algorithm: "multinomial-naive-bayes", version: 3, trainedAt: "2026-11-30T02:00:00.000Z", examples: 8 });
    expect(model.departments.map((d) => d.departmentCode)).toEqual(["EDU", "HOUSING", "TRANSPORT"]);
    expect(model.vocabulary).toContain("公交");
    expect(model.vocabulary).not.toContain("的");
    const copy = JSON.parse(JSON.stringify(model)) as RoutingModel;
    expect(copy).toEqual(model);
  });

  it("when a new text is predicted, then the department, a confidence and the words that drove it come back", () => {
    const predictor = createPredictor(JSON.parse(JSON.stringify(train(EXAMPLES))) as RoutingModel);
    const p = predictor.predict({ text: "希望增加夜班公交，方便晚上下班的人，冬天等车太冷" });
    expect(p?.departmentCode).toBe("TRANSPORT");
    expect(p?.confidence).toBeGreaterThan(0.5);
    expect(p?.confidence).toBeLessThanOrEqual(1);
    expect(p?.runnerUp?.confidence).toBeLessThan(p?.confidence ?? 0);
    expect(p?.topWords.map((w) => w.word)).toContain("公交");
    for (const w of p?.topWords ?? []) expect(w.weight).toBeGreaterThan(0);

    const housing = predictor.predict({ text: "我们小区暖气不热，电梯也老化了" });
    expect(housing?.departmentCode).toBe("HOUSING");
  });

  it("when a facet is given, then it counts as evidence but is not shown as one of the text's words", () => {
    const predictor = createPredictor(train(EXAMPLES, { minDocuments: 1 }));
    const p = predictor.predict({ text: "学校", facets: ["category=EDUCATION"] });
    expect(p?.departmentCode).toBe("EDU");
    expect(p?.topWords.every((w) => !w.word.startsWith("#"))).toBe(true);
  });

  it("when a text shares no word with the vocabulary, then there is no prediction", () => {
    expect(createPredictor(train(EXAMPLES)).predict({ text: "。。。 2026" })).toBeNull();
  });

  it("when there is nothing to learn from, then training refuses", () => {
    expect(() => train([])).toThrow(RangeError);
  });

  it("when a model of another format is loaded, then the predictor refuses it", () => {
    const model = { ...train(EXAMPLES), format: 2 } as unknown as RoutingModel;
    expect(() => createPredictor(model)).toThrow(RangeError);
  });
});
