import { describe, expect, it } from "vitest";
import { createEmailRenderer } from "../../../../src/features/notifications/index.ts";

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

describe("the collection office's emails to departments", () => {
  const decided = {
    trackingCode: "JY-2026-7K3M9QXA",
    title: "关于<i>课后服务</i>的建议",
    departmentName: "省教育厅",
    workingDays: 10,
    // 2026-03-20 23:59:59.999 in Shanghai
    dueAt: "2026-03-20T15:59:59.999Z",
    url: "https://jy.example/staff/suggestions/42",
  };

  it("when an approved extension is rendered, then it gives the decision, the days asked for, the new deadline, the note and the link", () => {
    const mail = renderer.render({ template: "extension-decided", locale: "zh-CN", data: { ...decided, decision: "APPROVED", note: "同意。请按时答复。" } });
    expect(mail.subject).toBe("【延期审批】JY-2026-7K3M9QXA 关于<i>课后服务</i>的建议");
    expect(mail.text).toContain("省教育厅：");
    expect(mail.text).toContain("征集办已审批同意");
    expect(mail.text).toContain("查询码：JY-2026-7K3M9QXA");
    expect(mail.text).toContain("标题：关于<i>课后服务</i>的建议");
    expect(mail.text).toContain("审批结果：延期申请已批准");
    expect(mail.text).toContain("申请延期：10 个工作日");
    expect(mail.text).toContain("新的答复期限：2026/03/20");
    expect(mail.text).toContain("征集办意见：同意。请按时答复。");
    expect(mail.text).toContain("办理地址：https://jy.example/staff/suggestions/42");
    expect(mail.html).toContain("关于&lt;i&gt;课后服务&lt;/i&gt;的建议");
    expect(mail.html).toContain("延期申请已批准");
    expect(mail.html).toContain("2026/03/20");
    expect(mail.html).toContain('href="https://jy.example/staff/suggestions/42"');
    expect(mail.html).toContain('<html lang="zh-CN">');
    const en = renderer.render({ template: "extension-decided", locale: "en", data: { ...decided, decision: "APPROVED" } });
    expect(en.text).toContain("Decision: Extension approved");
    expect(en.text).toMatch(/New reply deadline: (20 Mar 2026|20\/03\/2026|03\/20\/2026)/);
  });

  it("when a refused extension is rendered, then it says not approved, the deadline stays, and shows the note; without a note there is no note line", () => {
    const mail = renderer.render({ template: "extension-decided", locale: "zh-CN", data: { ...decided, decision: "REFUSED", note: "理由不充分，请按原期限办结。" } });
    expect(mail.text).toContain("未予批准，答复期限不变");
    expect(mail.text).toContain("审批结果：延期申请未获批准");
    expect(mail.text).toContain("答复期限（不变）：2026/03/20");
    expect(mail.text).toContain("征集办意见：理由不充分，请按原期限办结。");
    expect(mail.text).not.toContain("延期申请已批准");
    expect(mail.html).toContain("延期申请未获批准");
    expect(mail.html).toContain("理由不充分，请按原期限办结。");
    const bare = renderer.render({ template: "extension-decided", locale: "zh-CN", data: { ...decided, decision: "APPROVED" } });
    expect(bare.text).not.toContain("征集办意见");
    expect(bare.html).not.toContain("征集办意见");
  });
});
