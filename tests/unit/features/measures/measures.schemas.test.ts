import { describe, expect, it } from "vitest";
import { parseLinkForm, parseMeasureForm, splitTrackingCodes } from "../../../../src/features/measures/measures.schemas.ts";
import { isWebUrl } from "../../../../src/web/links.ts";

const TODAY = "2026-03-10";
const valid = {
  type: "LEGISLATION",
  title: "  辽宁省人民建议征集工作条例  ",
  docNumber: "",
  issuingBody: "辽宁省人民代表大会常务委员会",
  issuedOn: "2026-03-10",
  url: "",
  trackingCodes: "ln-2026-7k3m9qxa，LN-2026-ABCD2345\nLN-2026-7K3M9QXA",
};

describe("measure form", () => {
  it("when the form is valid, then text is trimmed, empty optional fields are absent and codes are normalised and deduplicated", () => {
    const r = parseMeasureForm(valid, TODAY);
    expect(r).toEqual({
      ok: true,
      data: {
        type: "LEGISLATION",
        title: "辽宁省人民建议征集工作条例",
        issuingBody: "辽宁省人民代表大会常务委员会",
        issuedOn: "2026-03-10",
        trackingCodes: ["LN-2026-7K3M9QXA", "LN-2026-ABCD2345"],
      },
    });
  });

  it("when the link is not a plain web address, then it is refused", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/a", "www.example.org", "http://"]) {
      expect(isWebUrl(url), url).toBe(false);
      const r = parseMeasureForm({ ...valid, url }, TODAY);
      expect(r.ok ? null : r.errors.url?.key, url).toBe("measures:errors.urlInvalid");
    }
    expect(isWebUrl("https://www.ln.gov.cn/zfxxgk/12.html")).toBe(true);
  });

  it("when the date is malformed, impossible, too early or after today, then each has its message", () => {
    const key = (issuedOn: string) => {
      const r = parseMeasureForm({ ...valid, issuedOn }, TODAY);
      return r.ok ? null : r.errors.issuedOn?.key;
    };
    expect(key("")).toBe("measures:errors.issuedOnRequired");
    expect(key("10/03/2026")).toBe("measures:errors.issuedOnInvalid");
    expect(key("2026-02-29")).toBe("measures:errors.issuedOnInvalid");
    expect(key("1999-12-31")).toBe("measures:errors.issuedOnTooEarly");
    expect(key("2026-03-11")).toBe("measures:errors.issuedOnFuture");
  });

  it("when codes are missing or malformed, then the message names the malformed ones", () => {
    const none = parseMeasureForm({ ...valid, trackingCodes: " ,， " }, TODAY);
    expect(none.ok ? null : none.errors.trackingCodes).toEqual({ key: "measures:errors.codesRequired" });
    const bad = parseMeasureForm({ ...valid, trackingCodes: "LN-2026-ABCD2345 <b>" }, TODAY);
    expect(bad.ok ? null : bad.errors.trackingCodes).toEqual({ key: "measures:errors.codesInvalid", params: { codes: "<B>" } });
  });

  it("when the type is not one of the five, or a field repeats, then the first value is used and checked", () => {
    const r = parseMeasureForm({ ...valid, type: ["MEMO", "LEGISLATION"] }, TODAY);
    expect(r.ok ? null : r.errors.type?.key).toBe("measures:errors.typeRequired");
  });

  it("when codes are typed with Chinese punctuation and full-width dashes, then they are split and read", () => {
    expect(splitTrackingCodes("LN－2026－ABCD2345、 ln-2026-abcd2346；")).toEqual(["LN-2026-ABCD2345", "LN-2026-ABCD2346"]);
  });

  it("when the link form has no measure or a non-number, then it asks to choose one", () => {
    expect(parseLinkForm({ measureId: "12" })).toEqual({ ok: true, data: { measureId: 12 } });
    for (const measureId of ["", "0", "-1", "1e3", "abc"]) {
      const r = parseLinkForm({ measureId });
      expect(r.ok ? null : r.errors.measureId?.key, measureId).toBe("measures:errors.measureRequired");
    }
  });
});
