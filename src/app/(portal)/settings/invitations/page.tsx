import { PageHeader } from "@/components/ui/page-header";
import { MemberInvitations } from "@/components/portal/member-invitations";
import { requirePermission } from "../../require-permission";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitations" };

export default async function InvitationsPage() {
  await requirePermission("members:manage", "/members");
  return (
    <div>
      <PageHeader title="Invitations" description="Invite teammates into this tenant by email, each with the role they need." />
      <MemberInvitations />
    </div>
  );
}
