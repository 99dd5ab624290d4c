import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { TrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

/**
 * One tRPC call over HTTP as the portal makes it (the fetch adapter the route serves, superjson's
 * `{json}` envelope), with the caller given instead of read from cookies. The input is raw JSON text, so a
 * test can send what no serializer would write.
 */
export async function trpcOverHttp(context: TrpcContext, call: { procedure: string; kind: "query" | "mutation"; inputJson: string }) {
  const envelope = `{"json":${call.inputJson}}`;
  const url = new URL(`http://hookline.test/api/trpc/${call.procedure}`);
  if (call.kind === "query") url.searchParams.set("input", envelope);
  const request = new Request(url, {
    method: call.kind === "query" ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: call.kind === "mutation" ? envelope : undefined,
  });
  const response = await fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: async () => context });
  return { status: response.status, body: (await response.json()) as { error?: { json: { message: string; data: { code: string; httpStatus: number } } } } };
}
