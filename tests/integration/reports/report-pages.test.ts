// Asking for a report from the browser, watching it being built by the real worker, and the four outputs (HTML,
// CSV, XLSX, PDF) agreeing with each other and with the hand-worked figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import type { Redis } from "ioredis";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type request from "supertest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createTestContainer, eventually, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";
import { pdfText } from "../../support/pdf-text.ts";
import { EXPECTED, seedReportFixture, type Fixture } from "./fixture.ts";

let c: Container;
let app: Express;
let f: Fixture;
let connection: Redis;
let workers: WorkerSet | undefined;

const SPRING = { fromDate: "2026-03-01", toDate: "2026-04-30", roundId: "", departmentId: "" };

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  f = await seedReportFixture(c.db);
  app = createApp(c);
  connection = createRedis(c.config.redisUrl, "worker");
});

afterAll(async () => {
  await workers?.close();
  connection.disconnect();
  await c.close();
});

function download(agent: ReturnType<typeof request.agent>, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    agent.get(path).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on("data", (ch: Buffer) => chunks.push(ch));
      res.on("end", () => cb(null, Buffer.concat(chunks)));
    }).end((err, res) => (err ? reject(err) : res.status === 200 ? resolve(res.body as Buffer) : reject(new Error(`${path}: ${res.status}`))));
  });
}

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, "=");

/** Every table of the HTML page: its id and its body cells, as text. */
function htmlTables(html: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const m of html.matchAll(/<section class="report-table" id="table-([\w-]+)"[\s\S]*?<\/section>/g)) {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(m[0])?.[1] ?? "";
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...(r[1] ?? "").matchAll(/<td>([\s\S]*?)<\/td>/g)].map((d) => decode(d[1] ?? "")));
    out.set(m[1] as string, rows);
  }
  return out;
}

describe("report pages", () => {
  let reportId = 0;

  it("when an administrator asks for a report twice before it is built, then the second request joins the first and the page refreshes itself (Refresh header, no script)", async () => {
    const admin = await signIn(app, "admin@demo.example");
    expect((await admin.get("/staff/reports")).status).toBe(200);
    const first = await admin.post("/staff/reports", SPRING);
    expect(first.status).toBe(303);
    reportId = Number(/\/staff\/reports\/(\d+)$/.exec(first.location ?? "")?.[1]);
    const coordinator = await signIn(app, "coordinator@demo.example");
    await coordinator.get("/staff/reports");
    const second = await coordinator.post("/staff/reports", SPRING);
    expect(second.location).toBe(`/staff/reports/${reportId}`);
    expect(await c.db.reportRun.count()).toBe(1);
    const waiting = await admin.get(`/staff/reports/${reportId}`);
    expect(waiting.headers.refresh).toBe("2");
    expect(waiting.text).toContain("排队中");
    // Timed reloads can be turned off (WCAG 2.2.1).
    expect((await admin.get(`/staff/reports/${reportId}?refresh=off`)).headers.refresh).toBeUndefined();
  });

  it("when the worker builds it, then the page shows the hand-worked figures, SVG charts and no refresh", async () => {
    workers = startWorkers(c, connection, { queues: ["reports"] });
    await eventually(async () => (await c.db.reportRun.findUniqueOrThrow({ where: { id: reportId } })).status === "DONE", 20_000);
    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.get(`/staff/reports/${reportId}`);
    expect(page.headers.refresh).toBeUndefined();
    expect(page.text).toContain("<svg");
    const tables = htmlTables(page.text);
    expect(tables.get("funnel")).toEqual(EXPECTED.funnel.map((r) => r.map(String)));
    expect(tables.get("timeliness")).toEqual(EXPECTED.timeliness.map((r) => r.map(String)));
    expect(tables.get("satisfaction")).toEqual(EXPECTED.satisfaction.map((r) => r.map(String)));
    const list = await admin.get("/staff/reports");
    expect(list.text).toContain(`/staff/reports/${reportId}`);
    expect(list.text).toContain("已完成");
  });

  it("then the CSV, the XLSX workbook and the PDF say what the page says, table by table", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const html = htmlTables((await admin.get(`/staff/reports/${reportId}`)).text);
    expect(html.size).toBe(14);

    const csv = (await download(admin.agent, `/staff/reports/${reportId}/report.csv`)).toString("utf8").replace(/^\uFEFF/, "");
    const records = parse(csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(admin.agent, `/staff/reports/${reportId}/report.xlsx`)) as unknown as ArrayBuffer);
    const pdf = await pdfText(await download(admin.agent, `/staff/reports/${reportId}/report.pdf`));
    const pdfCompact = pdf.replace(/\s+/g, "");

    for (const [key, rows] of html) {
      const sheet = book.getWorksheet(key);
      expect(sheet, key).toBeDefined();
      // Row 1 is the title, row 2 the header.
      const sheetRows: string[][] = [];
      sheet?.eachRow((row, n) => {
        if (n > 2) sheetRows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
      });
      expect(sheetRows, key).toEqual(rows);
      for (const row of rows) {
        expect(records, key).toContainEqual(row);
        for (const cell of row) expect(pdfCompact, `${key}: ${cell}`).toContain(cell.replace(/\s+/g, ""));
      }
    }
    // The hand-worked figures, in all four.
    expect(records).toContainEqual(["采纳（含部分采纳）", "3", "75.0%", "37.5%"]);
    expect(pdf).toContain("建议转化报告");
    expect(pdfCompact).toContain("转化为政策举措3100.0%37.5%");
  });

  it("when every suggestion of the report is downloaded, then the CSV streams one row per suggestion in scope, without personal data", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const csv = (await download(admin.agent, `/staff/reports/${reportId}/suggestions.csv`)).toString("utf8").replace(/^\uFEFF/, "");
    const rows = parse(csv, { skip_empty_lines: true }) as string[][];
    expect(rows[0]?.[0]).toBe("查询码");
    expect(rows.slice(1).map((r) => r[0])).toEqual(["RPT-S1", "RPT-S2", "RPT-S3", "RPT-S4", "RPT-S5", "RPT-S6", "RPT-S7", "RPT-S8"]);
    expect(rows.find((r) => r[0] === "RPT-S3")?.slice(7)).toEqual(["2026-03-10", "暂不采纳", "否", "1", "0"]);
    expect(csv).not.toContain("测试人");
    expect(csv).not.toContain("13800000000");
  });

  it("when the period ends before it starts or names an unknown department, then the form says so (422)", async () => {
    const admin = await signIn(app, "admin@demo.example");
    await admin.get("/staff/reports");
    const backwards = await admin.post("/staff/reports", { ...SPRING, fromDate: "2026-05-01", toDate: "2026-04-01" });
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain("结束日期不能早于开始日期");
    const fifty = await admin.post("/staff/reports", { ...SPRING, fromDate: "1980-01-01", toDate: "2030-01-01" });
    expect(fifty.status).toBe(422);
    expect(fifty.text).toContain("统计期间不能超过 10 年");
    const unknown = await admin.post("/staff/reports", { ...SPRING, departmentId: "999999" });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain("没有这个单位");
    const round = await admin.post("/staff/reports", { ...SPRING, roundId: "999999" });
    expect(round.text).toContain("没有这个专题征集");
  });

  it("when a department head asks, then the report is their department's; another department's is a 404", async () => {
    const head = await signIn(app, "head.edu@demo.example");
    const list = await head.get("/staff/reports");
    expect(list.text).not.toContain(`/staff/reports/${reportId}"`);
    expect((await head.get(`/staff/reports/${reportId}`)).status).toBe(404);
    expect((await head.post("/staff/reports", { ...SPRING, departmentId: String(f.deptB) })).status).toBe(404);
    const own = await head.post("/staff/reports", { ...SPRING, departmentId: String(f.deptA) });
    expect(own.status).toBe(303);
    const id = Number(/(\d+)$/.exec(own.location ?? "")?.[1]);
    expect((await c.db.reportRun.findUniqueOrThrow({ where: { id } })).departmentId).toBe(f.deptA);
    await eventually(async () => (await c.db.reportRun.findUniqueOrThrow({ where: { id } })).status === "DONE", 20_000);
    const page = htmlTables((await head.get(`/staff/reports/${id}`)).text);
    expect(page.get("funnel")?.[0]).toEqual(["征集", "3", "—", "100.0%"]);
    expect((await head.get(`/staff/reports/${reportId}/report.pdf`)).status).toBe(404);
  });

  it("when an official who is not a head opens the reports, then it is forbidden", async () => {
    const official = await signIn(app, "official.edu@demo.example");
    expect((await official.get("/staff/reports")).status).toBe(403);
  });
});
