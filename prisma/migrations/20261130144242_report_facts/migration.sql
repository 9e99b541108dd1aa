-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "ReportFact" (
    "suggestionId" INTEGER NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "status" "SuggestionStatus" NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "regionId" INTEGER NOT NULL,
    "cityId" INTEGER,
    "roundId" INTEGER,
    "topicId" INTEGER,
    "leadDepartmentId" INTEGER,
    "notAcceptedReason" "NotAcceptedReason",
    "replyDueAt" TIMESTAMP(3),
    "leadAssignedAt" TIMESTAMP(3),
    "repliedAt" TIMESTAMP(3),
    "replyDepartmentId" INTEGER,
    "adoption" "AdoptionResult",
    "rating" INTEGER,
    "measureCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportFact_pkey" PRIMARY KEY ("suggestionId")
);

-- CreateTable
CREATE TABLE "ReportRun" (
    "id" SERIAL NOT NULL,
    "paramsKey" TEXT NOT NULL,
    "fromDate" TEXT,
    "toDate" TEXT,
    "roundId" INTEGER,
    "departmentId" INTEGER,
    "status" "ReportStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "requestedById" INTEGER,
    "origin" TEXT NOT NULL DEFAULT 'USER',
    "data" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportFact_submittedAt_idx" ON "ReportFact"("submittedAt");

-- CreateIndex
CREATE INDEX "ReportFact_leadDepartmentId_submittedAt_idx" ON "ReportFact"("leadDepartmentId", "submittedAt");

-- CreateIndex
CREATE INDEX "ReportFact_roundId_idx" ON "ReportFact"("roundId");

-- CreateIndex
CREATE INDEX "ReportRun_paramsKey_status_idx" ON "ReportRun"("paramsKey", "status");

-- CreateIndex
CREATE INDEX "ReportRun_createdAt_idx" ON "ReportRun"("createdAt");

-- AddForeignKey
ALTER TABLE "ReportFact" ADD CONSTRAINT "ReportFact_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The report's summary table is maintained here, by the database, so that no write path (web, worker, seed, an
-- import) can forget it. report_fact_row(sid) is the one definition of a fact row; the triggers recompute the row of
-- the suggestion a write touched (a handful of index look-ups), report_fact_rebuild() recomputes every row in one
-- set-based statement (used below to backfill, and by bench/report after a bulk load with triggers off).
CREATE VIEW report_fact_source AS
SELECT s.id AS "suggestionId", s."submittedAt", s.status, s."categoryId", s."regionId",
       CASE r.level WHEN 'COUNTY' THEN r."parentId" WHEN 'CITY' THEN r.id END AS "cityId",
       s."roundId", s."topicId", s."leadDepartmentId", s."notAcceptedReason", s."replyDueAt",
       la."assignedAt" AS "leadAssignedAt", rp."createdAt" AS "repliedAt", rp."departmentId" AS "replyDepartmentId",
       rp.adoption, rt.score AS rating, COALESCE(ml.n, 0)::integer AS "measureCount"
FROM "Suggestion" s
JOIN "Region" r ON r.id = s."regionId"
LEFT JOIN LATERAL (
  SELECT a."assignedAt" FROM "Assignment" a
  WHERE a."suggestionId" = s.id AND a.role = 'LEAD' ORDER BY a."assignedAt" DESC, a.id DESC LIMIT 1
) la ON true
LEFT JOIN LATERAL (
  SELECT x."createdAt", x."departmentId", x.adoption FROM "Reply" x
  WHERE x."suggestionId" = s.id AND x."isLead" ORDER BY x."createdAt", x.id LIMIT 1
) rp ON true
LEFT JOIN "Rating" rt ON rt."suggestionId" = s.id
LEFT JOIN LATERAL (SELECT count(*) AS n FROM "PolicyMeasureLink" l WHERE l."suggestionId" = s.id) ml ON true;

CREATE FUNCTION report_fact_refresh(sid integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReportFact" AS f
  SELECT * FROM report_fact_source WHERE "suggestionId" = sid
  ON CONFLICT ("suggestionId") DO UPDATE SET
    "submittedAt" = EXCLUDED."submittedAt", status = EXCLUDED.status, "categoryId" = EXCLUDED."categoryId",
    "regionId" = EXCLUDED."regionId", "cityId" = EXCLUDED."cityId", "roundId" = EXCLUDED."roundId",
    "topicId" = EXCLUDED."topicId", "leadDepartmentId" = EXCLUDED."leadDepartmentId",
    "notAcceptedReason" = EXCLUDED."notAcceptedReason", "replyDueAt" = EXCLUDED."replyDueAt",
    "leadAssignedAt" = EXCLUDED."leadAssignedAt", "repliedAt" = EXCLUDED."repliedAt",
    "replyDepartmentId" = EXCLUDED."replyDepartmentId", adoption = EXCLUDED.adoption, rating = EXCLUDED.rating,
    "measureCount" = EXCLUDED."measureCount";
END $$;

-- Set-based: hash joins over whole tables instead of a million lateral look-ups.
CREATE FUNCTION report_fact_rebuild() RETURNS void LANGUAGE sql AS $$
  TRUNCATE "ReportFact";
  INSERT INTO "ReportFact"
  SELECT s.id, s."submittedAt", s.status, s."categoryId", s."regionId",
         CASE r.level WHEN 'COUNTY' THEN r."parentId" WHEN 'CITY' THEN r.id END,
         s."roundId", s."topicId", s."leadDepartmentId", s."notAcceptedReason", s."replyDueAt",
         la."assignedAt", rp."createdAt", rp."departmentId", rp.adoption, rt.score, COALESCE(ml.n, 0)::integer
  FROM "Suggestion" s
  JOIN "Region" r ON r.id = s."regionId"
  LEFT JOIN (SELECT DISTINCT ON ("suggestionId") "suggestionId", "assignedAt" FROM "Assignment"
             WHERE role = 'LEAD' ORDER BY "suggestionId", "assignedAt" DESC, id DESC) la ON la."suggestionId" = s.id
  LEFT JOIN (SELECT DISTINCT ON ("suggestionId") "suggestionId", "createdAt", "departmentId", adoption FROM "Reply"
             WHERE "isLead" ORDER BY "suggestionId", "createdAt", id) rp ON rp."suggestionId" = s.id
  LEFT JOIN "Rating" rt ON rt."suggestionId" = s.id
  LEFT JOIN (SELECT "suggestionId", count(*) AS n FROM "PolicyMeasureLink" GROUP BY "suggestionId") ml ON ml."suggestionId" = s.id;
$$;

CREATE FUNCTION report_fact_on_suggestion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_fact_refresh(NEW.id);
  RETURN NULL;
END $$;

CREATE FUNCTION report_fact_on_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM report_fact_refresh(OLD."suggestionId"); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."suggestionId" <> OLD."suggestionId") THEN
    PERFORM report_fact_refresh(NEW."suggestionId");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER report_fact_suggestion_insert AFTER INSERT ON "Suggestion"
  FOR EACH ROW EXECUTE FUNCTION report_fact_on_suggestion();
CREATE TRIGGER report_fact_suggestion_update
  AFTER UPDATE OF "submittedAt", status, "categoryId", "regionId", "roundId", "topicId", "leadDepartmentId",
    "notAcceptedReason", "replyDueAt" ON "Suggestion"
  FOR EACH ROW EXECUTE FUNCTION report_fact_on_suggestion();
CREATE TRIGGER report_fact_assignment AFTER INSERT OR UPDATE OR DELETE ON "Assignment"
  FOR EACH ROW EXECUTE FUNCTION report_fact_on_child();
CREATE TRIGGER report_fact_reply AFTER INSERT OR UPDATE OR DELETE ON "Reply"
  FOR EACH ROW EXECUTE FUNCTION report_fact_on_child();
CREATE TRIGGER report_fact_rating AFTER INSERT OR UPDATE OR DELETE ON "Rating"
  FOR EACH ROW EXECUTE FUNCTION report_fact_on_child();
CREATE TRIGGER report_fact_measure_link AFTER INSERT OR UPDATE OR DELETE ON "PolicyMeasureLink"
  FOR EACH ROW EXECUTE FUNCTION report_fact_on_child();

SELECT report_fact_rebuild();
