// The corpus (tests/fixtures/privacy/corpus.ts): every piece of personal data found, nothing else masked.
import { describe, expect, it } from "vitest";
import {
  findPersonalData, isLuhnValid, isValidResidentId18, maskPersonalData, personalDataKinds,
} from "../../../../src/features/privacy/index.ts";
import { ORDINARY, WITH_PERSONAL_DATA, type PrivacyCase } from "../../../fixtures/privacy/corpus.ts";

const found = (c: PrivacyCase) => findPersonalData(c.text, { names: c.names }).map((m) => [m.kind, m.text]);

describe("personal data in free text", () => {
  it("when the corpus is read, then it has at least 100 sentences, with and without personal data, of every kind", () => {
    expect(WITH_PERSONAL_DATA.length + ORDINARY.length).toBeGreaterThanOrEqual(100);
    expect(ORDINARY.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(WITH_PERSONAL_DATA.flatMap((c) => c.expected.map(([kind]) => kind)));
    expect([...kinds].sort()).toEqual(["bankCard", "email", "idCard", "landline", "licencePlate", "mobile", "name"]);
    for (const c of WITH_PERSONAL_DATA) for (const [, value] of c.expected) expect(c.text, value).toContain(value);
  });

  it("when sentences with personal data are searched, then every piece is found with its kind, and nothing more", () => {
    const wrong = WITH_PERSONAL_DATA.filter((c) => JSON.stringify(found(c)) !== JSON.stringify(c.expected))
      .map((c) => ({ text: c.text, expected: c.expected, found: found(c) }));
    expect(wrong).toEqual([]);
  });

  it("when sentences full of ordinary numbers are searched, then nothing is found", () => {
    const falseAlarms = ORDINARY.map((c) => ({ text: c.text, found: found(c) })).filter((r) => r.found.length > 0);
    expect(falseAlarms).toEqual([]);
  });

  it("when a sentence is masked, then no personal value survives and every other character is kept", () => {
    for (const c of WITH_PERSONAL_DATA) {
      const masked = maskPersonalData(c.text, { names: c.names });
      for (const [, value] of c.expected) expect(masked, c.text).not.toContain(value);
      let expected = c.text;
      for (const [kind, value] of c.expected) expected = expected.replace(value, `<${kind}>`);
      const labelled = maskPersonalData(c.text, { names: c.names })
        .replace(/【手机号已隐藏】/g, "<mobile>").replace(/【电话号码已隐藏】/g, "<landline>")
        .replace(/【身份证号已隐藏】/g, "<idCard>").replace(/【银行卡号已隐藏】/g, "<bankCard>")
        .replace(/【邮箱已隐藏】/g, "<email>").replace(/【车牌号已隐藏】/g, "<licencePlate>").replace(/【姓名已隐藏】/g, "<name>");
      expect(labelled).toBe(expected);
    }
    for (const c of ORDINARY) expect(maskPersonalData(c.text, { names: c.names })).toBe(c.text);
  });

  it("when a sentence is masked, then the placeholder says what was hidden, in Chinese by default and in English on request", () => {
    const text = "请联系我，手机13812345678。";
    expect(maskPersonalData(text)).toBe("请联系我，手机【手机号已隐藏】。");
    expect(maskPersonalData(text, { locale: "en" })).toBe("请联系我，手机[mobile number hidden]。");
  });

  it("when the citizen's form asks which kinds a draft contains, then each kind is named once, in reading order", () => {
    expect(personalDataKinds("电话13812345678，备用13912345678，邮箱a@b.cn，我叫李四", { names: ["李四"] }))
      .toEqual(["mobile", "email", "name"]);
    expect(personalDataKinds("2026年改造老旧小区1,200个。")).toEqual([]);
  });

  it("when the offsets of a finding are used, then they point at the characters as typed", () => {
    const text = "身份证２１０１０２１９８５０３１２１２３９，电话０２４－２３４５６７８９";
    for (const m of findPersonalData(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(findPersonalData(text).map((m) => m.kind)).toEqual(["idCard", "landline"]);
  });
});

describe("check digits", () => {
  it("when an 18-digit ID number is checked, then only the right check character passes (X in either case)", () => {
    expect(isValidResidentId18("210102198503121239")).toBe(true);
    expect(isValidResidentId18("21020219900726234X")).toBe(true);
    expect(isValidResidentId18("21020219900726234x")).toBe(true);
    expect(isValidResidentId18("210102198503121231")).toBe(false);
    expect(isValidResidentId18("21010219850312123")).toBe(false);
  });

  it("when a card number is checked, then Luhn decides", () => {
    expect(isLuhnValid("6222021234567890128")).toBe(true);
    expect(isLuhnValid("6222021234567890127")).toBe(false);
  });
});
