// Links in seed 004 bodies are absolute URLs on Hookline's public origin, like the `links` of the bodies it sends.

function origin(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, "");
}

export function subscriptionsUrl(publicUrl: string): string {
  return `${origin(publicUrl)}/notifications/webhooks`;
}

export function subscriptionUrl(publicUrl: string, webhookId: string): string {
  return `${subscriptionsUrl(publicUrl)}/${webhookId}`;
}

export function subscriptionMessagesUrl(publicUrl: string, webhookId: string): string {
  return `${subscriptionUrl(publicUrl, webhookId)}/messages`;
}

export function eventTypesUrl(publicUrl: string): string {
  return `${origin(publicUrl)}/events/types`;
}

/** `self` repeats the page's own query; `next` is the same query from the next cursor on. */
export function pageLinks(
  url: string,
  { cursor, ...query }: { cursor?: string } & Record<string, string | number | undefined>,
  nextCursor: string | null,
): { self: string; next: string | null } {
  const withCursor = (from: string | undefined) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...query, cursor: from })) if (value !== undefined) params.set(name, String(value));
    const search = params.toString();
    return search ? `${url}?${search}` : url;
  };
  return { self: withCursor(cursor), next: nextCursor ? withCursor(nextCursor) : null };
}
