-- Staff search (issue 8): words in a suggestion's title, problem and proposal, found with PostgreSQL trigrams
-- (pg_trgm ships with PostgreSQL; GIN trigram indexes work on Chinese text without a word segmenter).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Suggestion_title_trgm_idx" ON "Suggestion" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Suggestion_problem_trgm_idx" ON "Suggestion" USING GIN ("problem" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Suggestion_proposal_trgm_idx" ON "Suggestion" USING GIN ("proposal" gin_trgm_ops);
