import { randomBytes } from "node:crypto";

/** A readable, unique-enough slug: the name's letters and digits plus six random hex characters. */
export function newTenantSlug(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "tenant"}-${randomBytes(3).toString("hex")}`;
}
