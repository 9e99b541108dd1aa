-- A one-time token from the suggestion form, so a double click or a retried post returns the first receipt instead
-- of creating a second suggestion (issue 7.6). NULL for rows from before, and for posts without one.
ALTER TABLE "Suggestion" ADD COLUMN "formToken" TEXT;

CREATE UNIQUE INDEX "Suggestion_formToken_key" ON "Suggestion"("formToken");
