-- Themed rounds become first-class: the states SCHEDULED and ARCHIVED, the call's parts, the cover image, the
-- results section, optimistic versioning, and the suggestions selected for the results.

-- The enum is rebuilt rather than extended: a value added by ALTER TYPE ... ADD VALUE cannot be used in the same
-- transaction, and the backfill below needs SCHEDULED. Existing rounds take the state their times imply (until now
-- a round's phase was worked out when it was read).
CREATE TYPE "RoundStatus_new" AS ENUM ('DRAFT', 'SCHEDULED', 'OPEN', 'CLOSED', 'ARCHIVED');
ALTER TABLE "CollectionRound" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "CollectionRound" ALTER COLUMN "status" TYPE "RoundStatus_new" USING (
  CASE
    WHEN "status"::text = 'OPEN' AND now() < "opensAt" THEN 'SCHEDULED'
    WHEN "status"::text = 'OPEN' AND now() >= "closesAt" THEN 'CLOSED'
    ELSE "status"::text
  END
)::"RoundStatus_new";
DROP TYPE "RoundStatus";
ALTER TYPE "RoundStatus_new" RENAME TO "RoundStatus";
ALTER TABLE "CollectionRound" ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE "CollectionRound" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "coverImage" TEXT,
ADD COLUMN     "coverImageType" TEXT,
ADD COLUMN     "excluded" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "excludedEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "openedAt" TIMESTAMP(3),
ADD COLUMN     "publishAdopted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "resultsPublishedAt" TIMESTAMP(3),
ADD COLUMN     "resultsSummary" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resultsSummaryEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resultsUse" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resultsUseEn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "wanted" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "wantedEn" TEXT NOT NULL DEFAULT '';

-- When the backfilled rounds opened and closed: their set times.
UPDATE "CollectionRound" SET "openedAt" = "opensAt" WHERE "status" IN ('OPEN', 'CLOSED');
UPDATE "CollectionRound" SET "closedAt" = "closesAt" WHERE "status" = 'CLOSED';

-- CreateTable
CREATE TABLE "RoundHighlight" (
    "roundId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RoundHighlight_pkey" PRIMARY KEY ("roundId","suggestionId")
);

-- CreateIndex
CREATE INDEX "RoundHighlight_suggestionId_idx" ON "RoundHighlight"("suggestionId");

-- CreateIndex
CREATE INDEX "CollectionRound_status_idx" ON "CollectionRound"("status");

-- AddForeignKey
ALTER TABLE "RoundHighlight" ADD CONSTRAINT "RoundHighlight_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "CollectionRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundHighlight" ADD CONSTRAINT "RoundHighlight_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
