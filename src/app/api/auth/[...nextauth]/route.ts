import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { consumeAuthAttempt } from "@/server/auth/auth-throttle";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { clientAddress } from "@/lib/client-address";

const nextAuth = NextAuth(authOptions);
type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** The email a credentials sign-in names, read from a copy of the form next-auth reads after. */
async function signInEmail(request: NextRequest): Promise<string> {
  try {
    return String((await request.clone().formData()).get("email") ?? "");
  } catch {
    return "";
  }
}

/**
 * A throttled sign-in: 429 with Retry-After. The body keeps next-auth's `{url}` shape (its client reads the
 * error from that URL), so the sign-in page can tell "too many attempts" from a wrong password.
 */
function throttled(error: AppError): Response {
  const retryAfter = (error.details as { retry_after_seconds: number }).retry_after_seconds;
  return Response.json(
    { url: `${env().publicUrl}/signin?error=TooManyAttempts`, error: { code: error.code, message: error.message, details: error.details } },
    { status: 429, headers: { "Retry-After": String(retryAfter) } },
  );
}

// GET /api/auth/* — next-auth's session, csrf and provider endpoints
async function GET(request: NextRequest, context: RouteContext) {
  return nextAuth(request, context);
}

// POST /api/auth/* — sign-in (credentials callback, counted per address and per email before any hash) and sign-out
async function POST(request: NextRequest, context: RouteContext) {
  if ((await context.params).nextauth.join("/") === "callback/credentials") {
    try {
      await consumeAuthAttempt({ db: await getDb(), attempt: { clientAddress: clientAddress(request.headers), email: await signInEmail(request) } });
    } catch (error) {
      if (error instanceof AppError && error.code === "RATE_LIMITED") return throttled(error);
      throw error;
    }
  }
  return nextAuth(request, context);
}

export { GET, POST };
