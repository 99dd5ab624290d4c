-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('owner', 'member');

-- CreateEnum
CREATE TYPE "ReceiverAuthType" AS ENUM ('None', 'ApiKey', 'Basic', 'Bearer');

-- CreateEnum
CREATE TYPE "SignatureScheme" AS ENUM ('standard', 'hmac', 'token', 'aw', 'none');

-- CreateEnum
CREATE TYPE "RetryBackoff" AS ENUM ('fixed', 'exponential');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'delivering', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "AttemptErrorClass" AS ENUM ('timeout', 'dns', 'connection_refused', 'connection', 'tls', 'ssrf_blocked', 'non_2xx', 'redirect');

-- CreateEnum
CREATE TYPE "ExecutorRunStatus" AS ENUM ('running', 'completed', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "user_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "role" "MembershipRole" NOT NULL DEFAULT 'owner',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("user_id","tenant_id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoints" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "base_url" TEXT,
    "relative_path" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "enabled_events" TEXT[],
    "custom_headers" JSONB NOT NULL DEFAULT '{}',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "auth_type" "ReceiverAuthType" NOT NULL DEFAULT 'None',
    "auth_settings_sealed" TEXT,
    "signature_scheme" "SignatureScheme" NOT NULL DEFAULT 'standard',
    "retry_count" INTEGER NOT NULL DEFAULT 5,
    "retry_interval_seconds" INTEGER NOT NULL DEFAULT 60,
    "backoff" "RetryBackoff" NOT NULL DEFAULT 'fixed',
    "timeout_ms" INTEGER NOT NULL DEFAULT 10000,
    "rate_limit_per_second" INTEGER,
    "is_primary" BOOLEAN NOT NULL DEFAULT false,
    "disabled_reason" TEXT,
    "disabled_at" TIMESTAMP(3),
    "failing_since" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoint_secrets" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "sealed" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),

    CONSTRAINT "endpoint_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3),
    "last_attempt_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),
    "enqueued_at" TIMESTAMP(3),
    "retry_of_id" UUID,
    "is_test" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempts" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "delivery_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "request_url" TEXT NOT NULL,
    "request_headers" JSONB NOT NULL,
    "request_body" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "response_body_truncated" BOOLEAN NOT NULL DEFAULT false,
    "duration_ms" INTEGER NOT NULL,
    "error_class" "AttemptErrorClass",
    "error_message" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspector_bins" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspector_bins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspector_requests" (
    "id" UUID NOT NULL,
    "bin_id" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspector_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" TIMESTAMP(3),

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "executor_apps" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "functions" JSONB NOT NULL,
    "synced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_apps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_events" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "user" JSONB,
    "ts" BIGINT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_runs" (
    "id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    "function_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event" JSONB NOT NULL,
    "status" "ExecutorRunStatus" NOT NULL DEFAULT 'running',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "output" JSONB,
    "error" JSONB,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),
    "parent_run_id" TEXT,
    "parent_step_id" TEXT,

    CONSTRAINT "executor_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_steps" (
    "run_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "name" TEXT,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_steps_pkey" PRIMARY KEY ("run_id","hash")
);

-- CreateTable
CREATE TABLE "executor_queue_items" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL DEFAULT 'step',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMP(3) NOT NULL,
    "lease_until" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "executor_queue_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "executor_waits" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "step_hash" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "expression" TEXT,
    "timeout_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "executor_waits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_tenant_id_idx" ON "memberships"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_created_at_idx" ON "api_keys"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "endpoints_tenant_id_created_at_idx" ON "endpoints"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "endpoints_tenant_id_is_primary_idx" ON "endpoints"("tenant_id", "is_primary");

-- CreateIndex
CREATE INDEX "endpoint_secrets_endpoint_id_created_at_idx" ON "endpoint_secrets"("endpoint_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_tenant_id_created_at_idx" ON "messages"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_tenant_id_event_type_created_at_idx" ON "messages"("tenant_id", "event_type", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "messages_tenant_id_idempotency_key_key" ON "messages"("tenant_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "deliveries_endpoint_id_created_at_idx" ON "deliveries"("endpoint_id", "created_at");

-- CreateIndex
CREATE INDEX "deliveries_tenant_id_created_at_idx" ON "deliveries"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "deliveries_tenant_id_status_created_at_idx" ON "deliveries"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "deliveries_message_id_idx" ON "deliveries"("message_id");

-- CreateIndex
CREATE INDEX "deliveries_status_enqueued_at_idx" ON "deliveries"("status", "enqueued_at");

-- CreateIndex
CREATE INDEX "attempts_tenant_id_created_at_idx" ON "attempts"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "attempts_endpoint_id_created_at_idx" ON "attempts"("endpoint_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "attempts_delivery_id_number_key" ON "attempts"("delivery_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "inspector_bins_token_key" ON "inspector_bins"("token");

-- CreateIndex
CREATE INDEX "inspector_bins_tenant_id_created_at_idx" ON "inspector_bins"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "inspector_requests_bin_id_received_at_idx" ON "inspector_requests"("bin_id", "received_at");

-- CreateIndex
CREATE INDEX "executor_events_name_received_at_idx" ON "executor_events"("name", "received_at");

-- CreateIndex
CREATE INDEX "executor_runs_status_started_at_idx" ON "executor_runs"("status", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "executor_runs_function_id_event_id_key" ON "executor_runs"("function_id", "event_id");

-- CreateIndex
CREATE INDEX "executor_steps_run_id_seq_idx" ON "executor_steps"("run_id", "seq");

-- CreateIndex
CREATE INDEX "executor_queue_items_available_at_idx" ON "executor_queue_items"("available_at");

-- CreateIndex
CREATE INDEX "executor_queue_items_run_id_idx" ON "executor_queue_items"("run_id");

-- CreateIndex
CREATE INDEX "executor_waits_event_name_idx" ON "executor_waits"("event_name");

-- CreateIndex
CREATE INDEX "executor_waits_timeout_at_idx" ON "executor_waits"("timeout_at");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoint_secrets" ADD CONSTRAINT "endpoint_secrets_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_retry_of_id_fkey" FOREIGN KEY ("retry_of_id") REFERENCES "deliveries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspector_bins" ADD CONSTRAINT "inspector_bins_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspector_requests" ADD CONSTRAINT "inspector_requests_bin_id_fkey" FOREIGN KEY ("bin_id") REFERENCES "inspector_bins"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executor_steps" ADD CONSTRAINT "executor_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "executor_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executor_queue_items" ADD CONSTRAINT "executor_queue_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "executor_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "executor_waits" ADD CONSTRAINT "executor_waits_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "executor_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
