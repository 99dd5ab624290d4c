import type { AttemptErrorClass } from "@/generated/prisma/enums";
import { SsrfBlockedError } from "./ssrf-guard";

/** Failures that happen before a complete HTTP response exists; statuses are classified elsewhere. */
export type TransportErrorClass = Exclude<AttemptErrorClass, "non_2xx" | "redirect">;

export type ClassifiedError = { errorClass: TransportErrorClass; errorMessage: string };

const timeoutCodes = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
const dnsCodes = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME"]);
// OpenSSL verification failures carry these codes verbatim (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, …)
const tlsCodePattern = /^(ERR_TLS_|ERR_SSL_)|CERT|_ISSUER_|LEAF_SIGNATURE/;

type ErrorWithCode = Error & { code?: unknown };

/** The error and its causes, outermost first: undici and Node wrap socket errors in their own. */
function errorChain(error: unknown): ErrorWithCode[] {
  const chain: ErrorWithCode[] = [];
  let current: unknown = error;
  while (current instanceof Error && !chain.includes(current) && chain.length < 8) {
    chain.push(current);
    // Happy Eyeballs reports one refusal per address family inside an AggregateError
    if (current instanceof AggregateError && current.errors[0] instanceof Error) chain.push(current.errors[0]);
    current = current.cause;
  }
  return chain;
}

function describe(error: ErrorWithCode): string {
  return typeof error.code === "string" && !error.message.includes(error.code)
    ? `${error.code}: ${error.message}`
    : error.message || String(error.code ?? error.name);
}

export function classifyTransportError(error: unknown): ClassifiedError {
  const chain = errorChain(error);
  const ssrf = chain.find((e) => e instanceof SsrfBlockedError);
  if (ssrf) return { errorClass: "ssrf_blocked", errorMessage: ssrf.message };
  for (const e of chain.toReversed()) {
    const code = typeof e.code === "string" ? e.code : "";
    if (timeoutCodes.has(code)) return { errorClass: "timeout", errorMessage: describe(e) };
    if (dnsCodes.has(code)) return { errorClass: "dns", errorMessage: describe(e) };
    if (code === "ECONNREFUSED") return { errorClass: "connection_refused", errorMessage: describe(e) };
    if (tlsCodePattern.test(code) || (code === "EPROTO" && /SSL|TLS/i.test(e.message))) {
      return { errorClass: "tls", errorMessage: describe(e) };
    }
  }
  const innermost = chain.at(-1);
  return { errorClass: "connection", errorMessage: innermost ? describe(innermost) : String(error) };
}
