-- 答复需负责人审核: a department may have its lead replies approved by its head before they go out.
-- CreateEnum
CREATE TYPE "PendingReplyStatus" AS ENUM ('AWAITING_APPROVAL', 'SENT_BACK', 'APPROVED');

-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "repliesNeedApproval" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PendingReply" (
    "id" SERIAL NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "status" "PendingReplyStatus" NOT NULL,
    "body" TEXT NOT NULL,
    "adoption" "AdoptionResult" NOT NULL,
    "explanation" TEXT NOT NULL,
    "reviewNote" TEXT,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "replyId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingReply_assignmentId_key" ON "PendingReply"("assignmentId");

-- CreateIndex
CREATE INDEX "PendingReply_departmentId_status_idx" ON "PendingReply"("departmentId", "status");

-- AddForeignKey
ALTER TABLE "PendingReply" ADD CONSTRAINT "PendingReply_suggestionId_fkey" FOREIGN KEY ("suggestionId") REFERENCES "Suggestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingReply" ADD CONSTRAINT "PendingReply_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingReply" ADD CONSTRAINT "PendingReply_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingReply" ADD CONSTRAINT "PendingReply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
