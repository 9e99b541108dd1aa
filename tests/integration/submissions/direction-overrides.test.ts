// Issue 7.9: direction-override and isolate characters (U+202A–202E, U+2066–2069) make a line read differently from
// what it is. Single-line fields drop them, as file names already did, before they reach inboxes and email subjects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { openForm, postMultipart } from "../../support/http.ts";
import { referenceIds, trackingCodeIn, validFields } from "./helpers.ts";

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

let c: Container;
let app: Express;

beforeAll(async () => {
  c = createTestContainer();
  await resetAndSeed(c);
  app = createApp(c);
});
afterAll(() => c.close());

describe("direction overrides in single-line fields", () => {
  it("when a title and a name carry U+202E and isolates, then they are stored, shown and mailed without them", async () => {
    const ids = await referenceIds(c);
    const { agent, token } = await openForm(app, "/suggestions/new");
    const res = await postMultipart(agent, "/suggestions/new", {
      _csrf: token,
      ...validFields(ids),
      title: "关于增设\u202E点餐助年老\u202C社区\u2066助餐\u2069点的建议",
      realName: "李\u202E英秀\u2067",
    });
    expect(res.status).toBe(303);
    const code = trackingCodeIn((await agent.get("/suggestions/received")).text)!;
    const s = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code }, include: { submitter: true } });
    expect(s.title).toBe("关于增设点餐助年老社区助餐点的建议");
    expect(s.submitter?.realName).toBe("李英秀");
    const email = await c.db.emailMessage.findFirstOrThrow({ where: { dedupeKey: `received-${code}` } });
    expect(JSON.stringify(email.data)).not.toMatch(BIDI);
  });
});
