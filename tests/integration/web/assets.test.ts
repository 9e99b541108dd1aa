// The stylesheet and scripts are served from public/ under their own prefixes; pages are not looked up on disk.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import { createContainer, type Container } from "../../../src/container.ts";
import { testConfig } from "../../support/harness.ts";

let c: Container;
let app: Express;

beforeAll(() => {
  c = createContainer(testConfig(), { name: "test" });
  app = createApp(c);
});
afterAll(() => c.close());

describe("static assets", () => {
  it("when a page links the stylesheet and the scripts, then each is served with its type", async () => {
    const css = await request(app).get("/css/app.css");
    expect(css.status).toBe(200);
    expect(css.headers["content-type"]).toMatch(/^text\/css/);
    for (const file of ["forms.js", "countdown.js", "draft-hints.js"]) {
      const js = await request(app).get(`/js/${file}`);
      expect(js.status).toBe(200);
      expect(js.headers["content-type"]).toMatch(/javascript/);
    }
  });

  it("when a file outside the asset folders is asked for, then it is not found", async () => {
    expect((await request(app).get("/css/../../package.json")).status).toBe(404);
    expect((await request(app).get("/app.css")).status).toBe(404);
    expect((await request(app).get("/css/missing.css")).status).toBe(404);
  });
});
