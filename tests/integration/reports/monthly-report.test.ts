// The monthly report: on the 1st, last month's report goes to every administrator with the PDF attached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../../src/container.ts";
import { createSendMonthlyReportProcessor } from "../../../workers/processors/send-monthly-report.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { pdfText } from "../../support/pdf-text.ts";
import { startSmtp, type TestSmtp } from "../../support/smtp.ts";
import { seedReportFixture } from "./fixture.ts";

let smtp: TestSmtp;
let c: Container;

beforeAll(async () => {
  smtp = await startSmtp();
  // 06:00 on 1 April 2026 in Shanghai, when the scheduler fires: the report covers March.
  c = createTestContainer({ SMTP_URL: smtp.url }, { now: () => new Date("2026-04-01T06:00:00+08:00") });
  await resetAndSeed(c);
  await seedReportFixture(c.db);
});

afterAll(async () => {
  await c.close();
  await smtp.close();
});

describe("the monthly report", () => {
  it("when the 1st comes, then each administrator gets last month's report with the PDF attached, once", async () => {
    const run = createSendMonthlyReportProcessor(c);
    const result = await run();
    const admins = await c.db.user.findMany({ where: { role: "ADMIN" }, select: { email: true } });
    expect(result.sentTo).toBe(admins.length);

    const mail = await smtp.waitFor((m) => m.subject?.includes("2026-03") === true);
    expect(mail.subject).toBe("2026-03 建议转化报告");
    // March: S1–S6 and S8 (hand-worked in fixture.ts).
    expect(mail.text).toContain("征集 7 件");
    const attachment = mail.attachments.find((a) => a.contentType === "application/pdf");
    expect(attachment?.filename).toBe("report-2026-03.pdf");
    const text = await pdfText(attachment?.content as Buffer);
    expect(text).toContain("2026-03-01 – 2026-03-31");
    expect(text.replace(/\s+/g, "")).toContain("征集7—100.0%");

    const stored = await c.db.reportRun.findFirstOrThrow({ where: { origin: "SCHEDULE" } });
    expect([stored.fromDate, stored.toDate, stored.status]).toEqual(["2026-03-01", "2026-03-31", "DONE"]);

    // A second run in the same month (a retry, a second worker) sends nothing more.
    expect((await run()).sentTo).toBe(0);
    expect(smtp.messages.length).toBe(admins.length);
  });
});
