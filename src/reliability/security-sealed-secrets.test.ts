/**
 * Sealed secrets are bound to their endpoint and tenant (issue 12, finding 12), through the real routes and
 * database: a signing secret or receiver credentials copied into another tenant's endpoint row (someone
 * with write access to the database, a restored backup mixed up) no longer open there, and values sealed
 * before the binding existed are re-sealed by the start-up migration and keep working.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import type { Db } from "@/server/db/client";
import { resealLegacySecrets } from "@/server/crypto/reseal-legacy-secrets";
import { env } from "@/server/env";
import { api, apiKeyFor } from "@/server/rest/rest-test-support";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let receiver: Receiver;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await database.close();
});

async function tenantWithEndpoint(username: string) {
  const { tenantId } = await createTestTenant(db);
  const key = await apiKeyFor(db, tenantId);
  const url = `${receiver.origin}/${username}`;
  const created = await api("POST /api/v2/webhook_endpoint", {
    key,
    body: { url, enabled_events: ["*"], auth_type: "Basic", auth_settings: { username, password: `${username}-password` } },
  });
  expect(created.status).toBe(201);
  const id = (created.body as { id: string }).id;
  const secret = ((await api(`GET /api/v2/webhook_endpoint/${id}/secret`, { key })).body as { secret: string }).secret;
  return { key, id, url, secret };
}

/** What the previous version wrote: AES-256-GCM without associated data, "v1.<iv>.<tag>.<ciphertext>". */
function sealAsVersion1(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", env().encryptionKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

describe("a sealed value copied into another tenant's endpoint", () => {
  it("does not open there: neither the signing secret nor the receiver credentials leak", async () => {
    const victim = await tenantWithEndpoint("victim");
    const attacker = await tenantWithEndpoint("attacker");
    const victimRow = await db.endpoint.findUniqueOrThrow({ where: { id: victim.id }, include: { secrets: true } });
    await db.endpoint.update({ where: { id: attacker.id }, data: { authSettingsSealed: victimRow.authSettingsSealed } });
    await db.endpointSecret.updateMany({ where: { endpointId: attacker.id }, data: { sealed: victimRow.secrets[0]!.sealed } });

    const secret = await api(`GET /api/v2/webhook_endpoint/${attacker.id}/secret`, { key: attacker.key });
    expect(secret.status).toBe(500);
    expect(secret.text).not.toContain(victim.secret);
    const endpoint = await api(`GET /api/v2/webhook_endpoint/${attacker.id}`, { key: attacker.key });
    expect(endpoint.text).not.toContain("victim");
    const before = receiver.received.length;
    await api("POST /notifications/messages/test", { key: attacker.key, body: { url: attacker.url, events: ["user.created"] } });
    const victimCredentials = `Basic ${Buffer.from("victim:victim-password").toString("base64")}`;
    expect(receiver.received.slice(before).map((request) => request.headers.authorization)).not.toContain(victimCredentials);
  });
});

describe("values sealed before the binding", () => {
  it("are re-sealed at start-up and keep working; left as they are, they do not open", async () => {
    const endpoint = await tenantWithEndpoint("legacy");
    const row = await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    await db.endpoint.update({ where: { id: row.id }, data: { authSettingsSealed: sealAsVersion1(JSON.stringify({ username: "legacy", password: "legacy-password" })) } });
    await db.endpointSecret.updateMany({ where: { endpointId: row.id }, data: { sealed: sealAsVersion1(endpoint.secret) } });
    expect((await api(`GET /api/v2/webhook_endpoint/${endpoint.id}/secret`, { key: endpoint.key })).status).toBe(500);

    expect((await resealLegacySecrets({ db, encryptionKey: env().encryptionKey })).resealed).toBeGreaterThanOrEqual(2);
    expect(await resealLegacySecrets({ db, encryptionKey: env().encryptionKey })).toEqual({ resealed: 0 });

    const secret = await api(`GET /api/v2/webhook_endpoint/${endpoint.id}/secret`, { key: endpoint.key });
    expect(secret.body).toMatchObject({ secret: endpoint.secret });
    const before = receiver.received.length;
    await api("POST /notifications/messages/test", { key: endpoint.key, body: { url: endpoint.url, events: ["user.created"] } });
    expect(receiver.received.slice(before).map((request) => request.headers.authorization)).toEqual([
      `Basic ${Buffer.from("legacy:legacy-password").toString("base64")}`,
    ]);
  });
});
