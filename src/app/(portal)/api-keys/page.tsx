import { PageHeader } from "@/components/ui/page-header";
import { ApiKeyList } from "./api-key-list";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

export const metadata = { title: "API keys" };

export default function ApiKeysPage() {
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
