-- AlterTable
ALTER TABLE "endpoints" ADD COLUMN     "payload_filter" JSONB,
ADD COLUMN     "payload_filter_path" TEXT;
