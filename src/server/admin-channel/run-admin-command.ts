import { ZodError } from "zod";
import { systemActor } from "@/server/access/caller";
import { createApiKey } from "@/server/api-keys/create-api-key";
import { createPlatformApiKey } from "@/server/api-keys/create-platform-api-key";
import type { Db } from "@/server/db/client";
import { formatIssues } from "@/server/endpoints/validation";
import { AppError, notFound } from "@/server/errors";
import { addMember } from "@/server/members/add-member";
import { makeOperator } from "@/server/operators/make-operator";
import { adminCommand, type AdminCommandResult, type AdminResponse } from "./schemas";

// the activity log names the command, whichever process ran it
const cliActor = { ...systemActor, label: "npm run apikey" };

async function run(db: Db, command: unknown): Promise<AdminCommandResult> {
  const parsed = adminCommand.parse(command);
  switch (parsed.command) {
    case "create-api-key": {
      const tenant = await db.tenant.findUnique({ where: { slug: parsed.tenantSlug } });
      if (!tenant) throw notFound(`Tenant "${parsed.tenantSlug}"`);
      const { apiKey, key } = await createApiKey({ db, tenantId: tenant.id, input: parsed.input, actor: cliActor });
      return { command: parsed.command, tenant: { name: tenant.name, slug: tenant.slug }, key, name: apiKey.name, scopes: apiKey.scopes };
    }
    case "create-platform-api-key": {
      const { apiKey, key } = await createPlatformApiKey({ db, input: parsed.input, actor: cliActor });
      return { command: parsed.command, key, name: apiKey.name, scopes: apiKey.scopes };
    }
    case "make-operator":
      return { command: parsed.command, ...(await makeOperator({ db, email: parsed.email, operator: parsed.operator })) };
    case "add-member":
      return {
        command: parsed.command,
        ...(await addMember({ db, tenantSlug: parsed.tenantSlug, email: parsed.email, role: parsed.role, actor: { ...systemActor, label: "npm run member" } })),
      };
  }
}

/**
 * Runs an admin command on `db` — in the CLI's own process, or in the running server for a CLI that asked
 * it over the admin channel — and maps invalid input and domain errors to one answer both callers print.
 */
export async function runAdminCommand({ db, command }: { db: Db; command: unknown }): Promise<AdminResponse> {
  try {
    return { ok: true, result: await run(db, command) };
  } catch (error) {
    if (error instanceof ZodError) {
      const issues = formatIssues(error.issues).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
      return { ok: false, error: { code: "BAD_REQUEST", message: `Invalid input: ${issues.join("; ")}` } };
    }
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}
