import { describe, expect, it } from "vitest";
import {
  decodeCursor, encodeCursor, extensionFormSchema, parseInboxQuery, replyFormSchema,
} from "../../../../src/features/casework/casework.schemas.ts";
import { parseForm } from "../../../../src/web/forms.ts";

describe("casework input", () => {
  it("when a cursor is encoded and decoded, then it is the same position; anything else is no cursor", () => {
    const c = { dueAt: new Date("2026-10-09T15:59:59.999Z"), id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ["", "abc", "1.0", "1.-1", "-5.3", "1.2.3", ["x"], 12, undefined]) expect(decodeCursor(bad)).toBeUndefined();
  });

  it("when the inbox query string has junk, then it means no filter; a valid one is kept", () => {
    expect(parseInboxQuery({ status: "<script>", round: "x", category: "0", department: "1e3" })).toEqual({ status: "open" });
    expect(parseInboxQuery({ status: "REPLIED", round: "3", category: "7", department: "2", after: "1000.5" })).toEqual({
      status: "REPLIED", roundId: 3, categoryId: 7, departmentId: 2, after: { dueAt: new Date(1000), id: 5 },
    });
    expect(parseInboxQuery({ status: ["all", "open"] }).status).toBe("all");
  });

  it("when a reply is typed with HTML, CR LF and spaces around, then it is kept as typed apart from the line ends and the outer spaces", () => {
    const r = parseForm(replyFormSchema, { body: "  <b>答复</b>\r\n第二行  ", adoption: "ADOPTED", explanation: "说明" });
    expect(r).toEqual({ ok: true, data: { body: "<b>答复</b>\n第二行", adoption: "ADOPTED", explanation: "说明" } });
  });

  it("when the reply lacks its parts, then each field has its message", () => {
    const r = parseForm(replyFormSchema, { body: " ", adoption: "MAYBE" });
    expect(r).toEqual({
      ok: false,
      errors: { body: "casework:errors.bodyRequired", adoption: "casework:errors.adoptionRequired", explanation: "casework:errors.explanationRequired" },
    });
  });

  it("when the extension's working days are outside 1..max, then it is refused with the range message", () => {
    const schema = extensionFormSchema(15);
    expect(parseForm(schema, { reason: "r", workingDays: "１５" })).toEqual({ ok: true, data: { reason: "r", workingDays: 15 } });
    for (const workingDays of ["0", "16", "-1", "2.5"]) {
      const r = parseForm(schema, { reason: "r", workingDays });
      expect(r.ok, workingDays).toBe(false);
    }
    expect(parseForm(schema, { reason: "r" })).toEqual({ ok: false, errors: { workingDays: "casework:errors.workingDaysRequired" } });
  });
});
