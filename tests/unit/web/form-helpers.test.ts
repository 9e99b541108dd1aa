// The models behind the form partials: how a field is wired for assistive technology, and where option lists
// come from (the database's enums, reference data) in the reader's language.
import { describe, expect, it } from "vitest";
import { NotAcceptedReason, PolicyMeasureType } from "../../../src/generated/prisma/enums.ts";
import { translator } from "../../../src/platform/i18n.ts";
import { enumOptionList, errorSummaryModel, fieldModel, referenceOptionList } from "../../../src/web/form-helpers.ts";
import { viewHelpers } from "../../../src/web/view-helpers.ts";

const zh = translator("zh-CN");
const en = translator("en");

describe("a field's model", () => {
  it("when a field has a hint and an error, then the control is described by both, hint first, and is invalid", () => {
    const f = fieldModel({ id: "f-title", label: "标题", hint: "5–100 个字", error: "请填写标题。" }, zh);
    expect(f).toMatchObject({ name: "f-title", type: "text", hintId: "f-title-hint", errorId: "f-title-error", describedBy: "f-title-hint f-title-error", invalid: true });
  });

  it("when a field has neither a hint nor an error, then it points at nothing and is not invalid", () => {
    const f = fieldModel({ id: "f-status", name: "status", label: "状态", hint: "", error: false }, zh);
    expect(f.describedBy).toBeUndefined();
    expect(f.invalid).toBe(false);
    expect(f.hint).toBeUndefined();
    expect(f.error).toBeUndefined();
  });

  it("when a field is required, optional, or required without the mark, then the mark says so in the reader's language", () => {
    expect(fieldModel({ id: "a", required: true }, zh).marker).toEqual({ className: "req", text: zh("common:required") });
    expect(fieldModel({ id: "a", optional: true }, en).marker).toEqual({ className: "opt", text: en("common:optional") });
    expect(fieldModel({ id: "a", required: true, marker: false }, zh).marker).toBeUndefined();
    expect(fieldModel({ id: "a", required: true, marker: false }, zh).required).toBe(true);
    expect(fieldModel({ id: "a" }, zh).marker).toBeUndefined();
  });

  it("when a field has no id, then building it fails rather than rendering a label that points nowhere", () => {
    expect(() => fieldModel({ label: "x" }, zh)).toThrow(/id/);
  });

  it("when a select has a value, then the option with that value is selected, whether the value came as a number or a string", () => {
    const options = [{ id: 3, label: "三" }, { id: 12, label: "十二" }];
    expect(fieldModel({ id: "s", type: "select", value: 12, options }, zh).options.map((o) => o.selected)).toEqual([false, true]);
    expect(fieldModel({ id: "s", type: "select", value: " 3 ", options }, zh).options.map((o) => o.selected)).toEqual([true, false]);
  });

  it("when a select has no value, then the options keep the selection they bring", () => {
    const options = [{ value: "open", label: "办理中", selected: false }, { value: "all", label: "全部", selected: true }];
    expect(fieldModel({ id: "s", type: "select", options }, zh).options.map((o) => o.selected)).toEqual([false, true]);
  });

  it("when a checkbox group's value is a list, then each option in the list is checked, and only a radio group marks its inputs required", () => {
    const options = [{ id: 1, label: "a" }, { id: 2, label: "b" }, { id: 3, label: "c" }];
    const group = fieldModel({ id: "g", type: "checkbox", value: [3, 1], options, required: true }, zh);
    expect(group.options.map((o) => o.selected)).toEqual([true, false, true]);
    expect(group.choiceRequired).toBe(false);
    expect(fieldModel({ id: "g", type: "radio", options, required: true }, zh).choiceRequired).toBe(true);
  });

  it("when a value is false (from `and`), then the field has no value rather than the word false", () => {
    expect(fieldModel({ id: "n", type: "textarea", value: false }, zh).value).toBeUndefined();
  });

  it("when a password or a file input is built, then it carries no value attribute", () => {
    expect(fieldModel({ id: "p", type: "password" }, zh).hasValueAttribute).toBe(false);
    expect(fieldModel({ id: "f", type: "file" }, zh).hasValueAttribute).toBe(false);
    expect(fieldModel({ id: "t", type: "text" }, zh).hasValueAttribute).toBe(true);
  });
});

describe("option lists", () => {
  it("when the not-accepted reasons are listed, then every value of the database enum appears once, in its order, labelled in both languages", () => {
    for (const t of [zh, en]) {
      const options = enumOptionList("NotAcceptedReason", "coordination:notAcceptedReason", t);
      expect(options.map((o) => o.value)).toEqual(Object.values(NotAcceptedReason));
      for (const o of options) {
        expect(o.label).toBe(t(`coordination:notAcceptedReason.${o.value}`));
        expect(o.label).not.toContain("notAcceptedReason");
      }
    }
    expect(enumOptionList("NotAcceptedReason", "coordination:notAcceptedReason", en)[0]!.label).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("when a value was chosen before a failed post, then it is the one selected again", () => {
    const options = enumOptionList("NotAcceptedReason", "coordination:notAcceptedReason", zh, "PRIVATE_DISPUTE");
    expect(options.filter((o) => o.selected).map((o) => o.value)).toEqual(["PRIVATE_DISPUTE"]);
  });

  it("when labels are keys with a context suffix (ns:key_VALUE), then they are read that way", () => {
    const options = enumOptionList("PolicyMeasureType", "measures:kind_", zh);
    expect(options.map((o) => o.value)).toEqual(Object.values(PolicyMeasureType));
    expect(options.map((o) => o.label)).toEqual(Object.values(PolicyMeasureType).map((v) => zh("measures:kind", { context: v })));
  });

  it("when a value list kept in code (the referral channels) is passed in, then its values are offered with their labels", () => {
    const options = enumOptionList(["HOTLINE_12345", "PETITION"], "coordination:channel", zh);
    expect(options.map((o) => o.value)).toEqual(["HOTLINE_12345", "PETITION"]);
    expect(options.map((o) => o.label)).toEqual([zh("coordination:channel.HOTLINE_12345"), zh("coordination:channel.PETITION")]);
  });

  it("when an enum name is unknown, then listing it fails loudly", () => {
    expect(() => enumOptionList("NoSuchEnum", "x:y", zh)).toThrow(/NoSuchEnum/);
  });

  it("when reference data is listed in English, then the English name is used, and the Chinese one where there is none", () => {
    const records = [{ id: 1, name: "省教育厅", nameEn: "Department of Education" }, { id: 2, name: "省数据局", nameEn: "" }];
    expect(referenceOptionList(records, "name", "en").map((o) => o.label)).toEqual(["Department of Education", "省数据局"]);
    expect(referenceOptionList(records, "name", "zh-CN").map((o) => o.label)).toEqual(["省教育厅", "省数据局"]);
  });
});

describe("an error summary's model", () => {
  it("when one message names the field it belongs to, then it becomes one link to that field", () => {
    expect(errorSummaryModel({ message: "请填写理由。", link: "ext-3-refuse-note" })).toMatchObject({ errors: [{ id: "ext-3-refuse-note", message: "请填写理由。" }], message: undefined, shown: true });
  });

  it("when there is nothing to fix, then nothing is shown", () => {
    expect(errorSummaryModel({ errors: [] }).shown).toBe(false);
    expect(errorSummaryModel({ message: "" }).shown).toBe(false);
  });
});

describe("and / or", () => {
  const opts = {} as never;
  it("when used for a value, then they give the deciding value like JavaScript's && and ||", () => {
    expect(viewHelpers.or("", "2026-10-09", opts)).toBe("2026-10-09");
    expect(viewHelpers.or("2026-10-01", "2026-10-09", opts)).toBe("2026-10-01");
    expect(viewHelpers.and(true, "note", opts)).toBe("note");
    expect(viewHelpers.and(false, "note", opts)).toBe(false);
  });
});
