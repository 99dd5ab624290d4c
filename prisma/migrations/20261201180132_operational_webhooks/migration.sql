-- AlterTable
ALTER TABLE "attempts" ADD COLUMN     "retry_after_seconds" INTEGER;

-- AlterTable
ALTER TABLE "endpoints" ADD COLUMN     "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failing_alerted_at" TIMESTAMP(3),
ADD COLUMN     "recovered_at" TIMESTAMP(3);
