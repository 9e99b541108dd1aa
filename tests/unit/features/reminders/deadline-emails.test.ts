import { describe, expect, it } from "vitest";
import { createEmailRenderer } from "../../../../src/features/notifications/index.ts";

const renderer = createEmailRenderer({ site: { baseUrl: "https://jy.example", screeningWorkingDays: 5 } });
const data = {
  trackingCode: "LN-2026-7K3M9QXA",
  title: "关于<b>学校</b>周边交通 & 安全的建议",
  // 2026-03-12 23:59:59.999 in Shanghai
  dueAt: "2026-03-12T15:59:59.999Z",
  department: { name: "省教育厅", nameEn: "Department of Education of Liaoning Province" },
  url: "https://jy.example/staff/suggestions/42",
  workingDays: 3,
};

describe("deadline emails", () => {
  it("when a reminder is rendered in Chinese, then it names the case, the department, the due date and the link, with the title escaped in HTML only", () => {
    const mail = renderer.render({ template: "deadline-reminder", locale: "zh-CN", data });
    expect(mail.subject).toBe("【答复提醒】LN-2026-7K3M9QXA 关于<b>学校</b>周边交通 & 安全的建议");
    expect(mail.text).toContain("3 个工作日内");
    expect(mail.text).toContain("标题：关于<b>学校</b>周边交通 & 安全的建议");
    expect(mail.text).toContain("主办单位：省教育厅");
    expect(mail.text).toContain("答复期限：2026/03/12");
    expect(mail.text).toContain("办理地址：https://jy.example/staff/suggestions/42");
    expect(mail.html).toContain("关于&lt;b&gt;学校&lt;/b&gt;周边交通 &amp; 安全的建议");
    expect(mail.html).not.toContain("<b>学校</b>");
  });

  it("when an escalation is rendered in English, then the department and date are in English", () => {
    const mail = renderer.render({ template: "deadline-overdue", locale: "en", data });
    expect(mail.subject).toBe("[Overdue] LN-2026-7K3M9QXA 关于<b>学校</b>周边交通 & 安全的建议");
    expect(mail.text).toContain("Lead department: Department of Education of Liaoning Province");
    expect(mail.text).toContain("Reply was due by: 12 Mar 2026");
    expect(mail.html).toContain('href="https://jy.example/staff/suggestions/42"');
  });
});
