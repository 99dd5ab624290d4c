-- AlterEnum: roles per tenant; the old "member" (never written by the app) becomes "developer"
BEGIN;
CREATE TYPE "MembershipRole_new" AS ENUM ('owner', 'admin', 'developer', 'viewer');
ALTER TABLE "public"."memberships" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "memberships" ALTER COLUMN "role" TYPE "MembershipRole_new" USING ((CASE WHEN "role"::text = 'member' THEN 'developer' ELSE "role"::text END)::"MembershipRole_new");
ALTER TYPE "MembershipRole" RENAME TO "MembershipRole_old";
ALTER TYPE "MembershipRole_new" RENAME TO "MembershipRole";
DROP TYPE "public"."MembershipRole_old";
ALTER TABLE "memberships" ALTER COLUMN "role" SET DEFAULT 'owner';
COMMIT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "last_sign_in_at" TIMESTAMP(3);
