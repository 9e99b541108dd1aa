-- The private tracking link (issue 11): every suggestion, old and new, gets its own secret. The default is volatile,
-- so PostgreSQL evaluates it once per existing row while adding the column.
-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN "trackToken" TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_trackToken_key" ON "Suggestion"("trackToken");
