import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/root";
import { createTrpcContext } from "@/server/trpc/context";
import { admitTrpcRequest, MAX_BATCH_SIZE, retryAfterHeader } from "@/server/trpc/http-limits";

async function handler(request: Request): Promise<Response> {
  const admitted = await admitTrpcRequest(request);
  if (admitted instanceof Response) return admitted;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: admitted,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createTrpcContext(admitted, resHeaders),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
  });
}

export { handler as GET, handler as POST };
