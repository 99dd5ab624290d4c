/** Why a portal link or session does not open the portal: a redeem failure, or a session that ran out. */
export type PortalNoticeReason = "forged" | "used" | "expired" | "ended";

const notices: Record<PortalNoticeReason, { status: number; title: string; body: string }> = {
  forged: {
    status: 401,
    title: "This portal link is not valid",
    body: "The link is incomplete or was changed on its way here, so it cannot open a portal.",
  },
  used: {
    status: 410,
    title: "This portal link was already used",
    body: "Each portal link opens the portal once; opening it again, or in another tab or browser, is refused.",
  },
  expired: {
    status: 410,
    title: "This portal link has expired",
    body: "A portal link works only for a short while after it is created (10 minutes unless the product chose otherwise), and this one was not opened in time.",
  },
  ended: {
    status: 401,
    title: "Your portal session has ended",
    body: "Portal sessions last one hour and cannot be extended.",
  },
};

/**
 * A small self-contained page (it is often shown inside another site's iframe, so it needs no sign-in,
 * script or stylesheet of the portal) saying what happened and how to get back in.
 */
export function portalNoticeResponse(reason: PortalNoticeReason): Response {
  const { status, title, body } = notices[reason];
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Hookline</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f8fafc; color: #0f172a;
    font: 15px/1.5 ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { max-width: 28rem; margin: 1.5rem; padding: 1.75rem; background: #fff; border: 1px solid #e2e8f0; border-radius: 0.75rem; }
  h1 { margin: 0 0 0.5rem; font-size: 1.125rem; }
  p { margin: 0.5rem 0 0; color: #475569; }
  small { display: block; margin-top: 1.25rem; color: #94a3b8; }
</style>
</head>
<body>
<main data-reason="${reason}">
  <h1>${title}</h1>
  <p>${body}</p>
  <p>Open the portal again from the product you came from, or ask its team for a new link.</p>
  <small>Hookline · HTTP ${status}</small>
</main>
</body>
</html>
`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
