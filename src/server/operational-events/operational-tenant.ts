/**
 * The tenant that holds the operator's operational webhook (HOOKLINE_OPERATIONAL_WEBHOOK_URL): an ordinary
 * tenant, so its endpoint is signed, retried and logged like any other, and the operator reads its
 * deliveries and secret through the console's "Open portal". Found by this slug, which sign-up never makes
 * (generated slugs end in a random suffix).
 */
export const OPERATIONAL_TENANT_SLUG = "hookline-operational-webhooks";
