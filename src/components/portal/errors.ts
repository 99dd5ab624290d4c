import { TRPCClientError } from "@trpc/client";

/** The message to show for a failed call: the server's for known errors, a generic one otherwise. */
export function errorMessage(error: unknown, fallback = "Something went wrong"): string {
  if (error instanceof TRPCClientError) {
    const fieldErrors = (error.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } } | undefined)?.zodError;
    const first = fieldErrors?.formErrors?.[0] ?? Object.entries(fieldErrors?.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages?.[0]}`)[0];
    if (first) return first;
    return error.message || fallback;
  }
  return error instanceof Error && error.message ? error.message : fallback;
}

/** Field errors of a rejected tRPC input, keyed by top-level field name. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const fieldErrors = (error.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } } | undefined)?.zodError?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(fieldErrors).flatMap(([field, messages]) => (messages?.[0] ? [[field, messages[0]]] : [])));
}
