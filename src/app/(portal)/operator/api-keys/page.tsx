import { PageHeader } from "@/components/ui/page-header";
import { CreatePlatformKeyDialog, PlatformKeyList } from "./platform-keys";

export const metadata = { title: "Platform API keys" };

export default function PlatformApiKeysPage() {
  return (
    <div>
      <PageHeader
        title="Platform API keys"
        description="Keys for your product's backend (hk_op_…): they manage tenants and act for any of them with the Hookline-Tenant header. Each is shown once when created; Hookline keeps only its hash."
        actions={<CreatePlatformKeyDialog />}
      />
      <PlatformKeyList />
    </div>
  );
}
