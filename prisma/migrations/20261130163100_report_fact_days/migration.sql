-- The report groups by month and counts working days between Shanghai calendar days. Computed per row at query
-- time over a million facts (to_char, extract), these cost more than the aggregation itself; stored once, they are
-- plain integers. Generated columns: the triggers and report_fact_rebuild() keep inserting the same columns as before.
ALTER TABLE "ReportFact"
  ADD COLUMN "submittedDay" INTEGER GENERATED ALWAYS AS (floor((extract(epoch FROM "submittedAt") + 28800) / 86400)::int) STORED,
  ADD COLUMN "submittedMonth" INTEGER GENERATED ALWAYS AS ((extract(year FROM "submittedAt" + interval '8 hours') * 100 + extract(month FROM "submittedAt" + interval '8 hours'))::int) STORED,
  ADD COLUMN "assignedDay" INTEGER GENERATED ALWAYS AS (floor((extract(epoch FROM "leadAssignedAt") + 28800) / 86400)::int) STORED,
  ADD COLUMN "repliedDay" INTEGER GENERATED ALWAYS AS (floor((extract(epoch FROM "repliedAt") + 28800) / 86400)::int) STORED;
