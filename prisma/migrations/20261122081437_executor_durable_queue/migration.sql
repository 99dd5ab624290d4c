-- CreateEnum
CREATE TYPE "ExecutorQueueItemKind" AS ENUM ('call', 'sleep', 'timeout', 'cron');

-- DropIndex
DROP INDEX "executor_waits_timeout_at_idx";

-- AlterTable
ALTER TABLE "executor_apps" ALTER COLUMN "synced_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "executor_events" ALTER COLUMN "received_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "executor_queue_items" ADD COLUMN     "concurrency_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "concurrency_limits" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "cron" TEXT,
ADD COLUMN     "function_id" TEXT NOT NULL,
ADD COLUMN     "kind" "ExecutorQueueItemKind" NOT NULL,
ADD COLUMN     "lease_owner" TEXT,
ADD COLUMN     "step_name" TEXT,
ALTER COLUMN "run_id" DROP NOT NULL,
ALTER COLUMN "available_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "lease_until" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "executor_runs" DROP COLUMN "attempt",
ADD COLUMN     "concurrency_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "concurrency_limits" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "max_attempts" INTEGER NOT NULL,
ADD COLUMN     "parallel" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "step_count" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "started_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "ended_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "executor_steps" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "op" TEXT NOT NULL,
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "executor_waits" ADD COLUMN     "child_run_id" TEXT,
ALTER COLUMN "event_name" DROP NOT NULL,
ALTER COLUMN "timeout_at" DROP NOT NULL,
ALTER COLUMN "timeout_at" SET DATA TYPE TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "executor_runs_function_id_started_at_idx" ON "executor_runs"("function_id", "started_at");

-- CreateIndex
CREATE INDEX "executor_waits_child_run_id_idx" ON "executor_waits"("child_run_id");

-- CreateIndex
CREATE INDEX "executor_waits_run_id_idx" ON "executor_waits"("run_id");
