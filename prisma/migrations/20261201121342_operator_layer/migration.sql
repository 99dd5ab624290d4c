-- CreateEnum
CREATE TYPE "ApiKeyKind" AS ENUM ('tenant', 'platform');

-- CreateEnum
CREATE TYPE "PortalCapability" AS ENUM ('full', 'read');

-- CreateEnum
CREATE TYPE "PortalSessionOrigin" AS ENUM ('link', 'operator');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('user', 'operator', 'tenant_key', 'platform_key', 'portal_link', 'system');

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "kind" "ApiKeyKind" NOT NULL DEFAULT 'tenant',
ALTER COLUMN "tenant_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "external_id" TEXT,
ADD COLUMN     "metadata" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "is_operator" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "portal_sessions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "capability" "PortalCapability" NOT NULL,
    "origin" "PortalSessionOrigin" NOT NULL,
    "link_token_hash" TEXT NOT NULL,
    "link_expires_at" TIMESTAMP(3) NOT NULL,
    "redeemed_at" TIMESTAMP(3),
    "session_token_hash" TEXT,
    "session_expires_at" TIMESTAMP(3),
    "created_by_label" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_entries" (
    "id" UUID NOT NULL,
    "tenant_id" UUID,
    "actor_kind" "ActorKind" NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "summary" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "portal_sessions_link_token_hash_key" ON "portal_sessions"("link_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "portal_sessions_session_token_hash_key" ON "portal_sessions"("session_token_hash");

-- CreateIndex
CREATE INDEX "portal_sessions_tenant_id_created_at_idx" ON "portal_sessions"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "activity_entries_tenant_id_created_at_idx" ON "activity_entries"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "activity_entries_created_at_idx" ON "activity_entries"("created_at");

-- CreateIndex
CREATE INDEX "api_keys_kind_created_at_idx" ON "api_keys"("kind", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "tenants_external_id_key" ON "tenants"("external_id");

-- AddForeignKey
ALTER TABLE "portal_sessions" ADD CONSTRAINT "portal_sessions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity_entries" ADD CONSTRAINT "activity_entries_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
