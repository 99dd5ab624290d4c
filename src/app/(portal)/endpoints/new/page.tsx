import Link from "next/link";
import { requirePermission } from "@/app/(portal)/require-permission";
import { PageHeader } from "@/components/ui/page-header";
import { EndpointForm } from "../endpoint-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "New endpoint" };

export default async function NewEndpointPage() {
  // a read-only portal session could not save the form: it sees the list instead
  await requirePermission("endpoints:write", "/endpoints");
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        eyebrow={<Link href="/endpoints" className="hover:underline">Endpoints</Link>}
        title="New endpoint"
        description="A signing secret is generated for it; you will find it on the endpoint's page."
      />
      <EndpointForm />
    </div>
  );
}
