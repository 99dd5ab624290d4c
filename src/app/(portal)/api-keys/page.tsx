import { redirect } from "next/navigation";
import { currentPortalSession } from "@/server/auth/portal-session-cookie";
import { PageHeader } from "@/components/ui/page-header";
import { ApiKeyList, CreateApiKeyDialog } from "./api-keys";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  // API keys outlive a portal link's session, so its visitor may not see or make them (the server refuses too)
  if ((await currentPortalSession())?.origin === "link") redirect("/endpoints");
  return (
    <div>
      <PageHeader
        title="API keys"
        description="Keys for the REST API (Authorization: Bearer <key>). Each is shown once when created; Hookline keeps only its hash."
        actions={<CreateApiKeyDialog />}
      />
      <ApiKeyList />
    </div>
  );
}
