import { z } from "zod";
import { createApiKeyInput, createPlatformApiKeyInput } from "@/server/api-keys/schemas";
import { tenantRoleSchema } from "@/server/members/schemas";
import { emailSchema } from "@/server/tenants/schemas";

/** What the admin commands (`npm run apikey`, `npm run operator`, `npm run member`) ask for, whichever way they reach the database. */
export const adminCommand = z.discriminatedUnion("command", [
  z.strictObject({ command: z.literal("create-api-key"), tenantSlug: z.string().trim().min(1), input: createApiKeyInput }),
  z.strictObject({ command: z.literal("create-platform-api-key"), input: createPlatformApiKeyInput }),
  z.strictObject({ command: z.literal("make-operator"), email: emailSchema, operator: z.boolean() }),
  z.strictObject({ command: z.literal("add-member"), tenantSlug: z.string().trim().min(1), email: emailSchema, role: tenantRoleSchema }),
]);
export type AdminCommand = z.input<typeof adminCommand>;

const createdKey = { key: z.string(), name: z.string(), scopes: z.array(z.string()) };

export const adminCommandResult = z.discriminatedUnion("command", [
  z.object({ command: z.literal("create-api-key"), tenant: z.object({ name: z.string(), slug: z.string() }), ...createdKey }),
  z.object({ command: z.literal("create-platform-api-key"), ...createdKey }),
  z.object({ command: z.literal("make-operator"), email: z.string(), operator: z.boolean() }),
  z.object({ command: z.literal("add-member"), tenant: z.object({ name: z.string(), slug: z.string() }), email: z.string(), role: tenantRoleSchema }),
]);
export type AdminCommandResult = z.infer<typeof adminCommandResult>;

export const adminResponse = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), result: adminCommandResult }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type AdminResponse = z.infer<typeof adminResponse>;

/** One line of JSON per connection; the command itself is parsed where it runs. */
export const adminRequest = z.strictObject({ token: z.string(), command: z.unknown() });
export type AdminRequest = z.infer<typeof adminRequest>;
