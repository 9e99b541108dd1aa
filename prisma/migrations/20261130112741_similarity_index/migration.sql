-- Similar-suggestion look-up (issue 12): one TF-IDF signature per suggestion and an inverted index over its terms.
-- A look-up reads the posting lists of a new text's terms through the (term, suggestionId) primary key and sums the
-- weights per suggestion: index-backed, never a scan of all signatures (bench/similar.bench.ts).
-- CreateTable
CREATE TABLE "SimilaritySignature" (
    "suggestionId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "textHash" TEXT NOT NULL,
    "terms" TEXT[],
    "weights" REAL[],
    "indexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimilaritySignature_pkey" PRIMARY KEY ("suggestionId")
);

-- CreateTable
CREATE TABLE "SimilarityPosting" (
    "term" TEXT NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "weight" REAL NOT NULL,

    CONSTRAINT "SimilarityPosting_pkey" PRIMARY KEY ("term","suggestionId")
);

-- CreateIndex
CREATE INDEX "SimilarityPosting_suggestionId_idx" ON "SimilarityPosting"("suggestionId");

-- AddForeignKey
ALTER TABLE "SimilaritySignature" ADD CONSTRAINT "SimilaritySignature_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityPosting" ADD CONSTRAINT "SimilarityPosting_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "SimilaritySignature"("suggestionId") ON DELETE CASCADE ON UPDATE CASCADE;
