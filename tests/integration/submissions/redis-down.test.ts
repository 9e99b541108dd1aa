import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { openForm, postMultipart } from "../../support/http.ts";
import { PDF, referenceIds, trackingCodeIn, validFields } from "./helpers.ts";

let healthy: Container;
let down: Container;

beforeAll(async () => {
  healthy = createTestContainer();
  await resetAndSeed(healthy);
  // Nothing listens on 6390: every Redis command fails at once (producer connections do not queue offline).
  down = createTestContainer({ REDIS_URL: "redis://127.0.0.1:6390" });
});

afterAll(async () => {
  await down.close();
  await healthy.close();
});

describe("submitting while Redis is down", () => {
  it("when Redis is unreachable, then the suggestion and its email are committed, routing stays PENDING for the sweep", async () => {
    const app = createApp(down);
    const ids = await referenceIds(down);
    const { agent, token } = await openForm(app, "/suggestions/new");
    const res = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...validFields(ids) }, [{ buffer: PDF, filename: "a.pdf", contentType: "application/pdf" }]);
    expect(res.status).toBe(303);

    const code = trackingCodeIn((await agent.get("/suggestions/received")).text);
    expect(code).toMatch(/^JY-\d{4}-[0-9A-Z]{8}$/);
    const s = await down.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code! }, include: { attachments: true, submitter: true } });
    expect(s.routingState).toBe("PENDING");
    expect(s.status).toBe("SUBMITTED");
    expect(s.attachments).toHaveLength(1);
    expect(s.submitter?.phone).toBe("13912345678");
    expect(await down.db.emailMessage.findFirstOrThrow({ where: { dedupeKey: `received-${code}` } })).toMatchObject({ status: "PENDING" });

    // The lookup path does not need Redis either (its rate limiter fails open).
    const { agent: a2, token: t2 } = await openForm(app, "/track");
    const track = await a2.post("/track").type("form").send({ _csrf: t2, code: code!, phoneLast4: "5678" });
    expect(track.status).toBe(200);
  });
});
