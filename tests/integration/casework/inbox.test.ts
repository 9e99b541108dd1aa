// The department inbox: only my department's assignments, deadline marks in words, filters in a plain GET form,
// and keyset paging that returns every row exactly once in both directions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { addWorkingDays } from "../../../src/platform/working-days.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";
import { departmentId, insertSuggestion } from "../../support/suggestions.ts";

type Client = Awaited<ReturnType<typeof signIn>>;

let c: Container;
let app: Express;
let edu: Client;
let civil: Client;
let coordinator: Client;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
  [edu, civil, coordinator] = await Promise.all([
    signIn(app, "official.edu@demo.example"),
    signIn(app, "official.civil@demo.example"),
    signIn(app, "coordinator@demo.example"),
  ]);
});
afterAll(() => c.close());

function idsIn(html: string): number[] {
  return [...html.matchAll(/data-suggestion-id="(\d+)"/g)].map((m) => Number(m[1]));
}

function link(html: string, rel: "next" | "prev"): string | undefined {
  const m = new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html);
  return m?.[1]?.replace(/&amp;/g, "&").replace(/&#x3D;/g, "=");
}

function rowOf(html: string, id: number): string {
  const m = new RegExp(`<tr data-suggestion-id="${id}"[\\s\\S]*?</tr>`).exec(html);
  if (!m) throw new Error(`no row for suggestion ${id}`);
  return m[0];
}

describe("the department inbox", () => {
  it("when an official opens it, then it lists what their department leads or assists on, with words for status and role, and nothing of other departments", async () => {
    const lead = await insertSuggestion(c.db, { lead: "CIVIL", title: "关于社区食堂的建议" });
    const assist = await insertSuggestion(c.db, { lead: "TRANSPORT", assists: ["CIVIL"], status: "IN_HANDLING", title: "关于老年人乘车的建议" });
    const other = await insertSuggestion(c.db, { lead: "TRANSPORT", title: "关于公交站台的建议" });
    const page = await civil.get("/staff/inbox");
    expect(page.status).toBe(200);
    expect(idsIn(page.text)).toEqual(expect.arrayContaining([lead.id, assist.id]));
    expect(idsIn(page.text)).not.toContain(other.id);
    expect(page.text).not.toContain(other.trackingCode);
    expect(rowOf(page.text, lead.id)).toContain("主办");
    expect(rowOf(page.text, lead.id)).toContain("已交办（待签收）");
    expect(rowOf(page.text, lead.id)).toContain(lead.trackingCode);
    expect(rowOf(page.text, assist.id)).toContain("协办");
    expect(rowOf(page.text, assist.id)).toContain("办理中");

    const forged = await civil.get(`/staff/inbox?department=${await departmentId(c.db, "TRANSPORT")}&status=all`);
    expect(idsIn(forged.text)).not.toContain(other.id);
  });

  it("when a deadline has passed or is near, then the row says so in a badge and in words, not by colour alone", async () => {
    const overdue = await insertSuggestion(c.db, { lead: "CIVIL", status: "IN_HANDLING", assignedAt: new Date(Date.now() - 60 * 24 * 3600 * 1000) });
    const soon = await insertSuggestion(c.db, { lead: "CIVIL", status: "IN_HANDLING" });
    const dueSoon = addWorkingDays(new Date(), 2);
    await c.db.suggestion.update({ where: { id: soon.id }, data: { replyDueAt: dueSoon } });
    await c.db.assignment.update({ where: { id: soon.leadAssignmentId }, data: { dueAt: dueSoon } });
    const calm = await insertSuggestion(c.db, { lead: "CIVIL", status: "IN_HANDLING" });

    const page = await civil.get("/staff/inbox");
    expect(rowOf(page.text, overdue.id)).toContain("已超期");
    expect(rowOf(page.text, overdue.id)).toContain("已超过期限，请尽快办理");
    expect(rowOf(page.text, soon.id)).toContain("即将到期");
    expect(rowOf(page.text, soon.id)).toContain("3个工作日内到期");
    expect(rowOf(page.text, calm.id)).not.toMatch(/已超期|即将到期/);
    // The overdue case comes first: nearest deadline first.
    expect(idsIn(page.text).indexOf(overdue.id)).toBeLessThan(idsIn(page.text).indexOf(calm.id));

    // The case page marks it the same way.
    const casePage = await civil.get(`/staff/suggestions/${overdue.id}`);
    expect(casePage.text).toContain("已超期");
  });

  it("when filtering by status, round or category, then only matching rows are listed, and the form keeps the choices", async () => {
    const round = await c.db.collectionRound.findFirstOrThrow({ select: { id: true } });
    const inRound = await insertSuggestion(c.db, { lead: "HOUSING", status: "IN_HANDLING", roundId: round.id });
    const education = await insertSuggestion(c.db, { lead: "HOUSING", categoryCode: "EDUCATION" });
    const plain = await insertSuggestion(c.db, { lead: "HOUSING" });
    const housing = await signIn(app, "official.housing@demo.example");

    const byStatus = await housing.get("/staff/inbox?status=IN_HANDLING");
    expect(idsIn(byStatus.text)).toEqual([inRound.id]);
    expect(byStatus.text).toMatch(/<option value="IN_HANDLING" selected>/);

    const byRound = await housing.get(`/staff/inbox?status=all&round=${round.id}`);
    expect(idsIn(byRound.text)).toEqual([inRound.id]);

    const category = await c.db.category.findUniqueOrThrow({ where: { code: "EDUCATION" } });
    const byCategory = await housing.get(`/staff/inbox?category=${category.id}`);
    expect(idsIn(byCategory.text)).toEqual([education.id]);

    const everything = await housing.get("/staff/inbox?status=all");
    expect(idsIn(everything.text).sort()).toEqual([inRound.id, education.id, plain.id].sort());

    // Junk in the query string is no filter, not an error.
    const junk = await housing.get("/staff/inbox?status=<b>&round=x&category=-1&after=nonsense");
    expect(junk.status).toBe(200);
    expect(idsIn(junk.text).sort()).toEqual([inRound.id, education.id, plain.id].sort());
  });

  it("when a department has more than a page, then following next and then previous lists every row exactly once, in order", async () => {
    const made: number[] = [];
    const base = Date.now() - 5 * 24 * 3600 * 1000;
    // Several rows share a deadline (assigned at the same moment): the id breaks the tie, so none is skipped or repeated.
    for (let i = 0; i < 47; i++) {
      const s = await insertSuggestion(c.db, { lead: "MEDICAL", status: "IN_HANDLING", assignedAt: new Date(base + Math.floor(i / 3) * 3600 * 1000) });
      made.push(s.id);
    }
    const medical = await signIn(app, "official.medical@demo.example");
    const orders: number[][] = [];
    // "open" lists the nearest deadline first, "all" the latest first: both directions of the keyset.
    for (const start of ["/staff/inbox", "/staff/inbox?status=all"]) {
      const seen: number[] = [];
      const pages: number[][] = [];
      const texts: string[] = [];
      let url: string | undefined = start;
      while (url) {
        const page = await medical.get(url);
        expect(page.status).toBe(200);
        const ids = idsIn(page.text);
        pages.push(ids);
        texts.push(page.text);
        seen.push(...ids);
        url = link(page.text, "next");
        expect(pages.length).toBeLessThan(10);
      }
      expect(pages.map((p) => p.length), start).toEqual([20, 20, 7]);
      expect(new Set(seen).size, start).toBe(47);
      expect([...seen].sort((a, b) => a - b), start).toEqual([...made].sort((a, b) => a - b));
      orders.push(seen);

      // Back from the last page: "previous" walks the same pages in reverse, and the first page has no "previous".
      let text = texts[texts.length - 1] ?? "";
      for (let i = pages.length - 2; i >= 0; i--) {
        const prev = link(text, "prev");
        expect(prev, start).toBeDefined();
        text = (await medical.get(prev ?? "")).text;
        expect(idsIn(text), start).toEqual(pages[i]);
      }
      expect(link(text, "prev"), start).toBeUndefined();
    }
    expect(orders[1]).toEqual([...(orders[0] ?? [])].reverse());
  });

  it("when a coordinator opens the inbox, then they choose a department and see its list", async () => {
    const s = await insertSuggestion(c.db, { lead: "EDU" });
    const empty = await coordinator.get("/staff/inbox");
    expect(empty.status).toBe(200);
    expect(empty.text).toContain("请选择要查看的承办单位");
    const eduId = await departmentId(c.db, "EDU");
    const page = await coordinator.get(`/staff/inbox?department=${eduId}`);
    expect(idsIn(page.text)).toContain(s.id);
    expect((await coordinator.get("/staff/inbox?department=999999")).status).toBe(404);
    expect(idsIn((await edu.get("/staff/inbox")).text)).toContain(s.id);
  });

  it("when a coordinator opens any staff page, then the nav leads to the department inboxes, where a department picker waits", async () => {
    const screening = await coordinator.get("/staff/screening");
    expect(screening.text).toContain('<a href="/staff/inbox">各单位待办</a>');
    const empty = await coordinator.get("/staff/inbox");
    expect(empty.text).toContain("<h1>各单位待办</h1>");
    expect(empty.text).toMatch(/<select id="f-department" name="department">[\s\S]*?<option value="\d+">/);
    const own = await edu.get("/staff/inbox");
    expect(own.text).toContain('<a href="/staff/inbox">本单位待办</a>');
    expect(own.text).not.toContain("各单位待办");
  });

  it("when an administrator renames a category, then the inbox offers the new name at once, although it keeps the names for a while", async () => {
    expect((await civil.get("/staff/inbox")).text).toMatch(/<option value="\d+">/);
    const category = await c.db.category.findFirstOrThrow({ orderBy: { id: "asc" } });
    const admin = await c.db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const { id, code, name, nameEn, sortOrder, active } = category;
    await c.services.directory.saveCategory({ id: admin.id, email: admin.email }, id, { code, name: "改名后的类别", nameEn: "Renamed", sortOrder, active });
    try {
      const page = await civil.get("/staff/inbox");
      expect(page.text).toContain(`<option value="${id}">改名后的类别</option>`);
      expect(page.text).not.toContain(`>${name}</option>`);
    } finally {
      await c.services.directory.saveCategory({ id: admin.id, email: admin.email }, id, { code, name, nameEn, sortOrder, active });
    }
  });
});
