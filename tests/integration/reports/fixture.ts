// A small, fixed handling record whose report figures are worked out by hand in EXPECTED below (not by the
// report's own queries). Dates are in March–April 2026, Shanghai time; 2026-04-04..06 is the Qingming holiday.
import type { Db } from "../../../src/platform/db.ts";
import { departmentId, insertSuggestion } from "../../support/suggestions.ts";
import type { AdoptionResult, NotAcceptedReason, SuggestionStatus } from "../../../src/generated/prisma/enums.ts";

/** 10:00 in Shanghai on a "YYYY-MM-DD" day. */
export const sh = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);

interface Row {
  code: string;
  title: string;
  submitted: string;
  status: SuggestionStatus;
  dept?: "A" | "B";
  cat: "X" | "Y";
  region: "P" | "PC" | "Q";
  round?: 1 | 2;
  assigned?: string;
  due?: string;
  reply?: { on: string; adoption: AdoptionResult };
  rating?: { score: number; comment?: string; on: string };
  notAccepted?: NotAcceptedReason;
}

export const ROWS: Row[] = [
  { code: "RPT-S1", title: "建议一", submitted: "2026-03-02", status: "REPLIED", dept: "A", cat: "X", region: "PC", round: 1,
    assigned: "2026-03-03", due: "2026-03-24", reply: { on: "2026-03-06", adoption: "ADOPTED" }, rating: { score: 5, on: "2026-03-07" } },
  { code: "RPT-S2", title: "建议二", submitted: "2026-03-02", status: "REPLIED", dept: "A", cat: "Y", region: "P", round: 2,
    assigned: "2026-03-03", due: "2026-03-24", reply: { on: "2026-03-16", adoption: "PARTIALLY_ADOPTED" },
    rating: { score: 2, comment: "答复太慢", on: "2026-03-17" } },
  { code: "RPT-S3", title: "建议三", submitted: "2026-03-04", status: "REPLIED", dept: "B", cat: "X", region: "Q",
    assigned: "2026-03-04", due: "2026-03-06", reply: { on: "2026-03-10", adoption: "NOT_ADOPTED" },
    rating: { score: 1, comment: "没有解决问题", on: "2026-03-11" } },
  { code: "RPT-S4", title: "建议四", submitted: "2026-03-05", status: "IN_HANDLING", dept: "B", cat: "Y", region: "Q",
    assigned: "2026-03-05", due: "2026-03-06" },
  { code: "RPT-S5", title: "建议五", submitted: "2026-03-10", status: "NOT_ACCEPTED", cat: "X", region: "P", notAccepted: "DUPLICATE" },
  { code: "RPT-S6", title: "建议六", submitted: "2026-03-11", status: "REFERRED", cat: "Y", region: "Q" },
  { code: "RPT-S7", title: "建议七", submitted: "2026-04-01", status: "REPLIED", dept: "A", cat: "X", region: "P",
    assigned: "2026-04-01", due: "2026-04-20", reply: { on: "2026-04-08", adoption: "PARTIALLY_ADOPTED" }, rating: { score: 4, on: "2026-04-09" } },
  { code: "RPT-S8", title: "建议八", submitted: "2026-03-20", status: "ACCEPTED", cat: "X", region: "P" },
  // Outside March–April: only in a whole-platform report.
  { code: "RPT-S9", title: "建议九", submitted: "2026-02-10", status: "SCREENING", cat: "X", region: "P" },
];

export interface Fixture {
  deptA: number;
  deptB: number;
  deptAName: string;
  roundId: number;
  measures: { m1: number; m2: number };
}

export async function seedReportFixture(db: Db): Promise<Fixture> {
  const [deptA, deptB] = await Promise.all([departmentId(db, "EDU"), departmentId(db, "TRANSPORT")]);
  const deptAName = (await db.department.findUniqueOrThrow({ where: { id: deptA } })).name;
  const cat = { X: "EDUCATION", Y: "TRANSPORT" } as const;
  const region = { P: "210100", PC: "210102", Q: "210202" } as const;
  const dept = { A: "EDU", B: "TRANSPORT" } as const;
  const round = await db.collectionRound.create({
    data: {
      code: "RPTTEST", title: "报告测试征集", titleEn: "Report test round", body: "正文", bodyEn: "Body", status: "CLOSED",
      opensAt: sh("2026-03-01"), closesAt: sh("2026-03-31"), ownerDepartmentId: deptA,
      topics: { create: [{ title: "子议题一", titleEn: "Topic one", sortOrder: 1 }, { title: "子议题二", titleEn: "Topic two", sortOrder: 2 }] },
    },
    include: { topics: { orderBy: { sortOrder: "asc" } } },
  });
  const ids: Record<string, number> = {};
  for (const r of ROWS) {
    const s = await insertSuggestion(db, {
      trackingCode: r.code, status: r.status, title: r.title, problem: "问题", proposal: "建议",
      categoryCode: cat[r.cat], regionCode: region[r.region], submittedAt: sh(r.submitted),
      roundId: r.round ? round.id : null, topicId: r.round ? (round.topics[r.round - 1]?.id ?? null) : null,
      ...(r.notAccepted ? { notAcceptedReason: r.notAccepted } : {}),
      ...(r.dept && r.assigned
        ? { lead: dept[r.dept], assignedAt: sh(r.assigned), replyDueAt: sh(r.due ?? r.assigned, "23:59") }
        : {}),
      ...(r.reply ? { reply: { at: sh(r.reply.on), adoption: r.reply.adoption, body: "答复", explanation: "说明" } } : {}),
      ...(r.rating ? { rating: { score: r.rating.score, comment: r.rating.comment ?? null, at: sh(r.rating.on) } } : {}),
    });
    ids[r.code] = s.id;
  }
  const m1 = await db.policyMeasure.create({
    data: {
      type: "POLICY_DOCUMENT", title: "关于加强课后服务的通知", docNumber: "辽教发〔2026〕3号", issuingBody: "省教育厅",
      issuedOn: new Date("2026-04-15"), links: { create: [{ suggestionId: ids["RPT-S1"] as number }, { suggestionId: ids["RPT-S2"] as number }] },
    },
  });
  const m2 = await db.policyMeasure.create({
    data: {
      type: "PRACTICAL_PROJECT", title: "校园周边交通整治", issuingBody: "省教育厅、省交通运输厅",
      issuedOn: new Date("2026-05-10"), links: { create: [{ suggestionId: ids["RPT-S7"] as number }] },
    },
  });
  return { deptA, deptB, deptAName, roundId: round.id, measures: { m1: m1.id, m2: m2.id } };
}

/**
 * Worked out by hand from ROWS (March–April 2026):
 * working days submission → reply: S1 03-02→03-06 = 4 (3,4,5,6); S2 03-02→03-16 = 10; S3 03-04→03-10 = 4 (5,6,9,10);
 * S7 04-01→04-08 = 4 (04-02, 04-03, 04-07, 04-08; 04-04..06 Qingming). Assignment → reply: S1 3, S2 9, S3 4, S7 4.
 * percentile_cont: dept A submission [4,4,10] median 4, p90 4 + 0.8·6 = 8.8; assignment [3,4,9] median 4, p90 8.0.
 * Overall submission [4,4,4,10] median 4, p90 4 + 0.7·6 = 8.2; assignment [3,4,4,9] median 4, p90 4 + 0.7·5 = 7.5.
 */
export const EXPECTED = {
  funnel: [
    ["征集", 8, "—", "100.0%"],
    ["受理", 6, "75.0%", "75.0%"],
    ["交办", 5, "83.3%", "62.5%"],
    ["答复", 4, "80.0%", "50.0%"],
    ["采纳（含部分采纳）", 3, "75.0%", "37.5%"],
    ["转化为政策举措", 3, "100.0%", "37.5%"],
  ],
  timeliness: [["按期答复", 3], ["逾期答复", 1], ["未答复且已逾期", 1], ["按期答复率", "75.0%"]],
  satisfaction: [["评价件数", 4], ["平均评分", "3.00"], ["4–5 星占比", "50.0%"]],
  adoption: [["采纳", 1, "25.0%"], ["部分采纳", 2, "50.0%"], ["留作参考", 0, "0.0%"], ["暂不采纳", 1, "25.0%"]],
};
