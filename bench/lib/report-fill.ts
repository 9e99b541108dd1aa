// Two years of a big province for the report benchmark: N suggestions with their submitters, events, assignments,
// replies, ratings and policy-measure links, made by PostgreSQL itself (INSERT … SELECT generate_series) on one
// connection with triggers off (session_replication_role = replica), then the report's summary table rebuilt in one
// set-based statement — the same function the migration uses to backfill.
//
// The mix, by h = id·37 mod 100: 5% waiting for screening, 5% not accepted, 3% referred, 2% merged, 2% accepted,
// 5% with a department, 48% replied, 30% closed; replies 1–30 days after submission against a 15–25 day deadline
// (a realistic share late), adoption 30/30/20/20, two in five replies rated, about 0.8% linked to one of 2,000
// measures, one suggestion in seven in a themed round's sub-topic.
import pg from "pg";

const DAY_MINUTES = 1440;

export async function fillReportData(databaseUrl: string, count: number, log: (m: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const ids = async (sql: string) => (await client.query<{ id: number }>(sql)).rows.map((r) => r.id);
  try {
    const departments = await ids(`SELECT id FROM "Department" ORDER BY id`);
    const categories = await ids(`SELECT id FROM "Category" ORDER BY id`);
    const regions = await ids(`SELECT id FROM "Region" WHERE level = 'COUNTY' ORDER BY id`);
    const topics = (await client.query<{ id: number; roundId: number }>(`SELECT id, "roundId" FROM "RoundTopic" ORDER BY id`)).rows;
    await client.query(`SET session_replication_role = replica`);
    const step = async (what: string, sql: string, values: unknown[] = []) => {
      const t0 = Date.now();
      const r = await client.query(sql, values);
      log(`  ${what}: ${r.rowCount ?? 0} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };
    await step("suggestions", `
      INSERT INTO "Suggestion" (id, "trackingCode", kind, "roundId", "topicId", title, problem, proposal, "categoryId", "regionId",
                                status, "submittedAt", "screeningDueAt", "replyDueAt", "routingState", "routedAt",
                                "leadDepartmentId", "notAcceptedReason")
      SELECT g, 'RB-' || lpad(g::text, 9, '0'),
             CASE WHEN g % 7 = 0 THEN 'ROUND' ELSE 'EVERYDAY' END::"SuggestionKind",
             CASE WHEN g % 7 = 0 THEN ($4::int[])[1 + g % cardinality($4::int[])] END,
             CASE WHEN g % 7 = 0 THEN ($3::int[])[1 + g % cardinality($3::int[])] END,
             '关于改进第' || (g % 5000) || '项公共服务的建议', '办事需要反复提交相同材料，群众多跑腿。', '建议推行一次告知、一表申请、一窗受理。',
             ($1::int[])[1 + (g / 7) % cardinality($1::int[])],
             ($2::int[])[1 + (g / 3) % cardinality($2::int[])],
             (CASE WHEN h < 2 THEN 'SUBMITTED' WHEN h < 5 THEN 'SCREENING' WHEN h < 10 THEN 'NOT_ACCEPTED' WHEN h < 13 THEN 'REFERRED'
                   WHEN h < 15 THEN 'MERGED' WHEN h < 17 THEN 'ACCEPTED' WHEN h < 19 THEN 'ASSIGNED' WHEN h < 21 THEN 'IN_HANDLING'
                   WHEN h < 22 THEN 'EXTENDED' WHEN h < 70 THEN 'REPLIED' ELSE 'CLOSED' END)::"SuggestionStatus",
             ts, ts + interval '7 days',
             CASE WHEN h >= 17 THEN ts + (15 + g % 11) * interval '1 day' END,
             'ROUTED', ts + interval '1 minute',
             CASE WHEN h >= 17 THEN ($5::int[])[1 + (g / 11) % cardinality($5::int[])] END,
             CASE WHEN h >= 5 AND h < 10 THEN (ARRAY['COMPLAINT_OR_REQUEST','LEGAL_CHANNEL','IN_PETITION_CHANNEL','PRIVATE_DISPUTE','EMPTY_OR_UNLAWFUL','DUPLICATE'])[1 + g % 6]::"NotAcceptedReason" END
        FROM generate_series(1, $6::int) g,
             LATERAL (SELECT (g * 37) % 100 AS h,
                             (now() AT TIME ZONE 'UTC') - ((g::bigint * 7919) % (730 * ${DAY_MINUTES})) * interval '1 minute' AS ts) x`,
      [categories, regions, topics.map((t) => t.id), topics.map((t) => t.roundId), departments, count]);
    await client.query(`SELECT setval(pg_get_serial_sequence('"Suggestion"', 'id'), $1::int)`, [count]);
    await step("submitters", `
      INSERT INTO "Submitter" ("suggestionId", "realName", phone, email, "consentPublish")
      SELECT id, '王小明', '13812345678', CASE WHEN id % 3 = 0 THEN NULL ELSE 'citizen' || id || '@example.com' END, id % 3 = 1
        FROM "Suggestion"`);
    await step("events", `
      INSERT INTO "HandlingEvent" ("suggestionId", type, "toStatus", "createdAt")
      SELECT id, 'SUBMITTED', 'SUBMITTED'::"SuggestionStatus", "submittedAt" FROM "Suggestion"
      UNION ALL
      SELECT id, 'ACCEPTED', 'ACCEPTED'::"SuggestionStatus", "submittedAt" + interval '1 hour' FROM "Suggestion"
       WHERE status NOT IN ('SUBMITTED', 'SCREENING', 'NOT_ACCEPTED', 'REFERRED', 'MERGED')
      UNION ALL
      SELECT id, 'ASSIGNED', 'ASSIGNED'::"SuggestionStatus", "submittedAt" + interval '1 day' FROM "Suggestion" WHERE "leadDepartmentId" IS NOT NULL
      UNION ALL
      SELECT id, 'REPLIED', 'REPLIED'::"SuggestionStatus", "submittedAt" + (1 + id % 30) * interval '1 day' FROM "Suggestion" WHERE status IN ('REPLIED', 'CLOSED')`);
    await step("assignments", `
      INSERT INTO "Assignment" ("suggestionId", "departmentId", role, status, "assignedAt", "dueAt", "acceptedAt")
      SELECT id, "leadDepartmentId", 'LEAD'::"AssignmentRole",
             (CASE status WHEN 'ASSIGNED' THEN 'PENDING' WHEN 'REPLIED' THEN 'REPLIED' WHEN 'CLOSED' THEN 'REPLIED' ELSE 'ACCEPTED' END)::"AssignmentStatus",
             "submittedAt" + interval '1 day', "replyDueAt", CASE WHEN status <> 'ASSIGNED' THEN "submittedAt" + interval '2 days' END
        FROM "Suggestion" WHERE "leadDepartmentId" IS NOT NULL
      UNION ALL
      SELECT id, ($1::int[])[1 + (id / 13) % cardinality($1::int[])], 'ASSIST'::"AssignmentRole", 'PENDING'::"AssignmentStatus",
             "submittedAt" + interval '1 day', "replyDueAt", NULL
        FROM "Suggestion" WHERE "leadDepartmentId" IS NOT NULL AND id % 10 = 3`, [departments]);
    await step("replies", `
      INSERT INTO "Reply" ("suggestionId", "departmentId", "isLead", body, adoption, explanation, "createdAt")
      SELECT id, "leadDepartmentId", true, '感谢您的建议。我们已研究并将推进相关工作。',
             (CASE WHEN id % 10 < 3 THEN 'ADOPTED' WHEN id % 10 < 6 THEN 'PARTIALLY_ADOPTED' WHEN id % 10 < 8 THEN 'FOR_REFERENCE' ELSE 'NOT_ADOPTED' END)::"AdoptionResult",
             '已纳入年度工作计划。', "submittedAt" + (1 + id % 30) * interval '1 day'
        FROM "Suggestion" WHERE status IN ('REPLIED', 'CLOSED')`);
    await step("ratings", `
      INSERT INTO "Rating" ("suggestionId", score, comment, "createdAt")
      SELECT id, 1 + (id * 13) % 5, CASE WHEN (id * 13) % 5 < 2 THEN '答复不够具体' END, "submittedAt" + (2 + id % 30) * interval '1 day'
        FROM "Suggestion" WHERE status IN ('REPLIED', 'CLOSED') AND id % 5 < 2`);
    await step("measures", `
      INSERT INTO "PolicyMeasure" (type, title, "docNumber", "issuingBody", "issuedOn")
      SELECT (ARRAY['POLICY_DOCUMENT','NORMATIVE_DOCUMENT','PRACTICAL_PROJECT','WORK_MEASURE','LEGISLATION'])[1 + g % 5]::"PolicyMeasureType",
             '关于优化第' || g || '项服务的通知', '辽政办发〔2026〕' || g || '号', '省政府办公厅', current_date - (g % 700)
        FROM generate_series(1, 2000) g`);
    await step("measure links", `
      INSERT INTO "PolicyMeasureLink" ("measureId", "suggestionId")
      SELECT m.min + s.id % 2000, s.id FROM "Suggestion" s, (SELECT min(id) FROM "PolicyMeasure") m
       WHERE s.status IN ('REPLIED', 'CLOSED') AND s.id % 100 = 1`);
    await client.query(`SET session_replication_role = DEFAULT`);
    await step("summary table (report_fact_rebuild)", `SELECT report_fact_rebuild()`);
    const t0 = Date.now();
    await client.query(`VACUUM ANALYZE`);
    log(`  vacuum analyze: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
