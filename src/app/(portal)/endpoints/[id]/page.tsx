import { Suspense } from "react";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverTrpc } from "@/trpc/server";
import { EndpointDetail } from "./endpoint-detail";

export const dynamic = "force-dynamic";
export const metadata = { title: "Endpoint" };

export default async function EndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const endpoint = await (await serverTrpc()).endpoints.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <Suspense>
      <EndpointDetail initial={endpoint} />
    </Suspense>
  );
}
