"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";

export type EndpointOption = { id: string; url: string; description: string; signatureScheme: string };

/** The tenant's endpoints for pickers and labels (first 100, newest first). */
export function useEndpointOptions() {
  const trpc = useTRPC();
  return useQuery(
    trpc.endpoints.list.queryOptions(
      { limit: 100 },
      {
        staleTime: 30_000,
        select: (page): EndpointOption[] =>
          page.data.map((e) => ({ id: e.id, url: e.url, description: e.description, signatureScheme: e.signature_scheme })),
      },
    ),
  );
}
