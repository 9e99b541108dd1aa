-- The open inbox (a department's live assignments, nearest deadline first): through the full (departmentId, dueAt, id)
-- index the scan walked past every replied assignment due earlier than the first live one, a number that grows with
-- the department's history (1.5 ms and ~230 index entries per page on the bench's 50,000 assignments, against 0.4 ms
-- and 21 here). Partial: only live assignments, so it stays as small as the work owed. Not expressible in Prisma 6's
-- schema (see the note on model Assignment); inbox.repository.ts writes the same status list literally so the
-- statement's generic plan can use it.
CREATE INDEX "Assignment_live_departmentId_dueAt_id_idx" ON "Assignment" ("departmentId", "dueAt", "id")
  WHERE "status" IN ('PENDING', 'ACCEPTED');
