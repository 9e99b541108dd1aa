-- Similar-suggestion look-up (issue 12): one TF-IDF signature per suggestion and an inverted index over its terms.
-- A look-up reads, per term of the new text, the strongest postings from the (term, weight DESC, suggestionId) index
-- (index-only, bounded per term), then rescores the best candidates exactly from their signatures: never a scan of
-- the table, whatever its size (bench/similar.bench.ts). The primary key leads with suggestionId so that replacing a
-- suggestion's postings needs no third index.
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
    "suggestionId" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "weight" REAL NOT NULL,

    CONSTRAINT "SimilarityPosting_pkey" PRIMARY KEY ("suggestionId","term")
);

-- CreateIndex
CREATE INDEX "SimilarityPosting_term_weight_suggestionId_idx" ON "SimilarityPosting"("term", "weight" DESC, "suggestionId");

-- AddForeignKey
ALTER TABLE "SimilaritySignature" ADD CONSTRAINT "SimilaritySignature_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityPosting" ADD CONSTRAINT "SimilarityPosting_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "SimilaritySignature"("suggestionId") ON DELETE CASCADE ON UPDATE CASCADE;
