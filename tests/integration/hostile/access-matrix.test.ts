// Issue 7: a generated matrix of every staff route (tests/fixtures/hostile/access-routes.json) × role (anonymous,
// an official and the head of department A, the same of department B, the coordinator, the administrator) × the
// case's lead department (A or B), each answer compared with the policy below; a refused request changes nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { createAgent, signIn } from "../../support/http.ts";
import { addAttachment, insertExtensionRequest, insertSuggestion, snapshot } from "../../support/suggestions.ts";
import { PDF } from "../submissions/helpers.ts";

interface Route { method: "GET" | "POST"; path: string }
const matrix = JSON.parse(readFileSync(new URL("../../fixtures/hostile/access-routes.json", import.meta.url), "utf8")) as {
  roles: Record<string, string | null>;
  routes: Route[];
};
type Role = keyof typeof matrix.roles & string;
type Outcome = "allowed" | "403" | "404" | "sign-in";

let c: Container;
let app: Express;
const cases: Record<"A" | "B", { id: number; trackingCode: string; attachment: number; extension: number }> = {} as never;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
  for (const [side, dept, official] of [["A", "TRANSPORT", "official.transport@demo.example"], ["B", "EDU", "official.edu@demo.example"]] as const) {
    const s = await insertSuggestion(c.db, { lead: dept, status: "IN_HANDLING", leadStatus: "ACCEPTED" });
    const a = await addAttachment(c, s.id, { name: "a.pdf", mime: "application/pdf", content: PDF });
    const e = await insertExtensionRequest(c.db, { suggestionId: s.id, departmentCode: dept, requestedByEmail: official, workingDays: 5 });
    cases[side] = { id: s.id, trackingCode: s.trackingCode, attachment: a.id, extension: e.id };
  }
});
afterAll(() => c.close());

function outcomeOf(res: { status: number; location?: string }): Outcome | string {
  if (res.status === 303 && res.location?.startsWith("/staff/sign-in")) return "sign-in";
  if (res.status === 403) return "403";
  if (res.status === 404) return "404";
  if ([200, 303, 409, 422].includes(res.status)) return "allowed";
  return String(res.status);
}

type Access = "admin" | "office" | "heads" | "staff" | "caseViewer" | "department" | "departmentHead";
const SIDE_OF: Record<string, "A" | "B" | null> = { anonymous: null, officialA: "A", headA: "A", officialB: "B", headB: "B", coordinator: null, admin: null };

/** The policy (access-routes.json "policy"): what a role gets on a route of an access group, for a case of side A or B. */
function expected(role: Role, access: Access, caseSide: "A" | "B", missing: boolean): Outcome {
  if (role === "anonymous") return "sign-in";
  const office = role === "coordinator" || role === "admin";
  const ok: Outcome = missing ? "404" : "allowed";
  switch (access) {
    case "admin": return role === "admin" ? ok : "403";
    case "office": return office ? ok : "403";
    case "heads": return office || role.startsWith("head") ? ok : "403";
    case "staff": return ok;
    case "caseViewer": return office || SIDE_OF[role] === caseSide ? ok : "404";
    case "department": return office ? "403" : SIDE_OF[role] === caseSide ? ok : "404";
    case "departmentHead": return office ? "403" : SIDE_OF[role] !== caseSide ? "404" : role.startsWith("head") ? ok : "403";
  }
}

async function fingerprint() {
  const counts = await Promise.all([c.db.user.count(), c.db.department.count(), c.db.region.count(), c.db.routingRule.count(), c.db.collectionRound.count(), c.db.policyMeasure.count()]);
  const ext = await c.db.extensionRequest.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } });
  return { counts, ext, A: await snapshot(c.db, cases.A.id), B: await snapshot(c.db, cases.B.id) };
}

describe("access-control matrix: staff routes × roles × the case's department", () => {
  for (const [role, email] of Object.entries(matrix.roles) as [Role, string | null][]) {
    it(`${role}: every route answers as the policy says, and a refusal changes nothing`, async () => {
      const client = email ? await signIn(app, email) : createAgent(app);
      if (!email) await client.get("/track"); // a token from a public page, as a browser would have
      const violations: string[] = [];
      let checked = 0;
      for (const side of ["A", "B"] as const) {
        for (const r of matrix.routes as (Route & { access: Access; missing?: boolean })[]) {
          if (side === "B" && !/:(case|attachment|extension)/.test(r.path)) continue; // not about a case: once
          const path = r.path.replace(":case", String(cases[side].id)).replace(":attachment", String(cases[side].attachment)).replace(":extension", String(cases[side].extension));
          const want = expected(role, r.access, side, r.missing === true);
          const before = want === "allowed" ? null : await fingerprint();
          const res = r.method === "GET" ? await client.get(path) : await client.post(path, {});
          const got = outcomeOf(res);
          checked++;
          if (got !== want) violations.push(`${r.method} ${path} (case ${side}, ${r.access}): expected ${want}, got ${res.status} ${got}`);
          if (before) expect(await fingerprint(), `${role} ${r.method} ${path} changed data`).toEqual(before);
          if (want !== "allowed") expect(res.text, `${role} ${r.method} ${path} shows the case`).not.toContain(cases[side].trackingCode);
        }
      }
      expect(violations).toEqual([]);
      expect(checked).toBeGreaterThan(50);
    }, 60_000);
  }
});
