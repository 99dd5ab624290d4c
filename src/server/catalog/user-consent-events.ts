import { z } from "zod";
import { defineEventType, isoDateTime } from "./event-type";

// Seed 004 sends only a reference `{eventTypeId, eventId, links}`; the payload defined here is what the
// publisher gives Hookline and what a receiver reads back by following `links.eventEntity`.

const referenceWireFormat = { kind: "reference" } as const;

const consentScope = z.enum(["accounts", "transactions", "identity", "income", "statements"]);

const consentFields = {
  consentId: z.string().min(1),
  userId: z.string().min(1),
  purpose: z.string().min(1).describe("Why the data is collected, as shown to the user"),
  scopes: z.array(consentScope).min(1).describe("Data the user agreed to share"),
  expiresAt: isoDateTime,
};

const exampleUserId = "88a85f64-5717-4562-b3fc-2c963f66af88";

const exampleConsent = {
  consentId: "c7d3a1e2-4b5f-4e8a-9c1d-2f6b8e0a3d57",
  userId: exampleUserId,
  purpose: "Assess affordability for a personal loan application",
  scopes: ["accounts", "transactions", "income"],
  expiresAt: "2026-03-02T09:14:21Z",
} as const;

export const userCreated = defineEventType({
  name: "user.created",
  group: "User",
  description: "A user was created.",
  wireFormat: referenceWireFormat,
  schema: z.strictObject({
    userId: z.string().min(1),
    email: z.email().nullable(),
    mobile: z.string().min(1).nullable().describe("E.164 phone number"),
    firstName: z.string().min(1).nullable(),
    lastName: z.string().min(1).nullable(),
    createdAt: isoDateTime,
  }),
  example: {
    userId: exampleUserId,
    email: "gavin.belson@example.com",
    mobile: "+61410888555",
    firstName: "Gavin",
    lastName: "Belson",
    createdAt: "2025-03-02T09:14:21Z",
  },
});

export const consentCreated = defineEventType({
  name: "consent.created",
  group: "Consent",
  description: "A user granted a consent to share data.",
  wireFormat: referenceWireFormat,
  schema: z.strictObject({ ...consentFields, createdAt: isoDateTime }),
  example: { ...exampleConsent, scopes: [...exampleConsent.scopes], createdAt: "2025-03-02T09:16:02Z" },
});

export const consentUpdated = defineEventType({
  name: "consent.updated",
  group: "Consent",
  description: "A user changed the scopes or the expiry of a consent.",
  wireFormat: referenceWireFormat,
  schema: z.strictObject({ ...consentFields, updatedAt: isoDateTime }),
  example: {
    ...exampleConsent,
    scopes: ["accounts", "transactions", "income", "statements"],
    updatedAt: "2025-04-11T14:02:37Z",
  },
});

export const consentRevoked = defineEventType({
  name: "consent.revoked",
  group: "Consent",
  description: "A consent was revoked; data covered by it must no longer be used.",
  wireFormat: referenceWireFormat,
  schema: z.strictObject({
    consentId: consentFields.consentId,
    userId: consentFields.userId,
    revokedAt: isoDateTime,
    revokedBy: z.enum(["user", "partner", "system"]).describe("Who revoked it; system = expired or policy"),
    reason: z.string().min(1).nullable(),
  }),
  example: {
    consentId: exampleConsent.consentId,
    userId: exampleUserId,
    revokedAt: "2025-05-20T18:45:10Z",
    revokedBy: "user",
    reason: null,
  },
});
