// The report's data set against a handling record whose figures are worked out by hand (fixture.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "../../../src/container.ts";
import { buildReportData, parseScope, reportTables, type ReportData } from "../../../src/features/reports/index.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { EXPECTED, seedReportFixture, type Fixture } from "./fixture.ts";

const SPRING = { fromDate: "2026-03-01", toDate: "2026-04-30", roundId: null, departmentId: null };

let c: Container;
let f: Fixture;
let data: ReportData;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  f = await seedReportFixture(c.db);
  data = await buildReportData(c.db, SPRING, new Date("2026-11-30T00:00:00Z"));
});
afterAll(async () => c.close());

const table = (d: ReportData, key: string) => reportTables(d, "zh-CN").find((t) => t.key === key)?.rows;

describe("the report's data set", () => {
  it("when the period is March–April, then the funnel counts and rates are the hand-worked ones", () => {
    expect(table(data, "funnel")).toEqual(EXPECTED.funnel);
  });

  it("when replies came before, after or not by the deadline, then on time, late and open-overdue are counted apart", () => {
    expect(table(data, "timeliness")).toEqual(EXPECTED.timeliness);
  });

  it("when working days are counted, then median and 90th percentile skip weekends and the Qingming holiday", () => {
    const a = data.timeliness.byDepartment.find((d) => d.id === f.deptA);
    expect(a).toMatchObject({ replied: 3, submissionToReply: { median: 4, p90: 8.8 }, assignmentToReply: { median: 4, p90: 8 } });
    const b = data.timeliness.byDepartment.find((d) => d.id === f.deptB);
    expect(b).toMatchObject({ replied: 1, submissionToReply: { median: 4, p90: 4 }, assignmentToReply: { median: 4, p90: 4 } });
    expect(data.timeliness.overall).toEqual({ replied: 4, submissionToReply: { median: 4, p90: 8.2 }, assignmentToReply: { median: 4, p90: 7.5 } });
  });

  it("when citizens rated, then the mean, the share of 4–5 and the 1–2 star cases are reported", () => {
    expect(table(data, "satisfaction")).toEqual(EXPECTED.satisfaction);
    expect(data.lowRatings.map((r) => [r.trackingCode, r.score, r.comment])).toEqual([["RPT-S3", 1, "没有解决问题"], ["RPT-S2", 2, "答复太慢"]]);
  });

  it("then adoption results, reasons for not accepting and referrals are counted", () => {
    expect(table(data, "adoption")).toEqual(EXPECTED.adoption);
    expect(data.notAccepted.find((r) => r.reason === "DUPLICATE")?.count).toBe(1);
    expect(data.notAccepted.reduce((n, r) => n + r.count, 0)).toBe(1);
    expect(data.referred).toBe(1);
  });

  it("then the breakdowns by department, category, city, round and sub-topic add up", () => {
    const by = (k: keyof ReportData["breakdowns"]) => data.breakdowns[k].map((r) => [r.name, r.collected, r.replied, r.adopted, r.converted]);
    expect(table(data, "by-department")?.[0]).toEqual([f.deptAName, 3, 3, 3, 3, 3, "100.0%", "3.67"]);
    expect(table(data, "by-department")?.[1]?.slice(1)).toEqual([2, 2, 1, 0, 0, "0.0%", "1.00"]);
    expect(by("category")).toEqual([["教育", 5, 3, 2, 2], ["交通运输", 3, 1, 1, 1]]);
    // S1 is in 和平区, a county of 沈阳市: counted with the city.
    expect(by("city")).toEqual([["沈阳市", 5, 3, 3, 3], ["大连市", 3, 1, 0, 0]]);
    expect(by("round")).toEqual([["报告测试征集", 2, 2, 2, 2]]);
    expect(by("topic")).toEqual([["子议题一", 1, 1, 1, 1], ["子议题二", 1, 1, 1, 1]]);
  });

  it("then the months are March and April", () => {
    expect(data.monthly.map((m) => [m.month, m.collected, m.replied])).toEqual([["2026-03", 7, 3], ["2026-04", 1, 1]]);
  });

  it("then each converted measure is listed with the suggestions behind it", () => {
    expect(data.measures.map((m) => [m.type, m.title, m.docNumber, m.issuingBody, m.issuedOn, m.suggestions.map((s) => s.trackingCode)])).toEqual([
      ["POLICY_DOCUMENT", "关于加强课后服务的通知", "辽教发〔2026〕3号", "省教育厅", "2026-04-15", ["RPT-S1", "RPT-S2"]],
      ["PRACTICAL_PROJECT", "校园周边交通整治", "", "省教育厅、省交通运输厅", "2026-05-10", ["RPT-S7"]],
    ]);
  });

  it("when the scope is one department, then only its suggestions count", async () => {
    const d = await buildReportData(c.db, { ...SPRING, departmentId: f.deptA }, new Date("2026-11-30T00:00:00Z"));
    expect([d.totals.collected, d.totals.replied, d.totals.onTime, d.totals.late, d.totals.rated]).toEqual([3, 3, 3, 0, 3]);
    expect(d.lowRatings.map((r) => r.trackingCode)).toEqual(["RPT-S2"]);
  });

  it("when the scope is a round or a whole month or everything, then the totals follow", async () => {
    const now = new Date("2026-11-30T00:00:00Z");
    expect((await buildReportData(c.db, { ...SPRING, roundId: f.roundId }, now)).totals.collected).toBe(2);
    expect((await buildReportData(c.db, { ...SPRING, toDate: "2026-03-31" }, now)).totals.collected).toBe(7);
    expect((await buildReportData(c.db, { fromDate: null, toDate: null, roundId: null, departmentId: null }, now)).totals.collected).toBe(9);
  });

  it("when suggestions are inserted (the fact is written from the new row), then every fact equals a full refresh", async () => {
    // report_fact_source is what report_fact_refresh() and report_fact_rebuild() read: the reference definition.
    const differing = await c.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM (
         (SELECT * FROM report_fact_source EXCEPT SELECT "suggestionId", "submittedAt", status, "categoryId", "regionId", "cityId", "roundId",
            "topicId", "leadDepartmentId", "notAcceptedReason", "replyDueAt", "leadAssignedAt", "repliedAt", "replyDepartmentId", adoption,
            rating, "measureCount" FROM "ReportFact")
         UNION ALL
         (SELECT "suggestionId", "submittedAt", status, "categoryId", "regionId", "cityId", "roundId", "topicId", "leadDepartmentId",
            "notAcceptedReason", "replyDueAt", "leadAssignedAt", "repliedAt", "replyDepartmentId", adoption, rating, "measureCount"
          FROM "ReportFact" EXCEPT SELECT * FROM report_fact_source)) d`,
    );
    expect(await c.db.reportFact.count()).toBeGreaterThan(0);
    expect(Number(differing[0]?.n)).toBe(0);
  });

  it("when a reply or a rating is added later, then the database keeps the summary up to date", async () => {
    const s8 = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: "RPT-S8" } });
    await c.db.suggestion.update({ where: { id: s8.id }, data: { status: "REPLIED", leadDepartmentId: f.deptB, replyDueAt: new Date("2026-04-30T15:59:59Z") } });
    await c.db.reply.create({ data: { suggestionId: s8.id, departmentId: f.deptB, isLead: true, body: "答复", adoption: "ADOPTED", explanation: "说明", createdAt: new Date("2026-03-25T02:00:00Z") } });
    await c.db.rating.create({ data: { suggestionId: s8.id, score: 5 } });
    const d = await buildReportData(c.db, SPRING, new Date("2026-11-30T00:00:00Z"));
    expect([d.totals.replied, d.totals.adopted, d.totals.onTime, d.totals.rated]).toEqual([5, 4, 4, 5]);
  });
});

describe("a report's scope", () => {
  it("when the end is before the start, a 50-year period or a malformed id is asked for, then each gets a clear message", () => {
    expect(parseScope({ fromDate: "2026-05-01", toDate: "2026-04-01" })).toEqual({ ok: false, errors: { toDate: "reports:errors.endBeforeStart" } });
    expect(parseScope({ fromDate: "1990-01-01", toDate: "2040-01-01" })).toEqual({ ok: false, errors: { toDate: "reports:errors.periodTooLong" } });
    expect(parseScope({ fromDate: "2026-02-30" })).toEqual({ ok: false, errors: { fromDate: "reports:errors.date" } });
    expect(parseScope({ roundId: "abc" })).toEqual({ ok: false, errors: { roundId: "reports:errors.unknownRound" } });
  });
});
