-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "ordering_key" TEXT;
