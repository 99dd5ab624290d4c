-- AlterTable
ALTER TABLE "executor_waits" ADD COLUMN     "step_name" TEXT;

-- CreateIndex
CREATE INDEX "executor_runs_event_id_idx" ON "executor_runs"("event_id");
