-- A new suggestion's fact, from the row itself. report_fact_refresh() reads report_fact_source: the suggestion again,
-- its region, and four child tables that cannot yet have rows for an id just taken — about 0.6 ms of PostgreSQL's CPU
-- on each citizen's submission (EXPLAIN ANALYZE: two thirds of the whole submission statement), on a machine where
-- that CPU is shared with the web processes. Child rows inserted later refresh the fact through their own triggers.
-- DO NOTHING: a fact that already exists was written in this same statement by a child row's trigger, from the
-- complete picture (report_fact_refresh), and is kept.
CREATE FUNCTION report_fact_on_suggestion_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReportFact" ("suggestionId", "submittedAt", status, "categoryId", "regionId", "cityId", "roundId", "topicId",
                            "leadDepartmentId", "notAcceptedReason", "replyDueAt", "measureCount")
  SELECT NEW.id, NEW."submittedAt", NEW.status, NEW."categoryId", NEW."regionId",
         CASE r.level WHEN 'COUNTY' THEN r."parentId" WHEN 'CITY' THEN r.id END,
         NEW."roundId", NEW."topicId", NEW."leadDepartmentId", NEW."notAcceptedReason", NEW."replyDueAt", 0
  FROM "Region" r WHERE r.id = NEW."regionId"
  ON CONFLICT ("suggestionId") DO NOTHING;
  RETURN NULL;
END $$;

DROP TRIGGER report_fact_suggestion_insert ON "Suggestion";
CREATE TRIGGER report_fact_suggestion_insert AFTER INSERT ON "Suggestion"
  FOR EACH ROW EXECUTE FUNCTION report_fact_on_suggestion_insert();
