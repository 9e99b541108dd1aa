import type { Express } from "express";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { createRedis } from "../../../src/platform/redis.ts";
import { JOBS, roundJobId } from "../../../src/platform/queues.ts";
import { startWorkers, type WorkerSet } from "../../../workers/start-workers.ts";
import { createOpenRoundProcessor } from "../../../workers/processors/open-round.ts";
import { createCloseRoundProcessor } from "../../../workers/processors/close-round.ts";
import { createSweepPendingProcessor } from "../../../workers/processors/sweep-pending.ts";
import { createTestContainer, eventually, resetAndSeed, resetSuggestions } from "../../support/harness.ts";
import { insertSuggestion } from "../../support/suggestions.ts";
import { createRoundAdminService, parseRoundForm, type RoundChange } from "../../../src/features/rounds/index.ts";
import { createAgent, openForm, postMultipart, signIn } from "../../support/http.ts";
import { escapeHtml, message, PNG, referenceIds, rowCounts, validFields } from "../submissions/helpers.ts";

const HOUR = 3_600_000;
const SHANGHAI = 8 * HOUR;

let c: Container;
let app: Express;
let now: Date;
let connection: Redis;
let workers: WorkerSet | undefined;

/** A datetime-local value in Shanghai time. */
function local(d: Date): string {
  return new Date(d.getTime() + SHANGHAI).toISOString().slice(0, 16);
}

/** Whole minutes, as the form can express them. */
function minute(ms: number): Date {
  return new Date(Math.ceil(ms / 60_000) * 60_000);
}

async function ownerId(): Promise<number> {
  return (await c.db.department.findFirstOrThrow({ where: { code: "SWD" }, select: { id: true } })).id;
}

async function roundFields(over: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    code: "GGFW",
    title: "公共服务提升专题征集",
    titleEn: "Better public services",
    body: "为进一步提升公共服务水平，现开展专题征集。",
    wanted: "围绕教育、医疗、养老等公共服务提出建议。",
    excluded: "个人诉求、投诉举报不属于本次征集范围。",
    resultsUse: "优秀建议将纳入年度人民建议奖评选。",
    topics: "教育服务 | Education\n医疗服务 | Health care\n养老服务",
    ownerDepartmentId: String(await ownerId()),
    opensAt: local(minute(now.getTime() + 2 * HOUR)),
    closesAt: local(minute(now.getTime() + 48 * HOUR)),
    publishAdopted: "on",
    ...over,
  };
}

async function createRound(admin: Awaited<ReturnType<typeof signIn>>, over: Record<string, string> = {}) {
  await admin.get("/admin/rounds/new");
  const res = await admin.post("/admin/rounds", await roundFields(over));
  expect(res.status, res.text.slice(0, 2000)).toBe(303);
  const id = Number(/\/admin\/rounds\/(\d+)/.exec(res.location ?? "")?.[1]);
  return c.db.collectionRound.findUniqueOrThrow({ where: { id }, include: { topics: { orderBy: { sortOrder: "asc" } } } });
}

async function act(admin: Awaited<ReturnType<typeof signIn>>, id: number, action: string) {
  const page = await admin.get(`/admin/rounds/${id}`);
  const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? "";
  return admin.post(`/admin/rounds/${id}/actions/${action}`, { version });
}

function roundJob(name: typeof JOBS.openRound | typeof JOBS.closeRound, id: number) {
  return c.queues.maintenance.getJob(roundJobId(name, id));
}

beforeAll(async () => {
  now = new Date();
  c = createTestContainer({}, { now: () => now });
  app = createApp(c);
  connection = createRedis(c.config.redisUrl, "worker");
  await resetAndSeed(c);
});

beforeEach(async () => {
  now = new Date();
  // The rounds these tests create go; the seeded ones are left as they are (no test here changes them).
  await resetSuggestions(c);
  await c.db.roundTopic.deleteMany({ where: { round: { code: "GGFW" } } });
  await c.db.collectionRound.deleteMany({ where: { code: "GGFW" } });
});

afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

afterAll(async () => {
  connection.disconnect();
  await c.close();
});

describe("the administration's area", () => {
  it("when an administrator opens /staff or /admin, then the administration opens with the rounds among its areas and in the navigation", async () => {
    const admin = await signIn(app, "admin@demo.example");
    expect((await admin.get("/staff")).location).toBe("/admin");
    const page = await admin.get("/admin");
    expect(page.status).toBe(200);
    for (const area of ["rounds", "departments", "people", "rules", "calendar", "audit"]) expect(page.text).toContain(`href="/admin/${area}"`);
    expect(page.text).toContain(escapeHtml(message("admin:index.heading")));
    const nav = page.text.slice(page.text.indexOf('class="site-nav"'), page.text.indexOf("</nav>"));
    expect(nav).toContain('href="/admin"');
    expect(nav).toContain('href="/admin/rounds"');
    // Administrators may still do all a coordinator does.
    expect(nav).toContain('href="/staff/screening"');
  });

  it("when a coordinator or an official asks for an administration page, then it is refused, and a visitor is sent to sign in", async () => {
    const coordinator = await signIn(app, "coordinator@demo.example");
    expect((await coordinator.get("/admin")).status).toBe(403);
    expect((await coordinator.get("/admin/rounds")).status).toBe(403);
    const nav = (await coordinator.get("/staff/screening")).text;
    expect(nav).not.toContain('href="/admin"');
    // Coordinators follow rounds in the overview, not in the administration.
    expect(nav).toContain('href="/staff/rounds"');
    const list = await coordinator.get("/staff/rounds");
    expect(list.status).toBe(200);
    const open = await c.db.collectionRound.findUniqueOrThrow({ where: { code: "SQGZ" } });
    expect(list.text).toContain(`href="/staff/rounds/${open.id}"`);
    expect(list.text).not.toContain('href="/admin/rounds/new"');
    const official = await signIn(app, "official.edu@demo.example");
    expect((await official.get("/admin/rounds/new")).status).toBe(403);
    const visitor = createAgent(app);
    const res = await visitor.get("/admin/rounds");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/staff/sign-in?next=%2Fadmin%2Frounds");
    // Signing in from there comes back to the administration page asked for.
    await visitor.get(res.location!);
    const signedIn = await visitor.post("/staff/sign-in", { email: "admin@demo.example", password: "GoldenIdeas#2026", next: "/admin/rounds" });
    expect(signedIn.location).toBe("/admin/rounds");
  });
});

describe("creating and editing a round", () => {
  it("when an administrator creates a round, then it is a draft with its call and sub-topics, and the public cannot see it", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    expect(round).toMatchObject({ code: "GGFW", status: "DRAFT", version: 1, publishAdopted: true, wanted: "围绕教育、医疗、养老等公共服务提出建议。" });
    expect(round.topics.map((t) => [t.title, t.titleEn])).toEqual([["教育服务", "Education"], ["医疗服务", "Health care"], ["养老服务", ""]]);
    expect((await createAgent(app).get(`/rounds/${round.id}`)).status).toBe(404);
    const list = await admin.get("/admin/rounds");
    expect(list.text).toContain(`href="/admin/rounds/${round.id}"`);
    expect(list.text).toContain("草稿");
  });

  it("when the closing time is before the opening time, then the form comes back with the message and what was typed, and nothing is saved", async () => {
    const admin = await signIn(app, "admin@demo.example");
    await admin.get("/admin/rounds/new");
    const fields = await roundFields({ closesAt: local(new Date(now.getTime() - 24 * HOUR)) });
    const res = await admin.post("/admin/rounds", fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain(message("rounds:admin.errors.closesBeforeOpens"));
    expect(res.text).toContain('href="#f-closesAt"');
    expect(res.text).toContain(fields.wanted);
    expect(await c.db.collectionRound.count({ where: { code: "GGFW" } })).toBe(0);
  });

  it("when two administrators save the same round, then the second save is refused with a clear message and keeps what they typed", async () => {
    const first = await signIn(app, "admin@demo.example");
    const round = await createRound(first);
    const second = await signIn(app, "admin@demo.example");
    const formA = await first.get(`/admin/rounds/${round.id}`);
    const formB = await second.get(`/admin/rounds/${round.id}`);
    expect(formA.text).toContain('name="version" value="1"');
    expect(formB.text).toContain('name="version" value="1"');

    const saveA = await first.post(`/admin/rounds/${round.id}`, await roundFields({ title: "公共服务提升专题征集（修订）", version: "1" }));
    expect(saveA.status).toBe(303);
    const saveB = await second.post(`/admin/rounds/${round.id}`, await roundFields({ title: "第二位管理员的标题", version: "1" }));
    expect(saveB.status).toBe(409);
    expect(saveB.text).toContain(message("rounds:admin.errors.stale"));
    expect(saveB.text).toContain("第二位管理员的标题");
    // The form now carries the current version, so saving again after checking works.
    expect(saveB.text).toContain('name="version" value="2"');
    const saved = await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(saved).toMatchObject({ title: "公共服务提升专题征集（修订）", version: 2 });
  });

  it("when a sub-topic that has suggestions is removed, then the save is refused", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    await insertSuggestion(c.db, { roundId: round.id, topicId: round.topics[2]!.id });
    const res = await admin.post(`/admin/rounds/${round.id}`, await roundFields({ topics: "教育服务\n医疗服务", version: "1" }));
    expect(res.status).toBe(422);
    expect(res.text).toContain(message("rounds:admin.errors.topicInUse"));
    expect(await c.db.roundTopic.count({ where: { roundId: round.id } })).toBe(3);
  });
});

describe("opening and closing by time", () => {
  it("when a round is scheduled, then open-round and close-round jobs wait for its times, and an edit of the times plans them again", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    expect((await act(admin, round.id, "schedule")).status).toBe(303);
    expect((await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("SCHEDULED");

    const open = await roundJob(JOBS.openRound, round.id);
    const close = await roundJob(JOBS.closeRound, round.id);
    expect(open?.data).toEqual({ roundId: round.id });
    expect(await open?.getState()).toBe("delayed");
    expect(open!.timestamp + open!.opts.delay!).toBe(round.opensAt.getTime());
    expect(close!.timestamp + close!.opts.delay!).toBe(round.closesAt.getTime());

    const later = minute(now.getTime() + 5 * HOUR);
    const page = await admin.get(`/admin/rounds/${round.id}`);
    const version = /name="version" value="(\d+)"/.exec(page.text)?.[1] ?? "";
    expect((await admin.post(`/admin/rounds/${round.id}`, await roundFields({ opensAt: local(later), version }))).status).toBe(303);
    const moved = await roundJob(JOBS.openRound, round.id);
    expect(moved!.timestamp + moved!.opts.delay!).toBe(later.getTime());
    expect((await c.queues.maintenance.getDelayed()).filter((j) => j.name === JOBS.openRound)).toHaveLength(1);
  });

  it("when its opening and closing times come, then the real worker opens and closes the round, each exactly once", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    await act(admin, round.id, "schedule");
    workers = startWorkers(c, connection, { queues: ["maintenance"] });

    // The clock reaches the opening time; the delayed job is due.
    now = new Date(round.opensAt.getTime() + 1_000);
    await (await roundJob(JOBS.openRound, round.id))!.promote();
    await eventually(async () => (await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } })).status === "OPEN");
    const opened = await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(opened.openedAt?.getTime()).toBe(now.getTime());
    // Running it again (a duplicate, a retry) changes nothing.
    expect(await createOpenRoundProcessor(c)({ data: { roundId: round.id } })).toBe("skipped");

    const citizen = await createAgent(app).get(`/rounds/${round.id}`);
    expect(citizen.text).toContain(`action="/rounds/${round.id}/suggestions"`);
    expect(citizen.text).toContain('id="round-countdown"');
    expect(citizen.text).toMatch(/距征集结束还有：<time [^>]+>1 天 22 小时 0 分<\/time>/);
    expect(citizen.text).toContain(escapeHtml("已收到建议 0 件"));

    now = new Date(round.closesAt.getTime() + 1_000);
    await (await roundJob(JOBS.closeRound, round.id))!.promote();
    await eventually(async () => (await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } })).status === "CLOSED");
    expect(await createCloseRoundProcessor(c)({ data: { roundId: round.id } })).toBe("skipped");
    expect((await createAgent(app).get(`/rounds/${round.id}`)).text).toContain(message("rounds:closedInfo"));
  });

  it("when a job runs before the time it was planned for (the times were moved), then nothing happens and the job is planned again", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    await act(admin, round.id, "schedule");
    expect(await createOpenRoundProcessor(c)({ data: { roundId: round.id } })).toBe("skipped");
    expect((await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("SCHEDULED");
    expect(await (await roundJob(JOBS.openRound, round.id))?.getState()).toBe("delayed");
  });

  it("when the jobs were lost (Redis emptied, a restart), then the sweep plans them again, and runs at once those whose time has passed", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    await act(admin, round.id, "schedule");
    await c.queues.maintenance.obliterate({ force: true });
    expect(await roundJob(JOBS.openRound, round.id)).toBeUndefined();

    const result = await createSweepPendingProcessor(c)();
    expect(result.rounds).toBeGreaterThanOrEqual(1);
    expect(await (await roundJob(JOBS.openRound, round.id))?.getState()).toBe("delayed");
    expect(await (await roundJob(JOBS.closeRound, round.id))?.getState()).toBe("delayed");

    // The worker was down through the opening time: the re-planned job is due at once.
    await c.queues.maintenance.obliterate({ force: true });
    now = new Date(round.opensAt.getTime() + 60_000);
    await createSweepPendingProcessor(c)();
    expect(await (await roundJob(JOBS.openRound, round.id))?.getState()).toBe("waiting");
    workers = startWorkers(c, connection, { queues: ["maintenance"] });
    await eventually(async () => (await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } })).status === "OPEN");
  });

  it("when an administrator opens and closes a round by hand, then the period follows and the jobs go away with the state", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    expect((await act(admin, round.id, "open")).status).toBe(303);
    const opened = await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(opened).toMatchObject({ status: "OPEN", opensAt: now, version: 2 });
    expect(await roundJob(JOBS.openRound, round.id)).toBeUndefined();
    expect(await (await roundJob(JOBS.closeRound, round.id))?.getState()).toBe("delayed");

    expect((await act(admin, round.id, "close")).status).toBe(303);
    const closed = await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(closed).toMatchObject({ status: "CLOSED", closesAt: now });
    expect(await roundJob(JOBS.closeRound, round.id)).toBeUndefined();
    // Closing again is not offered and is refused.
    const again = await admin.post(`/admin/rounds/${round.id}/actions/close`, { version: String(closed.version) });
    expect(again.status).toBe(409);
    expect(again.text).toContain(message("rounds:admin.errors.actionNotAllowed"));
    expect((await act(admin, round.id, "archive")).status).toBe(303);
    expect((await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("ARCHIVED");
    expect((await createAgent(app).get("/rounds")).text).not.toContain(`href="/rounds/${round.id}"`);
  });

  it("when a citizen's form was opened before the close and is posted after it, then it is refused with a clear message and the text is shown back", async () => {
    const open = await c.db.collectionRound.findUniqueOrThrow({ where: { code: "SQGZ" }, include: { topics: true } });
    const fields = validFields(await referenceIds(c));
    const { agent, token } = await openForm(app, `/rounds/${open.id}`);
    // The round's closing time passes while the citizen is typing (the job has not even run yet).
    now = new Date(open.closesAt.getTime() + 1_000);
    const res = await postMultipart(agent, `/rounds/${open.id}/suggestions`, { _csrf: token, ...fields, topicId: String(open.topics[0]!.id) });
    expect(res.status).toBe(409);
    expect(res.text).toContain(message("rounds:closedMessage"));
    expect(res.text).toContain('id="round-typed"');
    expect(res.text).toContain(escapeHtml(fields.title!));
    expect(res.text).toContain(escapeHtml(fields.proposal!));
    expect((await rowCounts(c)).suggestions).toBe(0);
  });
});

describe("a round's results and overview", () => {
  it("when the administrator publishes results, then the closed round's page shows them, with only consenting authors' selected suggestions", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    await act(admin, round.id, "open");
    // Its title carries the citizen's name and phone: published masked (features/privacy).
    const shown = await insertSuggestion(c.db, { roundId: round.id, topicId: round.topics[0]!.id, title: "关于推行课后服务的建议（张三丰 13912345678）", realName: "张三丰", consentPublish: true });
    const hidden = await insertSuggestion(c.db, { roundId: round.id, topicId: round.topics[1]!.id, title: "关于不公开的建议" });

    const early = await admin.get(`/admin/rounds/${round.id}/results`);
    expect(early.text).toContain(message("rounds:admin.errors.resultsBeforeClose"));
    await act(admin, round.id, "close");
    const form = await admin.get(`/admin/rounds/${round.id}/results`);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? "";
    const bad = await admin.post(`/admin/rounds/${round.id}/results`, { resultsSummary: "共收到建议2件。", highlights: "XXXX-2026-ABCDEFGH", version });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(message("rounds:admin.errors.highlightsUnknown"));
    const saved = await admin.post(`/admin/rounds/${round.id}/results`, {
      resultsSummary: "本次征集共收到建议2件，采纳1件。", highlights: `${shown.trackingCode}\n${hidden.trackingCode}`, version,
    });
    expect(saved.status).toBe(303);

    const page = await createAgent(app).get(`/rounds/${round.id}`);
    expect(page.text).toContain('id="round-results"');
    expect(page.text).toContain("本次征集共收到建议2件，采纳1件。");
    expect(page.text).toContain("关于推行课后服务的建议（【姓名已隐藏】 【手机号已隐藏】）");
    expect(page.text).not.toContain("13912345678");
    expect(page.text).not.toContain("关于不公开的建议");
    expect(page.text).toContain(escapeHtml("已收到建议 2 件"));
  });

  it("when staff open a round's overview, then they see what came in per day, per sub-topic and per status, and can filter its suggestions", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    const day1 = new Date("2026-11-02T02:00:00Z");
    const day2 = new Date("2026-11-03T17:00:00Z"); // 01:00 on the 4th in Shanghai
    await insertSuggestion(c.db, { roundId: round.id, topicId: round.topics[0]!.id, submittedAt: day1, title: "关于第一件的建议" });
    await insertSuggestion(c.db, { roundId: round.id, topicId: round.topics[0]!.id, submittedAt: day2, title: "关于第二件的建议" });
    const third = await insertSuggestion(c.db, { roundId: round.id, topicId: round.topics[1]!.id, submittedAt: day2, title: "关于第三件的建议" });
    await c.db.suggestion.update({ where: { id: third.id }, data: { status: "SCREENING" } });

    const coordinator = await signIn(app, "coordinator@demo.example");
    const page = await coordinator.get(`/staff/rounds/${round.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(escapeHtml("共收到建议 3 件"));
    const perDay = page.text.slice(page.text.indexOf('id="overview-per-day"'), page.text.indexOf('id="per-topic"'));
    expect(perDay).toMatch(/2026-11-02<\/td><td>1</);
    expect(perDay).toMatch(/2026-11-04<\/td><td>2</);
    const perTopic = page.text.slice(page.text.indexOf('id="overview-per-topic"'), page.text.indexOf('id="per-status"'));
    expect(perTopic).toMatch(/教育服务<\/a><\/td><td>2</);
    expect(perTopic).toMatch(/医疗服务<\/a><\/td><td>1</);
    expect(page.text).toMatch(/data-status="SUBMITTED"><td><a [^>]+>[^<]+<\/a><\/td><td>2</);

    const filtered = await coordinator.get(`/staff/rounds/${round.id}?status=SCREENING`);
    expect(filtered.text).toContain("关于第三件的建议");
    expect(filtered.text).not.toContain("关于第一件的建议");
    const byTopic = await coordinator.get(`/staff/rounds/${round.id}?topic=${round.topics[0]!.id}`);
    expect(byTopic.text).toContain("关于第一件的建议");
    expect(byTopic.text).not.toContain("关于第三件的建议");
    // A hand-edited query string never fails the page.
    expect((await coordinator.get(`/staff/rounds/${round.id}?status=nonsense&page=abc`)).status).toBe(200);
    expect((await createAgent(app).get(`/staff/rounds/${round.id}`)).status).toBe(303);
  });

  it("when a cover image is uploaded, then its type is read from its bytes: a PNG is served on the public page, a disguised file is refused", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    await act(admin, round.id, "open");
    const form = await admin.get(`/admin/rounds/${round.id}`);
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] ?? "";
    const fake = await postMultipart(admin.agent, `/admin/rounds/${round.id}/cover`, { _csrf: admin.token, version }, [
      { buffer: Buffer.from("not an image at all"), filename: "cover.png", contentType: "image/png" },
    ], "cover");
    expect(fake.status).toBe(422);
    expect(fake.text).toContain(message("rounds:admin.errors.coverType"));
    const ok = await postMultipart(admin.agent, `/admin/rounds/${round.id}/cover`, { _csrf: admin.token, version }, [
      { buffer: PNG, filename: "封面.png", contentType: "image/png" },
    ], "cover");
    expect(ok.status).toBe(303);
    const saved = await c.db.collectionRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(saved.coverImageType).toBe("image/png");
    const image = await createAgent(app).agent.get(`/rounds/${round.id}/cover`);
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect((await createAgent(app).get(`/rounds/${round.id}`)).text).toContain(`src="/rounds/${round.id}/cover"`);
  });
});

describe("recording round changes", () => {
  it("when an administrator edits and schedules a round and the job opens it, then the audit log shows each change with who and what changed", async () => {
    const admin = await signIn(app, "admin@demo.example");
    const round = await createRound(admin);
    await admin.get(`/admin/rounds/${round.id}`);
    await admin.post(`/admin/rounds/${round.id}`, await roundFields({ title: "公共服务提升专题征集（修订）", version: "1" }));
    await act(admin, round.id, "schedule");
    now = new Date(round.opensAt.getTime() + 1_000);
    await createOpenRoundProcessor(c)({ data: { roundId: round.id } });

    const entries = await c.db.auditEntry.findMany({ where: { entity: "round", entityId: String(round.id) }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.actorEmail])).toEqual([
      ["round.create", "admin@demo.example"], ["round.update", "admin@demo.example"], ["round.schedule", "admin@demo.example"], ["round.open", null],
    ]);
    expect(entries[1]).toMatchObject({ before: { title: "公共服务提升专题征集" }, after: { title: "公共服务提升专题征集（修订）" } });
    const log = await admin.get("/admin/audit?action=round");
    expect(log.status).toBe(200);
    expect(log.text).toContain(escapeHtml(message("audit:action.round.update")));
    expect(log.text).toContain("公共服务提升专题征集（修订）");
  });

  it("when a round is created, edited and moved, then each change is recorded with who, what and the fields before and after, in the change's own transaction", async () => {
    const changes: RoundChange[] = [];
    const admin = createRoundAdminService({ ...c, record: async (_tx, change) => void changes.push(change) });
    const actor = { id: 1, email: "admin@demo.example" };
    const parsed = parseRoundForm(await roundFields());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const { id } = await admin.create(actor, parsed.data);
    const edited = parseRoundForm(await roundFields({ title: "公共服务提升专题征集（修订）", version: "1" }));
    if (!edited.ok) throw new Error(JSON.stringify(edited.errors));
    await admin.update(actor, id, edited.data);
    await admin.act(actor, id, "schedule", 2);
    now = new Date(now.getTime() + 3 * HOUR);
    expect(await admin.openDue(id)).toBe("opened");
    expect(await admin.openDue(id)).toBe("skipped");

    expect(changes.map((ch) => [ch.action, ch.actor?.email ?? null])).toEqual([
      ["round.create", "admin@demo.example"], ["round.update", "admin@demo.example"], ["round.schedule", "admin@demo.example"], ["round.open", null],
    ]);
    expect(changes[1]).toMatchObject({ entity: "round", entityId: id, before: { title: "公共服务提升专题征集" }, after: { title: "公共服务提升专题征集（修订）" } });
    expect(Object.keys(changes[1]!.after!)).toEqual(["title"]);
    expect(changes[2]).toMatchObject({ before: { status: "DRAFT" }, after: { status: "SCHEDULED" } });

    // A stale save records nothing; a record that cannot be written takes the change back with it.
    await expect(admin.update(actor, id, edited.data)).rejects.toThrow();
    expect(changes).toHaveLength(4);
    const failing = createRoundAdminService({ ...c, record: () => Promise.reject(new Error("audit unavailable")) });
    await expect(failing.act(actor, id, "close", undefined)).rejects.toThrow("audit unavailable");
    expect((await c.db.collectionRound.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
  });
});
