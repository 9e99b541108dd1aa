import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { coordinator, COORDINATOR, defaultDueDate, endOfShanghaiDayIso, html, nextDayOff, startContext, type CoordinationContext } from "./context.ts";
import { departmentId, insertSuggestion, snapshot, SUBMITTER, userId } from "../../support/suggestions.ts";

let ctx: CoordinationContext;
let coordinatorId: number;
let edu: { id: number; email: string };

beforeAll(async () => {
  ctx = await startContext();
  coordinatorId = await userId(ctx.c.db, COORDINATOR);
  edu = await ctx.c.db.department.findUniqueOrThrow({ where: { code: "EDU" }, select: { id: true, email: true } });
});
afterAll(() => ctx.stop());
beforeEach(() => ctx.smtp.clear());

const EDU_RULE = { ruleId: 1, ruleName: "教育", matchedKeywords: ["课后服务"], matchedCategory: true };

describe("accept and assign (受理并交办)", () => {
  it("when a coordinator accepts a screened suggestion with a lead and two assisting departments, then it is assigned, the assignments and events are written, and the citizen and the departments are emailed", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING", categoryCode: "EDUCATION", proposedDepartmentCode: "EDU", routingReason: EDU_RULE });
    const [civil, hrss] = await Promise.all([departmentId(ctx.c.db, "CIVIL"), departmentId(ctx.c.db, "HRSS")]);
    const due = defaultDueDate(ctx.c);
    const client = await coordinator(ctx.app);

    const res = await client.post(`/staff/suggestions/${s.id}/accept`, {
      leadDepartmentId: String(edu.id),
      assistDepartmentIds: [String(civil), String(hrss)],
      replyDueDate: due,
      note: "经甄别，符合受理条件，予以受理。",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/staff/suggestions/${s.id}`);

    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion).toMatchObject({ status: "ASSIGNED", leadDepartmentId: edu.id, routingState: "ROUTED" });
    expect(after.suggestion.replyDueAt?.toISOString()).toBe(endOfShanghaiDayIso(due));
    const live = after.assignments.map((a) => ({ departmentId: a.departmentId, role: a.role, status: a.status, dueAt: a.dueAt.toISOString() }));
    expect(live).toEqual([
      { departmentId: edu.id, role: "LEAD", status: "PENDING", dueAt: endOfShanghaiDayIso(due) },
      { departmentId: civil, role: "ASSIST", status: "PENDING", dueAt: endOfShanghaiDayIso(due) },
      { departmentId: hrss, role: "ASSIST", status: "PENDING", dueAt: endOfShanghaiDayIso(due) },
    ]);
    const [accepted, assigned] = after.events.slice(-2);
    expect(accepted).toMatchObject({ type: "ACCEPTED", fromStatus: "SCREENING", toStatus: "ACCEPTED", actorId: coordinatorId, note: "经甄别，符合受理条件，予以受理。" });
    expect(assigned).toMatchObject({ type: "ASSIGNED", fromStatus: "ACCEPTED", toStatus: "ASSIGNED", actorId: coordinatorId, departmentId: edu.id });
    expect(assigned?.note).toContain("交省教育厅主办，省民政厅、省人力资源和社会保障厅协办");

    const citizen = await ctx.smtp.waitFor((m) => m.subject === `您的建议已受理（查询码 ${s.trackingCode}）`);
    expect(ctx.smtp.to(SUBMITTER.email)).toHaveLength(1);
    for (const part of [html(citizen), citizen.text ?? ""]) {
      expect(part).toContain(s.trackingCode);
      expect(part).toContain(`《${s.title}》`);
      expect(part).toContain("省教育厅");
      expect(part).toContain(due.replace(/-/g, "/"));
    }
    const deptMail = await ctx.smtp.waitFor((m) => m.subject === `【交办】${s.trackingCode} ${s.title}`);
    expect(deptMail.text).toContain("辽宁省 沈阳市 和平区");
    expect(deptMail.text).not.toContain(SUBMITTER.realName);
    await ctx.smtp.waitFor(() => ctx.smtp.messages.length >= 4);
    expect(ctx.smtp.to(edu.email)).toHaveLength(1);
    expect(ctx.smtp.to("mzt@ln.gov.cn.example")).toHaveLength(1);
    expect(ctx.smtp.to("rst@ln.gov.cn.example")).toHaveLength(1);
    expect(ctx.smtp.to(edu.email)[0]?.text).toContain("并在答复期限前答复建议人");
    expect(ctx.smtp.to("mzt@ln.gov.cn.example")[0]?.text).toContain("在期限前将协办意见送主办单位");
    expect(ctx.smtp.to("mzt@ln.gov.cn.example")[0]?.text).not.toContain("并在答复期限前答复建议人");
  });

  it("when the citizen wrote in English, then the acceptance email is in English with the department's English name", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SUBMITTED", locale: "en", email: "en.citizen@citizen.example" });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/accept`, { leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c) });
    expect(res.status).toBe(303);
    const mail = await ctx.smtp.waitFor((m) => m.subject === `Your suggestion has been accepted (tracking code ${s.trackingCode})`);
    expect(mail.text).toContain("Department of Education of Liaoning Province");
    expect(html(mail)).toContain('<html lang="en">');
    // The department's email stays in Chinese.
    await ctx.smtp.waitFor((m) => m.subject === `【交办】${s.trackingCode} ${s.title}`);
  });

  it("when the same accept form is posted twice, then the second gets the conflict message and one set of assignments exists", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const client = await coordinator(ctx.app);
    const form = { leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c) };
    expect((await client.post(`/staff/suggestions/${s.id}/accept`, form)).status).toBe(303);
    const before = await snapshot(ctx.c.db, s.id);
    const second = await client.post(`/staff/suggestions/${s.id}/accept`, form);
    expect(second.status).toBe(409);
    expect(second.text).toContain("该建议当前的办理状态不允许此操作");
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
    expect(before.assignments).toHaveLength(1);
  });

  it("when two accept posts race, then exactly one applies", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SUBMITTED" });
    const client = await coordinator(ctx.app);
    const form = { leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c) };
    const results = await Promise.all([client.post(`/staff/suggestions/${s.id}/accept`, form), client.post(`/staff/suggestions/${s.id}/accept`, form)]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.assignments).toHaveLength(1);
    expect(after.events.filter((e) => e.type === "ACCEPTED")).toHaveLength(1);
    expect(await ctx.c.db.emailMessage.count({ where: { dedupeKey: { startsWith: "accepted-" }, toAddress: SUBMITTER.email, data: { path: ["trackingCode"], equals: s.trackingCode } } })).toBe(1);
  });

  it("when a returned suggestion is accepted again, then the returned assignment stays as history and a new lead assignment is made", async () => {
    const s = await insertSuggestion(ctx.c.db, {
      status: "RETURNED",
      returnedBy: { departmentCode: "TRANSPORT", reason: "不属于本单位职责。" },
    });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/accept`, { leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c) });
    expect(res.status).toBe(303);
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion.status).toBe("ASSIGNED");
    expect(after.assignments.map((a) => [a.role, a.status, a.returnReason])).toEqual([
      ["LEAD", "RETURNED", "不属于本单位职责。"],
      ["LEAD", "PENDING", null],
    ]);
    expect(after.events.at(-2)).toMatchObject({ type: "ACCEPTED", fromStatus: "RETURNED" });
  });

  it("when the input is invalid, then the form comes back with a message per field and the note as typed, and nothing changes", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);
    const note = `<script>alert("x")</script> 备注`;

    const missing = await client.post(`/staff/suggestions/${s.id}/accept`, { replyDueDate: nextDayOff(ctx.c), note });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain("请选择主办单位。");
    expect(missing.text).toContain("答复期限须为工作日");
    expect(missing.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 备注");
    expect(missing.text).not.toContain("<script>alert");
    expect(missing.text).toMatch(/<details class="action" id="action-accept" open>/);

    const both = await client.post(`/staff/suggestions/${s.id}/accept`, {
      leadDepartmentId: String(edu.id),
      assistDepartmentIds: String(edu.id),
      replyDueDate: "2020-01-06",
    });
    expect(both.status).toBe(422);
    expect(both.text).toContain("协办单位不能包括主办单位。");
    expect(both.text).toContain("答复期限须在今天以后。");

    const unknown = await client.post(`/staff/suggestions/${s.id}/accept`, { leadDepartmentId: "99999", replyDueDate: defaultDueDate(ctx.c) });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain("所选单位不存在");
    const notADate = await client.post(`/staff/suggestions/${s.id}/accept`, { leadDepartmentId: String(edu.id), replyDueDate: "2026-02-30" });
    expect(notADate.status).toBe(422);
    expect(notADate.text).toContain("请按“年-月-日”填写有效的日期。");

    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
  });

  it("when the suggestion does not exist, then the answer is 404", async () => {
    const client = await coordinator(ctx.app);
    expect((await client.post(`/staff/suggestions/987654/accept`, { leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c) })).status).toBe(404);
    expect((await client.post(`/staff/suggestions/abc/accept`, {})).status).toBe(404);
  });
});

describe("not accept, refer, merge", () => {
  it("when a suggestion is not accepted, then the reason is recorded, the note is stored as typed, and the citizen's email gives the reason in words and the note", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const client = await coordinator(ctx.app);
    const note = "您反映的是个人具体诉求，请拨打12345。<b>谢谢</b>";
    const res = await client.post(`/staff/suggestions/${s.id}/not-accept`, { reason: "COMPLAINT_OR_REQUEST", note });
    expect(res.status).toBe(303);
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion).toMatchObject({ status: "NOT_ACCEPTED", notAcceptedReason: "COMPLAINT_OR_REQUEST" });
    expect(after.events.at(-1)).toMatchObject({ type: "NOT_ACCEPTED", actorId: coordinatorId, note, internal: false });

    const mail = await ctx.smtp.waitFor((m) => m.subject === `您的建议未予受理（查询码 ${s.trackingCode}）`);
    expect(mail.text).toContain("原因：属于申诉求决、检举控告类事项，不属于人民建议征集范围");
    expect(mail.text).toContain(note);
    expect(html(mail)).toContain("属于申诉求决、检举控告类事项");
    expect(html(mail)).toContain("&lt;b&gt;谢谢&lt;/b&gt;");
  });

  it("when the reason or the note is missing, then the form says so and nothing changes", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/not-accept`, { reason: "NOPE", note: "   " });
    expect(res.status).toBe(422);
    expect(res.text).toContain("请选择不予受理的原因。");
    expect(res.text).toContain("请填写给建议人的说明。");
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
  });

  it("when a suggestion is referred to the 12345 hotline, then it is REFERRED and the citizen is told where it went and why", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SUBMITTED" });
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/refer`, { channel: "HOTLINE_12345", note: "请耐心等待热线回访。" });
    expect(res.status).toBe(303);
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion.status).toBe("REFERRED");
    expect(after.events.at(-1)).toMatchObject({ type: "REFERRED", actorId: coordinatorId, note: "已转12345政务服务便民热线办理。\n请耐心等待热线回访。" });
    const mail = await ctx.smtp.waitFor((m) => m.subject === `您反映的事项已转其他渠道办理（查询码 ${s.trackingCode}）`);
    for (const part of [html(mail), mail.text ?? ""]) {
      expect(part).toContain("12345政务服务便民热线");
      expect(part).toContain("请耐心等待热线回访。");
    }
  });

  it("when a suggestion without an email address is referred to the petition office, then no email is written", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING", email: null });
    const client = await coordinator(ctx.app);
    const before = await ctx.c.db.emailMessage.count();
    expect((await client.post(`/staff/suggestions/${s.id}/refer`, { channel: "PETITION", note: "已转信访。" })).status).toBe(303);
    expect(await ctx.c.db.emailMessage.count()).toBe(before);
  });

  it("when a suggestion is merged into another by tracking code, then it is MERGED and points at it; suggestions merged into it follow", async () => {
    const target = await insertSuggestion(ctx.c.db, { status: "ASSIGNED", lead: "EDU" });
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const earlier = await insertSuggestion(ctx.c.db, { status: "MERGED" });
    await ctx.c.db.suggestion.update({ where: { id: earlier.id }, data: { mergedIntoId: s.id } });
    const client = await coordinator(ctx.app);

    const res = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: ` ${target.trackingCode.toLowerCase()} ` });
    expect(res.status).toBe(303);
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion).toMatchObject({ status: "MERGED", mergedIntoId: target.id });
    expect(after.events.at(-1)).toMatchObject({ type: "MERGED", actorId: coordinatorId, note: `与建议${target.trackingCode}内容相同，并案办理，办理结果将一并告知建议人` });
    const follower = await snapshot(ctx.c.db, earlier.id);
    expect(follower.suggestion.mergedIntoId).toBe(target.id);
    expect(follower.events.at(-1)).toMatchObject({ type: "MERGE_TARGET_CHANGED", internal: true });
  });

  it("when a suggestion is merged into one already answered, then its citizen is emailed that reply at once, and only once", async () => {
    const target = await insertSuggestion(ctx.c.db, { status: "REPLIED", lead: "EDU" });
    await ctx.c.db.reply.create({
      data: { suggestionId: target.id, departmentId: edu.id, isLead: true, adoption: "ADOPTED", body: "已在全省推行课后服务延时。", explanation: "与建议内容一致。" },
    });
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING", email: "late.citizen@citizen.example" });
    const client = await coordinator(ctx.app);

    const res = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: target.trackingCode });
    expect(res.status).toBe(303);
    const mail = await ctx.smtp.waitFor((m) => m.subject === `您的建议已答复（查询码 ${s.trackingCode}）`);
    expect(mail.text).toContain("已在全省推行课后服务延时。");
    expect(mail.text).toContain(target.trackingCode);
    // The target's own submitter was answered when the reply was made, not again now.
    expect(ctx.smtp.to(SUBMITTER.email)).toHaveLength(0);
    expect(await ctx.c.db.emailMessage.count({ where: { template: "suggestion-replied" } })).toBe(1);
  });

  it("when a merge names the suggestion itself, a closed target or an unknown code, then it is refused and nothing changes", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const closed = await insertSuggestion(ctx.c.db, { status: "NOT_ACCEPTED" });
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);

    // A slip in the code field: said at the field (issue 11), like an unknown code.
    const itself = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: s.trackingCode });
    expect(itself.status).toBe(422);
    expect(itself.text).toContain("不能把建议合并到它自己");
    const intoClosed = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: closed.trackingCode });
    expect(intoClosed.status).toBe(409);
    expect(intoClosed.text).toContain(`建议 ${closed.trackingCode} 已合并、不予受理或已转办`);
    const unknown = await client.post(`/staff/suggestions/${s.id}/merge`, { targetCode: "JY-2026-ZZZZZZZZ" });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain("没有找到这个查询码的建议");
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
  });
});

describe("important, transfer and illegal transitions", () => {
  it("when a suggestion is marked and unmarked important, then the flag flips, each writes an event with the actor, and a repeated mark is refused", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "IN_HANDLING", lead: "EDU", leadStatus: "ACCEPTED" });
    const client = await coordinator(ctx.app);
    expect((await client.post(`/staff/suggestions/${s.id}/important`, { important: "1" })).status).toBe(303);
    let after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion).toMatchObject({ important: true, status: "IN_HANDLING" });
    expect(after.events.at(-1)).toMatchObject({ type: "IMPORTANT_MARKED", actorId: coordinatorId, fromStatus: null, toStatus: null, internal: true });

    const again = await client.post(`/staff/suggestions/${s.id}/important`, { important: "1" });
    expect(again.status).toBe(409);
    expect(again.text).toContain("已经标为重要建议");
    expect(await snapshot(ctx.c.db, s.id)).toEqual(after);

    expect((await client.post(`/staff/suggestions/${s.id}/important`, { important: "0" })).status).toBe(303);
    after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion.important).toBe(false);
    expect(after.events.at(-1)).toMatchObject({ type: "IMPORTANT_UNMARKED", actorId: coordinatorId });
  });

  it("when a closed suggestion is marked important, then it is refused", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "CLOSED" });
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);
    expect((await client.post(`/staff/suggestions/${s.id}/important`, { important: "1" })).status).toBe(409);
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
  });

  it("when a suggestion in handling is transferred, then the old lead assignment is TRANSFERRED, a new one is made with the new deadline and the new department is emailed", async () => {
    const s = await insertSuggestion(ctx.c.db, {
      status: "IN_HANDLING", lead: "TRANSPORT", leadStatus: "ACCEPTED", assists: ["CIVIL"],
    });
    const client = await coordinator(ctx.app);
    const due = defaultDueDate(ctx.c);
    const res = await client.post(`/staff/suggestions/${s.id}/transfer`, {
      leadDepartmentId: String(edu.id), replyDueDate: due, assistDepartmentIds: String(await departmentId(ctx.c.db, "CIVIL")), reason: "该事项属教育厅职责。",
    });
    expect(res.status).toBe(303);
    const after = await snapshot(ctx.c.db, s.id);
    expect(after.suggestion).toMatchObject({ status: "ASSIGNED", leadDepartmentId: edu.id });
    expect(after.suggestion.replyDueAt?.toISOString()).toBe(endOfShanghaiDayIso(due));
    const transport = await departmentId(ctx.c.db, "TRANSPORT");
    const civil = await departmentId(ctx.c.db, "CIVIL");
    expect(after.assignments.map((a) => [a.departmentId, a.role, a.status, a.dueAt.toISOString()])).toEqual([
      [transport, "LEAD", "TRANSFERRED", after.assignments[0]?.dueAt.toISOString()],
      [civil, "ASSIST", "PENDING", endOfShanghaiDayIso(due)],
      [edu.id, "LEAD", "PENDING", endOfShanghaiDayIso(due)],
    ]);
    expect(after.events.at(-1)).toMatchObject({ type: "TRANSFERRED", fromStatus: "IN_HANDLING", toStatus: "ASSIGNED", actorId: coordinatorId, departmentId: edu.id });
    const mail = await ctx.smtp.waitFor((m) => m.subject === `【交办】${s.trackingCode} ${s.title}`);
    expect(ctx.smtp.to(edu.email)).toContain(mail);
  });

  it("when a transfer names the current lead, then the form says so and nothing changes", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "ASSIGNED", lead: "EDU" });
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);
    const res = await client.post(`/staff/suggestions/${s.id}/transfer`, { leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c), reason: "改派。" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("新的主办单位与当前主办单位相同");
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
  });

  it("when an action is not allowed in the suggestion's status, then the answer is 409 and nothing changes", async () => {
    const notAccepted = await insertSuggestion(ctx.c.db, { status: "NOT_ACCEPTED" });
    const submitted = await insertSuggestion(ctx.c.db, { status: "SUBMITTED" });
    const replied = await insertSuggestion(ctx.c.db, { status: "REPLIED", lead: "EDU", leadStatus: "REPLIED" });
    const client = await coordinator(ctx.app);
    const form = { leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c) };
    const cases: [number, string, Record<string, string>][] = [
      [notAccepted.id, "accept", form],
      [notAccepted.id, "refer", { channel: "PETITION", note: "x" }],
      [submitted.id, "transfer", { leadDepartmentId: String(await departmentId(ctx.c.db, "CIVIL")), replyDueDate: defaultDueDate(ctx.c) }],
      [replied.id, "not-accept", { reason: "DUPLICATE", note: "x" }],
      [replied.id, "merge", { targetCode: submitted.trackingCode }],
      // An empty form on a suggestion past screening: the status is the problem, not the input.
      [replied.id, "not-accept", { reason: "", note: "" }],
      [submitted.id, "transfer", {}],
    ];
    for (const [id, action, fields] of cases) {
      const before = await snapshot(ctx.c.db, id);
      const res = await client.post(`/staff/suggestions/${id}/${action}`, fields);
      expect(res.status, `${action} on ${before.suggestion.status}`).toBe(409);
      expect(res.text).toContain("不允许此操作");
      expect(await snapshot(ctx.c.db, id)).toEqual(before);
    }
  });
});

describe("who may act", () => {
  it("when the CSRF token is forged or missing, then every action is refused with 403 and nothing changes", async () => {
    const s = await insertSuggestion(ctx.c.db, { status: "SCREENING" });
    const before = await snapshot(ctx.c.db, s.id);
    const client = await coordinator(ctx.app);
    for (const action of ["accept", "not-accept", "refer", "merge", "important", "transfer"]) {
      const forged = await client.post(`/staff/suggestions/${s.id}/${action}`, {
        _csrf: "forged", leadDepartmentId: String(edu.id), replyDueDate: defaultDueDate(ctx.c), reason: "DUPLICATE", note: "x", channel: "PETITION", important: "1",
      });
      expect(forged.status).toBe(403);
      expect(forged.text).toContain("页面已过期或来源不明");
      const missing = await client.agent.post(`/staff/suggestions/${s.id}/${action}`).type("form").send({ leadDepartmentId: String(edu.id) });
      expect(missing.status).toBe(403);
    }
    expect(await snapshot(ctx.c.db, s.id)).toEqual(before);
  });
});
