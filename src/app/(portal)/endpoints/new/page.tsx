import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EndpointForm } from "../endpoint-form";

export const metadata = { title: "New endpoint" };

export default function NewEndpointPage() {
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
