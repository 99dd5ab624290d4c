import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { currentPortalSession } from "@/server/auth/portal-session-cookie";

export const dynamic = "force-dynamic";

export default async function Home() {
  // a portal session (it takes precedence over a sign-in) opens on the endpoints, as its link does
  if (await currentPortalSession()) redirect("/endpoints");
  redirect((await getSessionUser()) ? "/dashboard" : "/signin");
}
