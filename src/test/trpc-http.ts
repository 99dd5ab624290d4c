// Calls the portal's tRPC endpoint with real Requests, as the browser's client sends them (superjson):
// `trpcPost` through the route handler (admission, context from cookies), `trpcOverHttp` with a given caller.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { encode } from "next-auth/jwt";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import type { SessionUser } from "@/server/auth/session";
import type { TrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

export const TRPC_ORIGIN = "http://hookline.test";

/** The next-auth session cookie a signed-in browser carries (over plain HTTP, hence the unprefixed name). */
export async function sessionCookieFor(user: SessionUser): Promise<string> {
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.name }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

export type TrpcHttpCall = {
  /** procedures, joined into one batched call as httpBatchLink does */
  procedures: string[];
  /** each procedure's input, sent as the client sends it; a string or stream body replaces the whole body */
  inputs?: unknown[];
  body?: BodyInit;
  headers?: Record<string, string>;
};

export type TrpcHttpResponse = { status: number; headers: Headers; body: unknown };

export async function trpcPost({ procedures, inputs = [], body, headers = {} }: TrpcHttpCall): Promise<TrpcHttpResponse> {
  const batch = Object.fromEntries(procedures.map((_, i) => [i, inputs[i] === undefined ? {} : { json: inputs[i] }]));
  const request = new Request(`${TRPC_ORIGIN}/api/trpc/${procedures.join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7", ...headers },
    body: body ?? JSON.stringify(batch),
    ...(body instanceof ReadableStream && { duplex: "half" }),
  } as RequestInit);
  const response = await trpcRoute.POST(request);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** One query through the route handler, as the browser's client sends it (GET with the input in the URL). */
export async function trpcGet({ procedure, input, headers = {} }: { procedure: string; input: unknown; headers?: Record<string, string> }): Promise<TrpcHttpResponse> {
  const url = new URL(`${TRPC_ORIGIN}/api/trpc/${procedure}`);
  url.searchParams.set("input", JSON.stringify({ json: input }));
  const response = await trpcRoute.GET(new Request(url, { headers: { "x-forwarded-for": "203.0.113.7", ...headers } }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

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
