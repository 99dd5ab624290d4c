import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverTrpc } from "@/trpc/server";
import { requirePermission } from "@/app/(portal)/require-permission";
import { PageHeader } from "@/components/ui/page-header";
import { EndpointForm } from "../../endpoint-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit endpoint" };

export default async function EditEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePermission("endpoints:write", `/endpoints/${id}`);
  const endpoint = await (await serverTrpc()).endpoints.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        eyebrow={
          <>
            <Link href="/endpoints" className="hover:underline">Endpoints</Link> /{" "}
            <Link href={`/endpoints/${endpoint.id}`} className="font-mono hover:underline">{endpoint.url}</Link>
          </>
        }
        title="Edit endpoint"
      />
      <EndpointForm endpoint={endpoint} />
    </div>
  );
}
