import { getSessionUser } from "@/server/auth/session";
import { AcceptInvitation } from "./accept-invitation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitation", referrer: "no-referrer" };

// GET /invitations/{token} — an invitation link: its invitee signs up or in, then joins the tenant
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getSessionUser();
  return <AcceptInvitation token={token} signedInEmail={user?.email ?? null} />;
}
