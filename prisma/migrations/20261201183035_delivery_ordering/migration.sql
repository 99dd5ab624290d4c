-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "ordering_key" TEXT,
ADD COLUMN     "ordering_sequence" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_ordering_key_status_ordering_sequenc_idx" ON "deliveries"("endpoint_id", "ordering_key", "status", "ordering_sequence");
