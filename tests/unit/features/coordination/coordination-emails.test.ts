import { describe, expect, it } from "vitest";
import { createEmailRenderer } from "../../../../src/features/notifications/email-renderer.ts";

const renderer = createEmailRenderer({ site: { baseUrl: "https://jy.example", screeningWorkingDays: 5 } });
const base = { trackingCode: "JY-2026-7K3M9QXA", title: "关于<i>课后服务</i>的建议", trackUrl: "https://jy.example/track" };

describe("the collection office's emails to citizens", () => {
  it("when the acceptance is rendered, then it names the lead department and the deadline in the citizen's language", () => {
    const data = { ...base, leadDepartment: { name: "省教育厅", nameEn: "Department of Education of Liaoning Province" }, replyDueAt: "2026-03-20T15:59:59.999Z" };
    const zh = renderer.render({ template: "suggestion-accepted", locale: "zh-CN", data });
    expect(zh.subject).toBe("您的建议已受理（查询码 JY-2026-7K3M9QXA）");
    expect(zh.text).toContain("已予受理，并交省教育厅主办");
    expect(zh.text).toContain("答复期限：2026/03/20");
    expect(zh.text).toContain("《关于<i>课后服务</i>的建议》");
    expect(zh.html).toContain("关于&lt;i&gt;课后服务&lt;/i&gt;的建议");
    const en = renderer.render({ template: "suggestion-accepted", locale: "en", data });
    expect(en.text).toContain("Department of Education of Liaoning Province");
    expect(en.text).toMatch(/20 Mar 2026|03\/20\/2026/);
  });

  it("when the not-accepted email is rendered, then it gives the reason in words and the note", () => {
    const data = { ...base, reason: "LEGAL_CHANNEL", reasonKey: "emails:suggestion-not-accepted.reasons.LEGAL_CHANNEL", note: "请通过行政复议解决。" };
    const zh = renderer.render({ template: "suggestion-not-accepted", locale: "zh-CN", data });
    expect(zh.text).toContain("原因：应通过诉讼、仲裁、行政复议等法定途径解决");
    expect(zh.text).toContain("说明：请通过行政复议解决。");
    expect(zh.html).toContain("应通过诉讼、仲裁、行政复议等法定途径解决");
    const en = renderer.render({ template: "suggestion-not-accepted", locale: "en", data });
    expect(en.text).toContain("Reason: It belongs before the courts, arbitration or administrative review");
  });

  it("when the referral email is rendered, then it says which channel", () => {
    const data = {
      ...base, channel: "PETITION", channelKey: "emails:suggestion-referred.channels.PETITION", channelHowKey: "emails:suggestion-referred.how.PETITION", note: "已转省信访局。",
    };
    const zh = renderer.render({ template: "suggestion-referred", locale: "zh-CN", data });
    expect(zh.text).toContain("已转信访部门办理");
    expect(zh.text).toContain("后续办理情况可向当地信访部门查询。");
    expect(zh.html).toContain("已转省信访局。");
    const en = renderer.render({ template: "suggestion-referred", locale: "en", data });
    expect(en.text).toContain("referred to the petition office");
  });
});
