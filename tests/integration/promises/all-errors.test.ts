// Issue 11, item 8: several errors on a suggestion form (everyday or a round's) are all reported at once, a wrong file
// type included.
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { openForm, postMultipart } from "../../support/http.ts";
import { EXE, message, NOTHING, referenceIds, rowCounts, validFields } from "../submissions/helpers.ts";

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(() => c.close());

describe("every error at once", () => {
  for (const locale of ["zh-CN", "en"] as const) {
    it(`when the title is empty, the phone wrong and the file not an allowed type (${locale}), then all three are reported on the first try`, async () => {
      const { agent, token } = await openForm(app, `/suggestions/new?lang=${locale}`);
      const res = await postMultipart(
        agent,
        "/suggestions/new",
        { _csrf: token, ...validFields(await referenceIds(c)), title: "", phone: "1234" },
        [{ buffer: EXE, filename: "report.pdf", contentType: "application/pdf" }],
      );
      expect(res.status).toBe(422);
      for (const field of ["title", "phone", "attachments"]) expect(res.text).toContain(`href="#f-${field}"`);
      expect(res.text).toContain(message("submissions:errors.fileType", locale));
      expect(await rowCounts(c)).toEqual(NOTHING);
    });
  }

  it("when a round's form has no sub-topic and a disguised file, then both are reported on the first try", async () => {
    // The seed's open round (SQGZ).
    const round = await c.db.collectionRound.findUniqueOrThrow({ where: { code: "SQGZ" }, select: { id: true } });
    const { agent, token } = await openForm(app, `/rounds/${round.id}`);
    const res = await postMultipart(
      agent,
      `/rounds/${round.id}/suggestions`,
      { _csrf: token, ...validFields(await referenceIds(c)) },
      [{ buffer: EXE, filename: "photo.jpg", contentType: "image/jpeg" }],
    );
    expect(res.status).toBe(422);
    for (const field of ["topicId", "attachments"]) expect(res.text).toContain(`href="#f-${field}"`);
    expect(res.text).toContain(message("submissions:errors.fileType"));
    expect(await rowCounts(c)).toEqual(NOTHING);
  });
});
