/**
 * The address a request came from, as the nearest proxy saw it: the last X-Forwarded-For entry. Next.js
 * sets that header from the socket only when the request has none, so directly exposed the value is the
 * client's to choose; behind a reverse proxy that appends the peer address it is the real one
 * (docs/security.md says which limits lean on it).
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",").at(-1)?.trim() || "unknown";
}
