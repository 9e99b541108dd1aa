import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { signIn } from "../../support/http.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(() => c.close());

describe("the queue dashboard", () => {
  it("when an administrator opens /admin/queues, then Bull Board and its API answer with the platform's queues", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const page = await admin.agent.get("/admin/queues");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<script");
    const api = await admin.agent.get("/admin/queues/api/queues");
    expect(api.status).toBe(200);
    const names = (api.body as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(["email", "indexing", "maintenance", "routing"]);
  });

  it("when a write comes from another site, then it is refused; from the dashboard's own origin it goes through", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const crossSite = await admin.agent.put("/admin/queues/api/queues/email/retry/failed").set("Origin", "https://evil.example");
    expect(crossSite.status).toBe(403);
    const noOrigin = await admin.agent.put("/admin/queues/api/queues/email/retry/failed");
    expect(noOrigin.status).toBe(403);
    const same = await admin.agent.put("/admin/queues/api/queues/email/retry/failed").set("Host", "gi.test").set("Origin", "http://gi.test");
    expect(same.status).toBeLessThan(400);
  });

  it("when anyone but an administrator asks for it, then it does not exist (404)", async () => {
    expect((await request(app).get("/admin/queues")).status).toBe(404);
    for (const email of ["coordinator@demo.example", "official.edu@demo.example"]) {
      const client = await signIn(app, email);
      expect((await client.agent.get("/admin/queues")).status).toBe(404);
      expect((await client.agent.get("/admin/queues/api/queues")).status).toBe(404);
    }
  });
});
