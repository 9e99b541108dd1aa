import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { shanghaiDateString } from "../../../src/platform/working-days.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";

const NOW = new Date("2026-11-30T04:00:00Z");
let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer({}, { now: () => NOW });
  await resetAndSeed(c);
  await c.services.deadlineAdmin.load();
  app = createApp(c);
});
afterAll(() => c.close());

describe("calendar overrides", () => {
  it("when New Year's Day 2027 is entered as a holiday, then a deadline across it moves by a day, staff stop being warned, and it is audited", async () => {
    // Thursday 31 December 2026: five working days, and 1 January 2027 is a Friday.
    const submitted = new Date("2026-12-31T02:00:00Z");
    expect(shanghaiDateString(c.services.deadlines.screeningDueAt(submitted))).toBe("2027-01-07");

    const coordinator = await signIn(app, "coordinator@demo.example");
    expect((await coordinator.get("/staff/screening")).text).toContain("2027 年的法定节假日安排尚未录入");

    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.get("/admin/calendar?year=2027");
    expect(page.text).toContain("2027 年的节假日安排还没有录入");
    const res = await admin.post("/admin/calendar", { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" });
    expect(res.status).toBe(303);

    expect(shanghaiDateString(c.services.deadlines.screeningDueAt(submitted))).toBe("2027-01-08");
    expect((await coordinator.get("/staff/screening")).text).not.toContain("尚未录入");
    expect((await admin.get("/admin/calendar?year=2027")).text).toContain("元旦");
    expect((await c.db.auditEntry.findFirstOrThrow({ where: { action: "calendar.create" } })).after).toMatchObject({ date: "2027-01-01", kind: "HOLIDAY" });
  });

  it("when a make-up working day is entered on a Saturday, then it counts as a working day; removing it undoes that", async () => {
    const admin = await signIn(app, "admin@demo.example");
    await admin.get("/admin/calendar?year=2027");
    // Friday 5 Feb 2027 + 1 working day is Monday 8 Feb, unless Saturday 6 Feb is a make-up working day.
    const friday = new Date("2027-02-05T02:00:00Z");
    expect(shanghaiDateString(c.services.deadlines.replyDueAt(friday))).not.toBe("");
    const before = c.services.deadlines.screeningDueAt(friday);
    expect((await admin.post("/admin/calendar", { date: "2027-02-06", kind: "WORKDAY", name: "春节调休" })).status).toBe(303);
    const after = c.services.deadlines.screeningDueAt(friday);
    expect(after.getTime()).toBeLessThan(before.getTime());
    expect((await admin.post("/admin/calendar/2027-02-06/delete")).status).toBe(303);
    expect(c.services.deadlines.screeningDueAt(friday).getTime()).toBe(before.getTime());
  });

  it("when a day is entered twice, a make-up day falls on a weekday, or a holiday is already an official one, then each is refused with the reason", async () => {
    const admin = await signIn(app, "admin@demo.example");
    await admin.get("/admin/calendar?year=2027");
    const twice = await admin.post("/admin/calendar", { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" });
    expect(twice.status).toBe(422);
    expect(twice.text).toContain("这一天已经录入过了");
    const weekday = await admin.post("/admin/calendar", { date: "2027-01-05", kind: "WORKDAY", name: "调休" });
    expect(weekday.status).toBe(422);
    expect(weekday.text).toContain("这一天本来就是工作日");
    const official = await admin.post("/admin/calendar", { date: "2026-10-01", kind: "HOLIDAY", name: "国庆" });
    expect(official.status).toBe(422);
    expect(official.text).toContain("已经是法定节假日");
    const invalid = await admin.post("/admin/calendar", { date: "2027-02-30", kind: "HOLIDAY", name: "x" });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain("真实的日期");
    expect(await c.db.calendarOverride.count()).toBe(1);
  });
});

describe("deadline limits", () => {
  it("when the reply limit is changed, then new deadlines use it, another process picks it up on load, and the change is audited", async () => {
    const from = new Date("2026-12-01T02:00:00Z");
    const old = c.services.deadlines.replyDueAt(from);
    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.get("/admin/deadlines");
    expect(page.text).toContain('value="15"');
    const fields = { screeningWorkingDays: "5", replyWorkingDays: "10", extensionMaxWorkingDays: "15", returnWindowWorkingDays: "7", reminderWorkingDays: "3" };
    const bad = await admin.post("/admin/deadlines", { ...fields, replyWorkingDays: "0" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("请填写 1–120 的整数");
    expect((await admin.post("/admin/deadlines", fields)).status).toBe(303);

    const now = c.services.deadlines.replyDueAt(from);
    expect(now.getTime()).toBeLessThan(old.getTime());
    expect(c.services.deadlines.settings.replyWorkingDays).toBe(10);
    const entries = await c.db.auditEntry.findMany({ where: { action: "deadline.update" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entityId: "replyWorkingDays", before: { replyWorkingDays: 15 }, after: { replyWorkingDays: 10 } });

    const other = createTestContainer({}, { now: () => NOW });
    try {
      expect(other.services.deadlines.settings.replyWorkingDays).toBe(15);
      await other.services.deadlineAdmin.load();
      expect(other.services.deadlines.replyDueAt(from).getTime()).toBe(now.getTime());
    } finally {
      await other.close();
    }
  });

  it("when a coordinator or an official opens the deadline or calendar pages, then the answer is 403", async () => {
    for (const email of ["coordinator@demo.example", "official.edu@demo.example"]) {
      const client = await signIn(app, email);
      for (const path of ["/admin/deadlines", "/admin/calendar"]) expect((await client.get(path)).status).toBe(403);
      expect((await client.post("/admin/calendar", { date: "2027-10-01", kind: "HOLIDAY", name: "国庆" })).status).toBe(403);
    }
  });
});
