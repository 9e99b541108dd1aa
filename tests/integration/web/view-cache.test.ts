// `npm start` (src/cli/start.ts) runs the web process with the caller's environment, where NODE_ENV is usually
// unset (development). It must still serve compiled templates from the cache; only VIEW_CACHE=false recompiles.
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createContainer, type Container } from "../../../src/container.ts";

let c: Container | undefined;

afterEach(async () => {
  await c?.close();
  c = undefined;
});

/** The environment `npm start` hands its web process: the caller's, with no NODE_ENV of its own. */
function appLikeNpmStart(extra: Record<string, string | undefined> = {}) {
  c = createContainer(loadConfig({ ...process.env, NODE_ENV: undefined, VIEW_CACHE: undefined, ...extra }), { name: "test" });
  return createApp(c);
}

describe("template caching", () => {
  it("when the app is started the way `npm start` starts it, then compiled views are cached and pages render", async () => {
    const app = appLikeNpmStart();
    expect(c?.config.env).toBe("development");
    expect(app.enabled("view cache")).toBe(true);
    const page = await request(app).get("/track");
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="zh-CN">');
  });

  it("when NODE_ENV=development is set explicitly, then views are still cached", () => {
    expect(appLikeNpmStart({ NODE_ENV: "development" }).enabled("view cache")).toBe(true);
  });

  it("when VIEW_CACHE=false is set, then views are recompiled on every request, even in production", () => {
    const app = appLikeNpmStart({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(16), CSRF_SECRET: "c".repeat(16), VIEW_CACHE: "false" });
    expect(app.enabled("view cache")).toBe(false);
  });
});
