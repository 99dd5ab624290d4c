import "server-only";
import { cache } from "react";
import { createCaller } from "@/server/trpc/root";
import { createTrpcContext } from "@/server/trpc/context";

/** tRPC for React Server Components: same procedures, no HTTP hop, one context per request. */
export const serverTrpc = cache(async () => createCaller(await createTrpcContext()));
