-- AlterTable
ALTER TABLE "ReportRun" ADD COLUMN     "emailedAt" TIMESTAMP(3);
