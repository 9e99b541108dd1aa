import { readFileSync } from "node:fs";
import path from "node:path";
import type { Express } from "express";
import request from "supertest";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { addWorkingDays } from "../../../src/platform/working-days.ts";
import { createSendEmailProcessor } from "../../../workers/processors/send-email.ts";
import { parseSubmittedNotice, SUBMITTED_CHANNEL } from "../../../src/features/submissions/index.ts";
import { createTestContainer, eventually, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { csrfTokenIn, openForm, postMultipart } from "../../support/http.ts";
import { recipients, startSmtp } from "../../support/smtp.ts";
import {
  EXE,
  fieldMarkedInvalid,
  message,
  newTempUploads,
  NOTHING,
  PDF,
  PNG,
  referenceIds,
  rowCounts,
  storedFiles,
  tempUploads,
  trackingCodeIn,
  validFields,
} from "./helpers.ts";

let c: Container;
let app: Express;
let fields: Record<string, string>;
let ids: Awaited<ReturnType<typeof referenceIds>>;

beforeAll(async () => {
  c = createTestContainer();
  app = createApp(c);
  await resetAndSeed(c);
  ids = await referenceIds(c);
});

afterAll(async () => {
  await c.close();
});

beforeEach(async () => {
  await resetSuggestions(c);
  fields = validFields(ids);
});

/** Submits the everyday form as a browser would and returns the response. */
async function submit(overrides: Record<string, string | undefined> = {}, files: Parameters<typeof postMultipart>[3] = [], url = "/suggestions/new") {
  const { agent, token } = await openForm(app, "/suggestions/new");
  const res = await postMultipart(agent, url, { _csrf: token, ...fields, ...overrides }, files);
  return { agent, res };
}

/** The response is the form again with the field's message, and nothing at all was kept. */
async function expectRefusedWithNothingStored(res: request.Response, field: string, key: string, filesBefore: string[], tempBefore: Set<string>) {
  expect(res.status).toBe(422);
  expect(res.text).toContain(message(key));
  expect(res.text).toContain(`href="#f-${field}"`);
  expect(res.text).toContain('class="error-summary"');
  expect(await rowCounts(c)).toEqual(NOTHING);
  expect(storedFiles(c)).toEqual(filesBefore);
  expect(newTempUploads(tempBefore)).toEqual([]);
}

describe("the everyday form", () => {
  it("when a citizen opens the form, then every field has a label and the region list groups counties by city", async () => {
    const res = await request(app).get("/suggestions/new");
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="zh-CN">');
    for (const field of ["title", "categoryId", "regionId", "problem", "proposal", "realName", "phone", "email", "consentPublish", "hideIdentity", "attachments"]) {
      expect(res.text, field).toContain(`for="f-${field}"`);
      expect(res.text, field).toMatch(new RegExp(`id="f-${field}"`));
    }
    expect(res.text.match(/<optgroup /g)?.length).toBe(14);
    expect(res.text).toContain('<optgroup label="沈阳市">');
    expect(res.text).toContain("和平区");
    expect(res.text).toContain('enctype="multipart/form-data"');
    // Both consent boxes are off until the citizen ticks them.
    expect(res.text).not.toMatch(/name="consentPublish"[^>]*checked/);
    expect(res.text).not.toMatch(/name="hideIdentity"[^>]*checked/);
  });
});

describe("submitting an everyday suggestion", () => {
  it("when the form is valid with a PDF attached, then it redirects to a confirmation with a tracking code, commits every row and announces the commit", async () => {
    // Listening as the outbox relay does (workers/outbox-relay.ts).
    const listener = new pg.Client({ connectionString: c.config.databaseUrl });
    const notices: (string | undefined)[] = [];
    listener.on("notification", (msg) => notices.push(msg.payload));
    await listener.connect();
    onTestFinished(() => listener.end());
    await listener.query(`LISTEN ${SUBMITTED_CHANNEL}`);
    const before = Date.now();
    const { agent, res } = await submit({}, [{ buffer: PDF, filename: "调研报告.pdf", contentType: "application/pdf" }]);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/suggestions/received");

    const page = await agent.get("/suggestions/received");
    expect(page.status).toBe(200);
    const code = trackingCodeIn(page.text);
    expect(code).toMatch(/^[A-Z]{2,6}-\d{4}-[0-9A-Z]{6,}$/);
    expect(code).toMatch(/^JY-/);
    // The code travels in a signed cookie, not in the URL.
    expect(res.headers.location).not.toContain(code);
    expect(page.text).toContain("关于增设社区老年助餐点的建议");

    const s = await c.db.suggestion.findUniqueOrThrow({
      where: { trackingCode: code! },
      include: { submitter: true, attachments: true, events: true },
    });
    expect(s).toMatchObject({
      kind: "EVERYDAY",
      status: "SUBMITTED",
      routingState: "PENDING",
      roundId: null,
      topicId: null,
      categoryId: ids.categoryId,
      regionId: ids.countyId,
      locale: "zh-CN",
      title: fields.title,
      problem: fields.problem,
      proposal: fields.proposal,
    });
    expect(s.submittedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(s.screeningDueAt).toEqual(addWorkingDays(s.submittedAt, c.config.deadlines.screeningWorkingDays));
    expect(s.submitter).toMatchObject({
      realName: "李秀英",
      phone: "13912345678",
      email: "li.xiuying@citizen.example",
      consentPublish: false,
      hideIdentity: false,
    });
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject({ type: "SUBMITTED", fromStatus: null, toStatus: "SUBMITTED", internal: false });
    // The private tracking link's secret: 32 random bytes (issue 11).
    expect(s.trackToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(s.attachments).toHaveLength(1);
    const a = s.attachments[0]!;
    expect(a).toMatchObject({ originalName: "调研报告.pdf", mimeType: "application/pdf", size: PDF.length });
    expect(a.storedName).toMatch(/^[a-f0-9]{32}\.pdf$/);
    const storedPath = path.join(c.config.uploadDir, a.storedName.slice(0, 2), a.storedName);
    expect(readFileSync(storedPath).equals(PDF)).toBe(true);
    expect(storedPath.startsWith("public")).toBe(false);

    const emails = await c.db.emailMessage.findMany();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      dedupeKey: `received-${code}`,
      toAddress: "li.xiuying@citizen.example",
      template: "suggestion-received",
      locale: "zh-CN",
      status: "PENDING",
      data: { trackingCode: code, title: fields.title, trackUrl: `${c.config.publicBaseUrl}/track/${s.trackToken}`, screeningDueAt: s.screeningDueAt.toISOString() },
    });

    // The request queues nothing (Redis is not on its path); its commit is announced to the outbox relay instead,
    // with the ids of the suggestion and its acknowledgement email.
    expect(await c.queues.routing.getJob(`route-suggestion-${s.id}`)).toBeUndefined();
    expect(await c.queues.email.getJob(`send-email-${emails[0]!.id}`)).toBeUndefined();
    await eventually(async () => notices.length > 0);
    expect(notices.map(parseSubmittedNotice)).toEqual([{ suggestionId: s.id, emailId: emails[0]!.id }]);
  });

  it("when the form is posted to /suggestions without attachments or email, then it is stored with no email row", async () => {
    const { agent, res } = await submit({ email: "", consentPublish: "on", hideIdentity: "on" }, [], "/suggestions");
    expect(res.status).toBe(303);
    const code = trackingCodeIn((await agent.get("/suggestions/received")).text);
    const s = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code! }, include: { submitter: true, attachments: true } });
    expect(s.submitter).toMatchObject({ email: null, consentPublish: true, hideIdentity: true });
    expect(s.attachments).toEqual([]);
    expect(await c.db.emailMessage.count()).toBe(0);
  });

  it("when a browser posts the form urlencoded (no files), then it is accepted too", async () => {
    const { agent, token } = await openForm(app, "/suggestions/new");
    const res = await agent.post("/suggestions").type("form").send({ _csrf: token, ...fields });
    expect(res.status).toBe(303);
    expect(await c.db.suggestion.count()).toBe(1);
  });

  it("when two suggestions are submitted, then their codes share nothing but the prefix and year", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const { agent, res } = await submit();
      expect(res.status).toBe(303);
      codes.push(trackingCodeIn((await agent.get("/suggestions/received")).text)!);
    }
    expect(codes[0]).not.toBe(codes[1]);
    expect(codes[0]!.slice(0, 8)).toBe(codes[1]!.slice(0, 8));
  });

  it("when the confirmation page is opened without a receipt or with a forged one, then it shows no code", async () => {
    const plain = await request(app).get("/suggestions/received");
    expect(plain.status).toBe(200);
    expect(trackingCodeIn(plain.text)).toBeUndefined();
    const forged = await request(app).get("/suggestions/received").set("Cookie", "gi_receipt=JY-2026-ABCDEFGH.forged");
    expect(trackingCodeIn(forged.text)).toBeUndefined();
  });

  it("when the receipt names a real suggestion's code with any other token, then it shows no code", async () => {
    const { res } = await submit();
    const [code, token] = /gi_receipt=([^.;]+)\.([^;]+)/.exec(String(res.headers["set-cookie"]))!.slice(1) as [string, string];
    const own = await request(app).get("/suggestions/received").set("Cookie", `gi_receipt=${code}.${token}`);
    expect(trackingCodeIn(own.text)).toBe(code);
    const other = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const cookie of [`gi_receipt=${code}.${other}`, `gi_receipt=${code}.`, `gi_receipt=${code}`, `gi_receipt=${code}.${token}x`]) {
      const forged = await request(app).get("/suggestions/received").set("Cookie", cookie);
      expect(trackingCodeIn(forged.text)).toBeUndefined();
    }
  });
});

describe("bad input to the everyday form", () => {
  let filesBefore: string[];
  let tempBefore: Set<string>;

  beforeEach(() => {
    filesBefore = storedFiles(c);
    tempBefore = tempUploads();
  });

  it("when a file is larger than 10 MB, then the form comes back with the size message and the values kept", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    PDF.copy(big);
    const { res } = await submit({}, [{ buffer: big, filename: "big.pdf", contentType: "application/pdf" }]);
    await expectRefusedWithNothingStored(res, "attachments", "submissions:errors.fileTooLarge", filesBefore, tempBefore);
    expect(res.text).toContain('value="关于增设社区老年助餐点的建议"');
    expect(res.text).toContain(message("submissions:form.filesDropped"));
  });

  it("when six files are attached, then the form says at most five", async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ buffer: PDF, filename: `p${i}.pdf`, contentType: "application/pdf" }));
    const { res } = await submit({}, six);
    await expectRefusedWithNothingStored(res, "attachments", "submissions:errors.tooManyFiles", filesBefore, tempBefore);
  });

  it("when an executable is renamed report.pdf and sent as application/pdf, then it is refused by its content", async () => {
    const { res } = await submit({}, [
      { buffer: PNG, filename: "photo.png", contentType: "image/png" },
      { buffer: EXE, filename: "report.pdf", contentType: "application/pdf" },
    ]);
    await expectRefusedWithNothingStored(res, "attachments", "submissions:errors.fileType", filesBefore, tempBefore);
    expect(fieldMarkedInvalid(res.text, "attachments")).toBe(true);
  });

  it("when a file comes in a field the form does not have, then it is refused with a message, not an error page", async () => {
    const { agent, token } = await openForm(app, "/suggestions/new");
    const res = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...fields }, [{ buffer: PDF, filename: "a.pdf" }], "evil");
    await expectRefusedWithNothingStored(res, "attachments", "submissions:errors.tooManyFiles", filesBefore, tempBefore);
  });

  it("when the title is empty, then the title is marked and the other values are kept", async () => {
    const { res } = await submit({ title: "" }, [{ buffer: PDF, filename: "a.pdf" }]);
    await expectRefusedWithNothingStored(res, "title", "submissions:errors.titleRequired", filesBefore, tempBefore);
    expect(fieldMarkedInvalid(res.text, "title")).toBe(true);
    expect(res.text).toContain(fields.problem);
    expect(res.text).toMatch(new RegExp(`<option value="${ids.countyId}" selected>`));
    expect(res.text).toContain("<title>填写有误：");
  });

  it("when the title is 200 KB long, then it gets the length message rather than a 413 or 500", async () => {
    const { res } = await submit({ title: "建".repeat(200 * 1024 / 3) });
    await expectRefusedWithNothingStored(res, "title", "submissions:errors.titleTooLong", filesBefore, tempBefore);
  });

  it("when the phone is not a mainland mobile number, then the phone is marked", async () => {
    for (const phone of ["+852 9123 4567", "010-12345678", "1234"]) {
      const { res } = await submit({ phone });
      await expectRefusedWithNothingStored(res, "phone", "submissions:errors.phoneInvalid", filesBefore, tempBefore);
      expect(fieldMarkedInvalid(res.text, "phone")).toBe(true);
    }
  });

  it("when the category does not exist, then it gets the unknown-category message", async () => {
    const { res } = await submit({ categoryId: "999999" }, [{ buffer: PDF, filename: "a.pdf" }]);
    await expectRefusedWithNothingStored(res, "categoryId", "submissions:errors.categoryUnknown", filesBefore, tempBefore);
  });

  it("when the region does not exist, then it gets the unknown-region message", async () => {
    const { res } = await submit({ regionId: "999999" });
    await expectRefusedWithNothingStored(res, "regionId", "submissions:errors.regionUnknown", filesBefore, tempBefore);
  });

  it("when every field is missing, then each has its message and the summary lists them in page order", async () => {
    const { agent, token } = await openForm(app, "/suggestions/new");
    const res = await postMultipart(agent, "/suggestions/new", { _csrf: token });
    expect(res.status).toBe(422);
    const links = [...res.text.matchAll(/<li><a href="#f-(\w+)">/g)].map((m) => m[1]);
    expect(links).toEqual(["title", "categoryId", "regionId", "problem", "proposal", "realName", "phone"]);
    expect(await rowCounts(c)).toEqual(NOTHING);
  });

  it("when the CSRF token is missing, then it is 403 with the expired-page message and nothing is stored", async () => {
    const { agent } = await openForm(app, "/suggestions/new");
    const res = await postMultipart(agent, "/suggestions/new", { ...fields }, [{ buffer: PDF, filename: "a.pdf" }]);
    expect(res.status).toBe(403);
    expect(res.text).toContain(message("errors:csrf"));
    expect(await rowCounts(c)).toEqual(NOTHING);
    expect(storedFiles(c)).toEqual(filesBefore);
    expect(newTempUploads(tempBefore)).toEqual([]);
  });

  it("when the CSRF token is forged or from another browser, then it is 403 and nothing is stored", async () => {
    const other = await openForm(app, "/suggestions/new");
    const { agent, token } = await openForm(app, "/suggestions/new");
    const forged = `${"0".repeat(64)}.${token.split(".")[1]}`;
    for (const bad of [forged, other.token, "x"]) {
      const res = await postMultipart(agent, "/suggestions/new", { _csrf: bad, ...fields }, [{ buffer: PDF, filename: "a.pdf" }]);
      expect(res.status).toBe(403);
      expect(res.text).toContain(message("errors:csrf"));
    }
    // A cross-site post carries no cookies at all.
    const bare = await postMultipart(request.agent(app), "/suggestions/new", { _csrf: token, ...fields });
    expect(bare.status).toBe(403);
    expect(await rowCounts(c)).toEqual(NOTHING);
    expect(newTempUploads(tempBefore)).toEqual([]);
  });

  it("when the body is malformed or of an odd kind, then the answer is a 4xx, never a 500", async () => {
    const { agent, token } = await openForm(app, "/suggestions/new");
    const broken = await agent
      .post("/suggestions/new")
      .set("Content-Type", "multipart/form-data; boundary=XYZ")
      .send(`--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc`);
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const json = await agent.post("/suggestions/new").set("Content-Type", "application/json").send(JSON.stringify({ _csrf: token, ...fields }));
    expect(json.status).toBe(403);
    const repeated = await agent.post("/suggestions").type("form").send(`_csrf=${encodeURIComponent(token)}&title=a&title=b&categoryId[x]=1&regionId=%00&phone=%E0%A4%A`);
    expect(repeated.status).toBe(422);
    const nul = await submit({ title: "关于\u0000空字符的建议", realName: "\u0000" });
    expect(nul.res.status).toBe(422);
    // Past the multipart field limit (1 MB) the body is cut short: a message on that field, not a 413.
    const huge = await submit({ proposal: "长".repeat(400_000) });
    expect(huge.res.status).toBe(422);
    expect(huge.res.text).toContain(message("submissions:errors.fieldTooLong"));
    expect(huge.res.text).toContain('href="#f-proposal"');
    const many: Record<string, string> = {};
    for (let i = 0; i < 50; i += 1) many[`extra${i}`] = "x";
    const tooMany = await submit(many);
    expect(tooMany.res.status).toBe(422);
    expect(tooMany.res.text).toContain(message("submissions:errors.formMalformed"));
    expect(await rowCounts(c)).toEqual(NOTHING);
  });
});

describe("English", () => {
  it("when ?lang=en is given, then the form is in English and the choice is remembered by a cookie", async () => {
    const agent = request.agent(app);
    const first = await agent.get("/suggestions/new?lang=en");
    expect(first.text).toContain('<html lang="en">');
    expect(first.text).toContain("Make an everyday suggestion");
    expect(first.headers["set-cookie"]?.toString()).toMatch(/gi_lang=en/);
    const again = await agent.get("/suggestions/new");
    expect(again.text).toContain('<html lang="en">');
    expect(again.text).toContain("Shenyang");

    const token = csrfTokenIn(again.text);
    const bad = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...fields, phone: "12345" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(message("submissions:errors.phoneInvalid", "en"));
    expect(bad.text).toContain("<title>Error: ");

    const ok = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...fields });
    expect(ok.status).toBe(303);
    const receipt = await agent.get("/suggestions/received");
    expect(receipt.text).toContain("Your suggestion has been submitted");
    const s = await c.db.suggestion.findFirstOrThrow();
    expect(s.locale).toBe("en");
    expect((await c.db.emailMessage.findFirstOrThrow()).locale).toBe("en");

    const back = await agent.get("/suggestions/new?lang=zh-CN");
    expect(back.text).toContain('<html lang="zh-CN">');
  });
});

describe("rate limit", () => {
  it("when one address submits more than the hourly allowance, then it gets a 429 and nothing more is stored", async () => {
    const limited = createTestContainer({ SUBMISSIONS_PER_IP_PER_HOUR: "2" });
    try {
      const limitedApp = createApp(limited);
      const { agent, token } = await openForm(limitedApp, "/suggestions/new");
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await postMultipart(agent, "/suggestions/new", { _csrf: token, ...fields })).status);
      expect(statuses).toEqual([303, 303, 429]);
      expect(await c.db.suggestion.count()).toBe(2);
    } finally {
      await limited.close();
    }
  });
});

describe("the acknowledgment email", () => {
  it("when the send-email job runs for a submission with an email address, then the citizen receives the tracking code", async () => {
    const smtp = await startSmtp();
    const mailing = createTestContainer({ SMTP_URL: smtp.url });
    try {
      const { agent, token } = await openForm(createApp(mailing), "/suggestions/new");
      const res = await postMultipart(agent, "/suggestions/new", { _csrf: token, ...fields });
      expect(res.status).toBe(303);
      const code = trackingCodeIn((await agent.get("/suggestions/received")).text)!;
      const email = await mailing.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `received-${code}` } });
      await createSendEmailProcessor(mailing)({ data: { emailId: email.id } });
      const mail = await smtp.waitFor((m) => recipients(m).includes("li.xiuying@citizen.example"));
      expect(`${mail.subject}\n${mail.text}`).toContain(code);
      expect(mail.text).toContain(`${mailing.config.publicBaseUrl}/track`);
    } finally {
      await mailing.close();
      await smtp.close();
    }
  });
});
