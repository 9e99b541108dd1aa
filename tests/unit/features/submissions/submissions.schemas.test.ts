import { describe, expect, it } from "vitest";
import {
  normalizePhone,
  parseRoundSuggestionForm,
  parseSuggestionForm,
  sanitizeFileName,
} from "../../../../src/features/submissions/submissions.schemas.ts";

const valid = {
  _csrf: "token",
  title: "关于增设社区老年助餐点的建议",
  categoryId: "2",
  regionId: "17",
  problem: "老旧小区老年人多，附近没有助餐点，吃饭很不方便。",
  proposal: "建议由街道牵头，利用社区用房开设老年助餐点，给予适当补贴。",
  realName: "张三",
  phone: "13812345678",
};

function errorsOf(body: Record<string, unknown>) {
  const r = parseSuggestionForm(body);
  return r.ok ? {} : r.errors;
}

describe("suggestion form schema", () => {
  it("when every required field is valid, then it parses with ids as numbers", () => {
    const r = parseSuggestionForm(valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ categoryId: 2, regionId: 17, phone: "13812345678" });
    expect(r.data.email).toBeUndefined();
    expect(r.data).not.toHaveProperty("_csrf");
  });

  it("when the consent boxes are not ticked, then both default to false", () => {
    const r = parseSuggestionForm(valid);
    expect(r.ok && r.data.consentPublish).toBe(false);
    expect(r.ok && r.data.hideIdentity).toBe(false);
  });

  it("when the consent boxes are ticked, then both are true; odd values count as unticked", () => {
    const ticked = parseSuggestionForm({ ...valid, consentPublish: "on", hideIdentity: "on" });
    expect(ticked.ok && ticked.data.consentPublish && ticked.data.hideIdentity).toBe(true);
    const odd = parseSuggestionForm({ ...valid, consentPublish: "maybe", hideIdentity: ["x"] });
    expect(odd.ok && (odd.data.consentPublish || odd.data.hideIdentity)).toBe(false);
  });

  it("when text fields carry surrounding spaces, then they are trimmed and a title's inner line breaks fold", () => {
    const r = parseSuggestionForm({ ...valid, title: "  关于增设社区\r\n老年助餐点的建议  ", realName: "  张三 ", problem: `  ${valid.problem}\r\n第二行  ` });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.title).toBe("关于增设社区 老年助餐点的建议");
    expect(r.data.realName).toBe("张三");
    expect(r.data.problem).toBe(`${valid.problem}\n第二行`);
  });

  it("when text contains NUL or other control characters, then they are removed", () => {
    const r = parseSuggestionForm({ ...valid, title: "关于\u0000增设\u0007助餐点的建议" });
    expect(r.ok && r.data.title).toBe("关于增设助餐点的建议");
  });

  it("when the title is empty, only spaces, too short or too long, then each gets its own message", () => {
    expect(errorsOf({ ...valid, title: "" }).title).toBe("submissions:errors.titleRequired");
    expect(errorsOf({ ...valid, title: "   " }).title).toBe("submissions:errors.titleRequired");
    expect(errorsOf({ ...valid, title: undefined }).title).toBe("submissions:errors.titleRequired");
    expect(errorsOf({ ...valid, title: "关于建议" }).title).toBe("submissions:errors.titleTooShort");
    expect(errorsOf({ ...valid, title: "字".repeat(101) }).title).toBe("submissions:errors.titleTooLong");
    expect(errorsOf({ ...valid, title: "a".repeat(200 * 1024) }).title).toBe("submissions:errors.titleTooLong");
    expect(errorsOf({ ...valid, title: "字".repeat(100) }).title).toBeUndefined();
    expect(errorsOf({ ...valid, title: "字".repeat(5) }).title).toBeUndefined();
  });

  it("when problem or proposal is outside 10–5000 characters, then they get field messages", () => {
    expect(errorsOf({ ...valid, problem: "太短了" }).problem).toBe("submissions:errors.problemTooShort");
    expect(errorsOf({ ...valid, proposal: "字".repeat(5001) }).proposal).toBe("submissions:errors.proposalTooLong");
    expect(errorsOf({ ...valid, proposal: "字".repeat(5000) }).proposal).toBeUndefined();
    // A browser sends CR LF: the limit counts what the citizen sees.
    expect(errorsOf({ ...valid, proposal: "字\r\n".repeat(2000) }).proposal).toBeUndefined();
    expect(errorsOf({ ...valid, problem: "" }).problem).toBe("submissions:errors.problemRequired");
  });

  it("when the name is missing or longer than 50 characters, then it gets a message", () => {
    expect(errorsOf({ ...valid, realName: " " }).realName).toBe("submissions:errors.realNameRequired");
    expect(errorsOf({ ...valid, realName: "名".repeat(51) }).realName).toBe("submissions:errors.realNameTooLong");
    expect(errorsOf({ ...valid, realName: "名".repeat(50) }).realName).toBeUndefined();
  });

  it("when a mainland mobile number is typed with spaces, dashes, +86 or full-width digits, then it normalizes to 11 digits", () => {
    for (const typed of ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "+8613812345678", "0086 13812345678", "8613812345678", "１３８１２３４５６７８"]) {
      const r = parseSuggestionForm({ ...valid, phone: typed });
      expect(r.ok && r.data.phone, typed).toBe("13812345678");
    }
  });

  it("when the phone is not a mainland mobile number, then it is refused", () => {
    for (const typed of ["12812345678", "1381234567", "138123456789", "024-12345678", "+852 9123 4567", "+1 415 555 0100", "abcdefghijk", "23812345678"]) {
      expect(errorsOf({ ...valid, phone: typed }).phone, typed).toBe("submissions:errors.phoneInvalid");
    }
    expect(errorsOf({ ...valid, phone: "" }).phone).toBe("submissions:errors.phoneRequired");
  });

  it("when normalizePhone gets a number with a country code, then only the national number is kept", () => {
    expect(normalizePhone("+86-139-0000-1111")).toBe("13900001111");
    expect(normalizePhone("（139）0000 1111")).toBe("13900001111");
  });

  it("when the email is empty it is undefined; when malformed it is refused; otherwise lower-cased", () => {
    const empty = parseSuggestionForm({ ...valid, email: "  " });
    expect(empty.ok && empty.data.email).toBeUndefined();
    expect(errorsOf({ ...valid, email: "not-an-email" }).email).toBe("submissions:errors.emailInvalid");
    expect(errorsOf({ ...valid, email: `${"a".repeat(250)}@example.com` }).email).toBe("submissions:errors.emailInvalid");
    const given = parseSuggestionForm({ ...valid, email: " Zhang.San@Example.COM " });
    expect(given.ok && given.data.email).toBe("zhang.san@example.com");
  });

  it("when category or region is missing or not a number, then the 'choose' message is given", () => {
    expect(errorsOf({ ...valid, categoryId: "" }).categoryId).toBe("submissions:errors.categoryRequired");
    expect(errorsOf({ ...valid, categoryId: "abc" }).categoryId).toBe("submissions:errors.categoryRequired");
    expect(errorsOf({ ...valid, categoryId: "-3" }).categoryId).toBe("submissions:errors.categoryRequired");
    expect(errorsOf({ ...valid, categoryId: "0" }).categoryId).toBe("submissions:errors.categoryRequired");
    expect(errorsOf({ ...valid, regionId: "1e3" }).regionId).toBe("submissions:errors.regionRequired");
    expect(errorsOf({ ...valid, regionId: "99999999999" }).regionId).toBe("submissions:errors.regionRequired");
  });

  it("when a field is repeated in the body, then the first value counts", () => {
    const r = parseSuggestionForm({ ...valid, title: [valid.title, "x"], categoryId: ["3", "4"] });
    expect(r.ok && r.data.title).toBe(valid.title);
    expect(r.ok && r.data.categoryId).toBe(3);
  });

  it("when the body is empty, then every required field has a message", () => {
    const r = parseSuggestionForm(undefined);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["categoryId", "phone", "problem", "proposal", "realName", "regionId", "title"]);
  });

  it("when a round suggestion has no sub-topic, then the topic is required", () => {
    const r = parseRoundSuggestionForm(valid);
    expect(r.ok ? {} : r.errors).toEqual({ topicId: "submissions:errors.topicRequired" });
    const ok = parseRoundSuggestionForm({ ...valid, topicId: "4" });
    expect(ok.ok && ok.data.topicId).toBe(4);
  });
});

describe("sanitizeFileName", () => {
  it("when a name carries a path, control or bidi characters, then only a clean base name is kept", () => {
    expect(sanitizeFileName("C:\\Users\\张三\\报告.pdf")).toBe("报告.pdf");
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("report\u202Efdp.exe")).toBe("reportfdp.exe");
    expect(sanitizeFileName("a\u0000b<c>.png")).toBe("abc.png");
    expect(sanitizeFileName("")).toBe("attachment");
    expect(sanitizeFileName("..")).toBe("attachment");
    expect([...sanitizeFileName(`${"长".repeat(300)}.docx`)].length).toBe(120);
    expect(sanitizeFileName(`${"长".repeat(300)}.docx`).endsWith(".docx")).toBe(true);
  });
});
