import { describe, expect, it } from "vitest";
import {
  createTokenizer,
  matchRule,
  type RuleInput,
  type SuggestionFacts,
} from "../../../../src/features/routing/rule-matcher.ts";

const tokenizer = createTokenizer();

const PROVINCE = 1;
const HARBIN = 2;
const DAOLI_DISTRICT = 3;
const URBAN_CONSTRUCTION = 10;
const CIVIL_AFFAIRS = 11;
const ROUND_ELDERLY_CARE = 50;

let nextId = 1;
function rule(overrides: Partial<RuleInput>): RuleInput {
  const id = overrides.id ?? nextId++;
  return {
    id,
    name: `rule ${id}`,
    priority: 100,
    roundId: null,
    categoryId: null,
    regionId: null,
    keywords: [],
    departmentId: 1000 + id,
    ...overrides,
  };
}

function facts(overrides: Partial<SuggestionFacts>): SuggestionFacts {
  return {
    roundId: null,
    categoryId: URBAN_CONSTRUCTION,
    regionIds: [DAOLI_DISTRICT, HARBIN, PROVINCE],
    text: "",
    ...overrides,
  };
}

describe("createTokenizer", () => {
  it("when a sentence is segmented, then compound terms come out as dictionary words", () => {
    expect(tokenizer.tokens("我们社区工作者的待遇偏低，建议提高薪酬")).toEqual(
      expect.arrayContaining(["社区", "工作者", "待遇", "薪酬"]),
    );
    expect(tokenizer.tokens("小区停车场收费太高")).toContain("停车场");
    expect(tokenizer.tokens("小区停车场收费太高")).not.toContain("停车");
  });

  it("when text is typed in full-width Latin letters, then it is folded to lower-case half-width words", () => {
    expect(tokenizer.tokens("ＷｉＦｉ 信号差")).toEqual(["wifi", "信号", "差"]);
  });

  it("when called twice, then both tokenizers segment identically", () => {
    const text = "道里区老旧小区加装电梯进展缓慢";
    expect(createTokenizer().tokens(text)).toEqual(tokenizer.tokens(text));
  });
});

describe("matchRule", () => {
  describe("keywords", () => {
    it("when the keyword is only a substring of a longer word in the text, then the rule does not match", () => {
      const parking = rule({ keywords: ["停车"] });
      const text = "小区停车场收费太高，希望物业降低收费标准";
      expect(matchRule([parking], facts({ text }), tokenizer)).toBeNull();
    });

    it("when the keyword is a whole word of the text, then the rule matches and names it", () => {
      const parkingLot = rule({ keywords: ["停车位", "停车场"] });
      const match = matchRule([parkingLot], facts({ text: "小区停车场收费太高，希望物业降低收费标准" }), tokenizer);
      expect(match?.rule).toBe(parkingLot);
      expect(match?.reason).toEqual({ matchedKeywords: ["停车场"] });
    });

    it("when a multi-word keyword appears as consecutive words of the text, then the rule matches", () => {
      const socialWorkers = rule({ keywords: ["社区工作者"] });
      const match = matchRule([socialWorkers], facts({ text: "我们社区工作者的待遇偏低，建议提高薪酬" }), tokenizer);
      expect(match?.reason.matchedKeywords).toEqual(["社区工作者"]);
    });

    it("when the words of a keyword appear apart in the text, then the rule does not match", () => {
      const socialWorkers = rule({ keywords: ["社区工作者"] });
      const text = "社区里的志愿工作者很辛苦";
      expect(tokenizer.tokens(text)).toEqual(expect.arrayContaining(["社区", "工作者"]));
      expect(matchRule([socialWorkers], facts({ text }), tokenizer)).toBeNull();
    });

    it("when a keyword's last word is merged into a longer word in the text, then the rule does not match", () => {
      const elderlyServices = rule({ keywords: ["养老服务"] });
      expect(matchRule([elderlyServices], facts({ text: "居家养老服务需要加强" }), tokenizer)).not.toBeNull();
      expect(matchRule([elderlyServices], facts({ text: "加快社区养老服务中心建设" }), tokenizer)).toBeNull();
    });

    it("when keywords are blank, then they set no condition and the rule alone never matches", () => {
      const blank = rule({ keywords: ["", "  "] });
      expect(matchRule([blank], facts({ text: "任何内容" }), tokenizer)).toBeNull();
    });
  });

  describe("conditions", () => {
    it("when a rule sets no condition at all, then it never matches", () => {
      expect(matchRule([rule({ priority: 0 })], facts({ text: "建议增加停车位" }), tokenizer)).toBeNull();
    });

    it("when the rule's region is an ancestor of the suggestion's region, then the rule matches", () => {
      const harbin = rule({ regionId: HARBIN });
      const match = matchRule([harbin], facts({ regionIds: [DAOLI_DISTRICT, HARBIN, PROVINCE] }), tokenizer);
      expect(match?.rule).toBe(harbin);
      expect(match?.reason).toEqual({ matchedRegion: true, matchedKeywords: [] });
    });

    it("when the rule's region is not the suggestion's region nor an ancestor, then the rule does not match", () => {
      const daoli = rule({ regionId: DAOLI_DISTRICT });
      expect(matchRule([daoli], facts({ regionIds: [HARBIN, PROVINCE] }), tokenizer)).toBeNull();
    });

    it("when one of the rule's conditions fails, then the rule does not match even if the others hold", () => {
      const civilAffairsElevators = rule({ categoryId: CIVIL_AFFAIRS, keywords: ["加装电梯"] });
      const text = "道里区老旧小区加装电梯进展缓慢";
      expect(matchRule([civilAffairsElevators], facts({ categoryId: URBAN_CONSTRUCTION, text }), tokenizer)).toBeNull();
      expect(matchRule([civilAffairsElevators], facts({ categoryId: CIVIL_AFFAIRS, text }), tokenizer)?.reason).toEqual({
        matchedCategory: true,
        matchedKeywords: ["加装电梯"],
      });
    });
  });

  describe("rounds", () => {
    const roundOwner = rule({ roundId: ROUND_ELDERLY_CARE, priority: 999 });
    const eager = rule({ priority: 0, categoryId: URBAN_CONSTRUCTION, regionId: HARBIN, keywords: ["养老"] });

    it("when a suggestion belongs to a round with a rule, then that rule wins over better-prioritised rules", () => {
      const match = matchRule(
        [eager, roundOwner],
        facts({ roundId: ROUND_ELDERLY_CARE, text: "建议社区养老食堂延长营业时间" }),
        tokenizer,
      );
      expect(match?.rule).toBe(roundOwner);
      expect(match?.reason).toEqual({ matchedRound: true, matchedKeywords: [] });
    });

    it("when a suggestion is everyday or of another round, then the round rule does not match", () => {
      const text = "建议社区养老食堂延长营业时间";
      expect(matchRule([roundOwner, eager], facts({ roundId: null, text }), tokenizer)?.rule).toBe(eager);
      expect(matchRule([roundOwner], facts({ roundId: ROUND_ELDERLY_CARE + 1, text }), tokenizer)).toBeNull();
    });
  });

  describe("choosing among matching rules", () => {
    const text = "道里区老旧小区加装电梯进展缓慢，建议简化加装电梯审批，并解决小区停车难";

    it("when several rules match, then the lowest priority number wins even over a more specific rule", () => {
      const broad = rule({ priority: 1, regionId: PROVINCE });
      const specific = rule({ priority: 2, categoryId: URBAN_CONSTRUCTION, regionId: DAOLI_DISTRICT, keywords: ["加装电梯"] });
      expect(matchRule([specific, broad], facts({ text }), tokenizer)?.rule).toBe(broad);
    });

    it("when priorities tie, then the rule with more conditions wins", () => {
      const regionOnly = rule({ id: 1, priority: 5, regionId: HARBIN });
      const regionAndKeyword = rule({ id: 2, priority: 5, regionId: HARBIN, keywords: ["加装电梯"] });
      expect(matchRule([regionOnly, regionAndKeyword], facts({ text }), tokenizer)?.rule).toBe(regionAndKeyword);
    });

    it("when priorities and condition counts tie, then the rule with more matched keywords wins", () => {
      const oneFound = rule({ id: 1, priority: 5, keywords: ["加装电梯", "公交"] });
      const twoFound = rule({ id: 2, priority: 5, keywords: ["加装电梯", "停车难"] });
      const match = matchRule([oneFound, twoFound], facts({ text }), tokenizer);
      expect(match?.rule).toBe(twoFound);
      expect(match?.reason.matchedKeywords).toEqual(["加装电梯", "停车难"]);
    });

    it("when everything else ties, then the lowest id wins whatever the order of the rules", () => {
      const older = rule({ id: 7, priority: 5, categoryId: URBAN_CONSTRUCTION });
      const newer = rule({ id: 8, priority: 5, categoryId: URBAN_CONSTRUCTION });
      expect(matchRule([older, newer], facts({ text }), tokenizer)?.rule).toBe(older);
      expect(matchRule([newer, older], facts({ text }), tokenizer)?.rule).toBe(older);
    });

    it("when no rule matches, then the result is null", () => {
      const transport = rule({ keywords: ["公交", "地铁"] });
      expect(matchRule([transport], facts({ text }), tokenizer)).toBeNull();
      expect(matchRule([], facts({ text }), tokenizer)).toBeNull();
    });
  });
});
