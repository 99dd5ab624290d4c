import { requirePermission } from "@/app/(portal)/require-permission";
import { PageHeader } from "@/components/ui/page-header";
import { ApiKeyList, CreateApiKeyDialog } from "./api-keys";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePermission("apiKeys:manage", "/endpoints");
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
