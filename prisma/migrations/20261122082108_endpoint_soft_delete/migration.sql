-- AlterTable
ALTER TABLE "endpoints" ADD COLUMN     "deleted_at" TIMESTAMP(3);
