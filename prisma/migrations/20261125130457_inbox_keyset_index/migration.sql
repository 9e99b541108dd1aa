-- The department inbox (casework) pages by keyset over (dueAt, id) within one department: without this index every
-- page sorts all of the department's assignments (bench/inbox.bench.ts).
-- CreateIndex
CREATE INDEX "Assignment_departmentId_dueAt_id_idx" ON "Assignment"("departmentId", "dueAt", "id");
