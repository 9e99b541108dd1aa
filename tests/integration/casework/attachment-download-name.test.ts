// Issue 7.5: a JPEG/HTML polyglot named poly.html is accepted as the JPEG it starts as; staff must get it back as a
// .jpg download, never as an .html file their browser or desktop would open as a page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { openForm, postMultipart, signIn } from "../../support/http.ts";
import { referenceIds, trackingCodeIn, validFields } from "../submissions/helpers.ts";

/** Starts as a JPEG (so file-type says image/jpeg) and carries a page with a script after the header. */
const POLYGLOT = Buffer.concat([
  Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex"),
  Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>"),
  Buffer.from("ffd9", "hex"),
]);

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(() => c.close());

describe("attachment download names", () => {
  it("when a JPEG/HTML polyglot was uploaded as poly.html, then staff download it as poly.jpg, image/jpeg, attachment, nosniff; the page shows the original name as text", async () => {
    const ids = await referenceIds(c);
    const { agent, token } = await openForm(app, "/suggestions/new");
    const sent = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...validFields(ids) }, [
      { buffer: POLYGLOT, filename: "poly.html", contentType: "text/html" },
    ]);
    expect(sent.status).toBe(303);
    const code = trackingCodeIn((await agent.get("/suggestions/received")).text)!;
    const s = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code }, include: { attachments: true } });
    const [att] = s.attachments;
    expect(att).toMatchObject({ originalName: "poly.html", mimeType: "image/jpeg" });
    expect(att!.storedName).toMatch(/\.jpg$/);

    const coordinator = await signIn(app, "coordinator@demo.example");
    const res = await coordinator.agent.get(`/staff/attachments/${att!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/jpeg");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="poly.jpg"; filename*=UTF-8''poly.jpg`);
    expect(res.headers["content-disposition"]).not.toMatch(/\.html/);

    const page = await coordinator.get(`/staff/suggestions/${s.id}`);
    expect(page.text).toContain("poly.html");
  });
});
