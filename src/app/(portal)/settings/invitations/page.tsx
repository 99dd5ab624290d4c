import { PageHeader } from "@/components/ui/page-header";
import { MemberInvitations } from "@/components/portal/member-invitations";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitations" };

export default function InvitationsPage() {
  return (
    <div>
      <PageHeader title="Invitations" description="Invite teammates into this tenant by email, each with the role they need." />
      <MemberInvitations />
    </div>
  );
}
