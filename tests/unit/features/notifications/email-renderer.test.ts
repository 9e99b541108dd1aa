import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEmailRenderer, EMAIL_VIEWS_DIR, UnknownTemplateError } from "../../../../src/features/notifications/email-renderer.ts";
import { EMAIL_TEMPLATES } from "../../../../src/features/notifications/outbox.ts";
import { isDeliverableAddress } from "../../../../src/features/notifications/notifications.service.ts";
import { LOCALES } from "../../../../src/platform/i18n.ts";

const renderer = createEmailRenderer({ site: { baseUrl: "https://jy.example", screeningWorkingDays: 5 } });

const received = {
  trackingCode: "LN-2026-7K3M9QXA",
  title: "关于在老旧小区加装电梯的建议",
  trackUrl: "https://jy.example/track",
};

const assigned = {
  trackingCode: "LN-2026-7K3M9QXA",
  title: "关于在老旧小区加装电梯的建议",
  category: "城市建设与管理",
  region: "辽宁省 沈阳市 和平区",
  departmentName: "省住房和城乡建设厅",
  // 2026-10-09 23:59:59.999 in Shanghai
  dueAt: "2026-10-09T15:59:59.999Z",
  url: "https://jy.example/staff/suggestions/42",
};

function localeFile(locale: string): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(path.join("src/locales", locale, "emails.json"), "utf8")) as Record<string, Record<string, unknown>>;
}

describe("email renderer", () => {
  it("when a template is listed, then it has both parts and a subject in every language", () => {
    for (const template of EMAIL_TEMPLATES) {
      expect(existsSync(path.join(EMAIL_VIEWS_DIR, `${template}.html.hbs`)), `${template}.html.hbs`).toBe(true);
      expect(existsSync(path.join(EMAIL_VIEWS_DIR, `${template}.text.hbs`)), `${template}.text.hbs`).toBe(true);
      for (const locale of LOCALES) expect(localeFile(locale)[template]?.subject, `${locale} ${template}.subject`).toBeTypeOf("string");
    }
  });

  it("when the two languages are compared, then they have the same keys", () => {
    const keys = (o: Record<string, unknown>, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(localeFile("en")).sort()).toEqual(keys(localeFile("zh-CN")).sort());
  });

  it("when the acknowledgment is rendered in Chinese, then it gives the code, how to track and the screening time", () => {
    const mail = renderer.render({ template: "suggestion-received", locale: "zh-CN", data: received });
    expect(mail.subject).toBe("您的建议已收到（查询码 LN-2026-7K3M9QXA）");
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain("LN-2026-7K3M9QXA");
      expect(part).toContain("《关于在老旧小区加装电梯的建议》");
      expect(part).toContain("手机号码的后4位");
      expect(part).toContain("5个工作日内完成甄别");
    }
    expect(mail.html).toContain('<html lang="zh-CN">');
    expect(mail.html).toContain('href="https://jy.example/track"');
    expect(mail.text).toContain("进度查询页面：https://jy.example/track");
  });

  it("when the acknowledgment is rendered in English, then every word of it is English", () => {
    const mail = renderer.render({ template: "suggestion-received", locale: "en", data: { ...received, title: "Lifts for old housing estates" } });
    expect(mail.subject).toBe("We have received your suggestion (tracking code LN-2026-7K3M9QXA)");
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).toContain("Tracking page: https://jy.example/track");
    expect(mail.text).toContain("within 5 working days");
    expect(mail.text).toContain("last 4 digits of your mobile number");
    expect(mail.text).not.toMatch(/[\u4e00-\u9fff]/u);
    expect(mail.html).not.toMatch(/[\u4e00-\u9fff]/u);
  });

  it("when the screening deadline is in the data, then the date is shown instead of the number of days", () => {
    const mail = renderer.render({ template: "suggestion-received", locale: "zh-CN", data: { ...received, screeningDueAt: "2026-10-09T15:59:59.999Z" } });
    expect(mail.text).toContain("征集办将在 2026/10/09 前完成甄别");
  });

  it("when the assignment email is rendered in both languages, then it shows the case, the deadline in Shanghai time and the link", () => {
    const zh = renderer.render({ template: "suggestion-assigned", locale: "zh-CN", data: assigned });
    expect(zh.subject).toBe("【交办】LN-2026-7K3M9QXA 关于在老旧小区加装电梯的建议");
    expect(zh.text).toContain("省住房和城乡建设厅：");
    expect(zh.text).toContain("答复期限：2026/10/09");
    expect(zh.text).toContain("涉及地区：辽宁省 沈阳市 和平区");
    expect(zh.html).toContain('<th scope="row"');
    expect(zh.html).toContain('href="https://jy.example/staff/suggestions/42"');

    const en = renderer.render({ template: "suggestion-assigned", locale: "en", data: assigned });
    expect(en.subject).toBe("[Assigned] LN-2026-7K3M9QXA 关于在老旧小区加装电梯的建议");
    expect(en.text).toContain("Reply due by: 9 Oct 2026");
    expect(en.text).toContain("Link: https://jy.example/staff/suggestions/42");
  });

  it("when the assignment email goes to the lead department, or carries no role, then it asks for a reply to the citizen by the deadline", () => {
    for (const data of [{ ...assigned, role: "LEAD" }, assigned]) {
      const zh = renderer.render({ template: "suggestion-assigned", locale: "zh-CN", data });
      for (const part of [zh.html, zh.text]) {
        expect(part).toContain("并在答复期限前答复建议人");
        expect(part).toContain("确需延期的，请在期限前提出延期申请");
        expect(part).not.toContain("协办");
      }
      expect(zh.text).toContain("答复期限：2026/10/09");
      const en = renderer.render({ template: "suggestion-assigned", locale: "en", data });
      expect(en.text).toContain("reply to the citizen before the deadline");
      expect(en.text).toContain("Reply due by: 9 Oct 2026");
      expect(en.text).not.toContain("opinion");
    }
  });

  it("when the assignment email goes to an assisting department, then it asks for an opinion to the lead department by the deadline, not a reply to the citizen", () => {
    const data = { ...assigned, role: "ASSIST" };
    const zh = renderer.render({ template: "suggestion-assigned", locale: "zh-CN", data });
    for (const part of [zh.html, zh.text]) {
      expect(part).toContain("请你单位协办以下人民建议");
      expect(part).toContain("在期限前将协办意见送主办单位");
      expect(part).not.toContain("并在答复期限前答复建议人");
      // Only the lead department may ask for more time.
      expect(part).not.toContain("延期申请");
    }
    expect(zh.text).toContain("协办意见期限：2026/10/09");
    expect(zh.text).not.toContain("答复期限：");

    const en = renderer.render({ template: "suggestion-assigned", locale: "en", data });
    expect(en.text).toContain("send your opinion to the lead department before the deadline");
    expect(en.text).toContain("Opinion due by: 9 Oct 2026");
    expect(en.text).not.toContain("reply to the citizen before the deadline");
    expect(en.text).not.toContain("extension");
  });

  it("when the data holds markup, then the HTML part escapes it and the text part keeps it as typed", () => {
    const title = `<script>alert("x")</script> & 停车`;
    const mail = renderer.render({ template: "suggestion-assigned", locale: "zh-CN", data: { ...assigned, title } });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.text).toContain(title);
    expect(mail.subject).toContain(title);
  });

  it("when an optional field is missing, then the text part has no gap or dangling label", () => {
    const mail = renderer.render({ template: "suggestion-assigned", locale: "zh-CN", data: assigned });
    expect(mail.text).not.toContain("专题征集");
    expect(mail.text).not.toMatch(/\n{3,}/);
    const withRound = renderer.render({ template: "suggestion-assigned", locale: "zh-CN", data: { ...assigned, round: "加强社区工作者队伍建设" } });
    expect(withRound.text).toContain("专题征集：加强社区工作者队伍建设");
  });

  it("when the locale is unknown, then the message is in Chinese", () => {
    expect(renderer.render({ template: "suggestion-received", locale: "fr", data: received }).subject).toContain("您的建议已收到");
  });

  it("when the template is unknown, then rendering throws UnknownTemplateError", () => {
    expect(() => renderer.render({ template: "layouts/email", locale: "zh-CN", data: {} })).toThrow(UnknownTemplateError);
    expect(() => renderer.render({ template: "no-such-email", locale: "zh-CN", data: {} })).toThrow(UnknownTemplateError);
  });
});

describe("recipient addresses", () => {
  it("when an address is ordinary, then it is deliverable", () => {
    for (const a of ["zhang.san@example.com", "jyt@ln.gov.cn.example", "a+b@qq.com"]) expect(isDeliverableAddress(a), a).toBe(true);
  });

  it("when an address is malformed, then it is not deliverable", () => {
    for (const a of ["", "not-an-address", "a@b", "a b@c.com", "a@b..com", "<a@b.com>", "a@b.com\r\nBcc: x@y.com", "a@@b.com"]) {
      expect(isDeliverableAddress(a), JSON.stringify(a)).toBe(false);
    }
  });
});
