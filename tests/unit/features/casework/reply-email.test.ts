import { describe, expect, it } from "vitest";
import { createEmailRenderer } from "../../../../src/features/notifications/index.ts";

const renderer = createEmailRenderer({ site: { baseUrl: "https://jy.example", screeningWorkingDays: 5 } });

const data = {
  trackingCode: "LN-2026-7K3M9QXA",
  title: "关于增开夜间公交的建议",
  departmentName: "省交通运输厅",
  departmentNameEn: "Department of Transport of Liaoning Province",
  adoption: "PARTIALLY_ADOPTED",
  body: "第一行 <b>不是标签</b>\n第二行 & 符号",
  explanation: "部分采纳的理由",
  repliedAt: "2026-10-09T02:00:00.000Z",
  trackUrl: "https://jy.example/track",
};

describe("the reply email (suggestion-replied)", () => {
  it("when rendered in Chinese, then both parts carry the department, the result, the explanation and the reply; HTML escapes, text keeps as typed", () => {
    const mail = renderer.render({ template: "suggestion-replied", locale: "zh-CN", data });
    expect(mail.subject).toBe("您的建议已答复（查询码 LN-2026-7K3M9QXA）");
    for (const part of [mail.html, mail.text]) {
      for (const text of ["省交通运输厅", "部分采纳", "部分采纳的理由", "LN-2026-7K3M9QXA", "https://jy.example/track", "《关于增开夜间公交的建议》"]) {
        expect(part, text).toContain(text);
      }
    }
    expect(mail.html).toContain("第一行 &lt;b&gt;不是标签&lt;/b&gt;\n第二行 &amp; 符号");
    expect(mail.html).not.toContain("<b>不是标签</b>");
    expect(mail.text).toContain("第一行 <b>不是标签</b>\n第二行 & 符号");
  });

  it("when rendered in English for a merged suggestion, then it is English and names the case it was merged into", () => {
    const mail = renderer.render({
      template: "suggestion-replied",
      locale: "en",
      data: { ...data, trackingCode: "LN-2026-AAAA2222", title: "Night buses", mergedInto: { trackingCode: "LN-2026-7K3M9QXA", title: "关于增开夜间公交的建议" } },
    });
    expect(mail.subject).toBe("Your suggestion has been answered (tracking code LN-2026-AAAA2222)");
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain("Department of Transport of Liaoning Province");
      expect(part).toContain("Partly adopted");
      expect(part).toContain("handled together with the suggestion “关于增开夜间公交的建议” (tracking code LN-2026-7K3M9QXA)");
    }
  });
});
