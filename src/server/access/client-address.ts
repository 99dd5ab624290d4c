/**
 * The address a request came from, for per-address limits. Next.js puts the socket's address in
 * X-Forwarded-For only when the header is absent, and a reverse proxy appends the address it saw: the last
 * entry is the nearest hop's view. Directly exposed, a client can write that header itself, so per-address
 * limits assume a proxy in front that sets or appends it (docs/security.md).
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const nearest = forwarded?.split(",").at(-1)?.trim();
  return nearest || "unknown";
}
