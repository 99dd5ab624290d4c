import { z } from "zod";
import { defineEventType, isoDateTime } from "./event-type";

// Seeds 001/002 name these events and say only that each "contains the profile information and the
// event details". Hookline therefore fixes the payload as `{profile, details}`: the profile as it is
// after the event, and what happened, with the previous value wherever something changed.

const profileStatus = z.enum(["created", "pending_review", "approved", "rejected", "suspended"]);

const profile = z
  .strictObject({
    id: z.string().min(1).describe("Profile id in the publishing product"),
    external_id: z.string().min(1).nullable().describe("The tenant's own reference for this customer"),
    first_name: z.string().min(1).nullable(),
    last_name: z.string().min(1).nullable(),
    email: z.email().nullable(),
    phone: z.string().min(1).nullable().describe("E.164 phone number"),
    nationality: z.string().length(2).nullable().describe("ISO 3166-1 alpha-2 country code"),
    birth_date: z.iso.date().nullable(),
    status: profileStatus,
    level: z.int().min(0).describe("Verification level reached by the profile"),
    created_at: isoDateTime,
    updated_at: isoDateTime,
  })
  .describe("The profile as it is after the event");

const documentType = z.enum([
  "identity_card",
  "passport",
  "driving_license",
  "residence_permit",
  "selfie",
  "proof_of_address",
  "other",
]);
const documentStatus = z.enum(["uploaded", "processing", "approved", "rejected"]);

const document = z.strictObject({
  id: z.string().min(1),
  type: documentType,
  status: documentStatus,
  file_name: z.string().min(1),
  mime_type: z.string().min(1),
  size_bytes: z.int().min(0),
  uploaded_at: isoDateTime,
});

const changedFields = z.array(z.string().min(1)).min(1).describe("Names of the fields whose value changed");

const videoCallStatus = z.enum(["scheduled", "waiting", "in_progress", "completed", "failed", "cancelled"]);

function profilePayload<Details extends z.ZodType>(details: Details) {
  return z.strictObject({ profile, details: details.describe("What happened") });
}

const profileWireFormat = { kind: "profile" } as const;

const exampleProfile = {
  id: "prf_8f14e45fceea167a",
  external_id: "CUST-004217",
  first_name: "Amelia",
  last_name: "Hartmann",
  email: "amelia.hartmann@example.com",
  phone: "+4915112345678",
  nationality: "DE",
  birth_date: "1988-04-12",
  status: "pending_review",
  level: 1,
  created_at: "2025-03-02T09:14:21Z",
  updated_at: "2025-03-02T09:20:03Z",
} satisfies z.input<typeof profile>;

const exampleDocument = {
  id: "doc_c9f0f895fb98ab91",
  type: "passport",
  status: "uploaded",
  file_name: "passport-front.jpg",
  mime_type: "image/jpeg",
  size_bytes: 482133,
  uploaded_at: "2025-03-02T09:18:47Z",
} satisfies z.input<typeof document>;

export const profileCreate = defineEventType({
  name: "profile_create",
  group: "Profile",
  description: "A profile was created.",
  wireFormat: profileWireFormat,
  schema: profilePayload(
    z.strictObject({ source: z.enum(["api", "sdk", "portal"]).describe("Where the profile was created") }),
  ),
  example: {
    profile: { ...exampleProfile, status: "created", level: 0, updated_at: exampleProfile.created_at },
    details: { source: "sdk" },
  },
});

export const profileUpdate = defineEventType({
  name: "profile_update",
  group: "Profile",
  description: "Information on a profile changed.",
  wireFormat: profileWireFormat,
  schema: profilePayload(z.strictObject({ changed_fields: changedFields })),
  example: { profile: exampleProfile, details: { changed_fields: ["phone", "nationality"] } },
});

export const profileStatusChange = defineEventType({
  name: "profile_status_change",
  group: "Profile",
  description: "A profile's status changed, for example from pending review to approved.",
  wireFormat: profileWireFormat,
  schema: profilePayload(
    z.strictObject({
      previous_status: profileStatus,
      status: profileStatus,
      reason: z.string().min(1).nullable().describe("Why, when the reviewer gave a reason"),
      changed_by: z.string().min(1).nullable().describe("Reviewer id; null when changed automatically"),
    }),
  ),
  example: {
    profile: { ...exampleProfile, status: "approved", updated_at: "2025-03-02T10:02:40Z" },
    details: { previous_status: "pending_review", status: "approved", reason: null, changed_by: "usr_5d41402abc4b2a76" },
  },
});

export const profileLevelUpdate = defineEventType({
  name: "profile_level_update",
  group: "Profile",
  description: "A profile reached another verification level.",
  wireFormat: profileWireFormat,
  schema: profilePayload(z.strictObject({ previous_level: z.int().min(0), level: z.int().min(0) })),
  example: {
    profile: { ...exampleProfile, level: 2, updated_at: "2025-03-02T10:05:12Z" },
    details: { previous_level: 1, level: 2 },
  },
});

export const documentUpload = defineEventType({
  name: "document_upload",
  group: "Document",
  description: "A document was uploaded to a profile.",
  wireFormat: profileWireFormat,
  schema: profilePayload(z.strictObject({ document })),
  example: { profile: exampleProfile, details: { document: exampleDocument } },
});

export const documentDelete = defineEventType({
  name: "document_delete",
  group: "Document",
  description: "A document was deleted from a profile.",
  wireFormat: profileWireFormat,
  schema: profilePayload(
    z.strictObject({
      document_id: z.string().min(1),
      document_type: documentType,
      deleted_at: isoDateTime,
      deleted_by: z.string().min(1).nullable().describe("User id; null when deleted by retention rules"),
    }),
  ),
  example: {
    profile: exampleProfile,
    details: {
      document_id: exampleDocument.id,
      document_type: exampleDocument.type,
      deleted_at: "2025-03-02T09:31:05Z",
      deleted_by: "usr_5d41402abc4b2a76",
    },
  },
});

export const documentUpdate = defineEventType({
  name: "document_update",
  group: "Document",
  description: "Information on a document changed (not its review status).",
  wireFormat: profileWireFormat,
  schema: profilePayload(z.strictObject({ document, changed_fields: changedFields })),
  example: {
    profile: exampleProfile,
    details: { document: { ...exampleDocument, type: "identity_card" }, changed_fields: ["type"] },
  },
});

export const documentStatusChange = defineEventType({
  name: "document_status_change",
  group: "Document",
  description: "A document's review status changed, for example it was approved or rejected.",
  wireFormat: profileWireFormat,
  schema: profilePayload(
    z.strictObject({
      document,
      previous_status: documentStatus,
      status: documentStatus,
      rejection_reason: z.string().min(1).nullable(),
    }),
  ),
  example: {
    profile: exampleProfile,
    details: {
      document: { ...exampleDocument, status: "rejected" },
      previous_status: "processing",
      status: "rejected",
      rejection_reason: "The document is expired.",
    },
  },
});

export const zipFileCreate = defineEventType({
  name: "zip_file_create",
  group: "Document",
  description: "A ZIP archive of a profile's documents is ready to download.",
  wireFormat: profileWireFormat,
  schema: profilePayload(
    z.strictObject({
      zip_file: z.strictObject({
        id: z.string().min(1),
        download_url: z.url(),
        expires_at: isoDateTime.describe("The download URL stops working at this time"),
        size_bytes: z.int().min(0),
        document_count: z.int().min(0),
      }),
    }),
  ),
  example: {
    profile: exampleProfile,
    details: {
      zip_file: {
        id: "zip_45c48cce2e2d7fbd",
        download_url: "https://files.example.com/exports/zip_45c48cce2e2d7fbd.zip",
        expires_at: "2025-03-03T09:40:00Z",
        size_bytes: 1843320,
        document_count: 3,
      },
    },
  },
});

export const videoCallStatusChange = defineEventType({
  name: "video_call_status_change",
  group: "Video call",
  description: "A verification video call changed status, for example it started or completed.",
  wireFormat: profileWireFormat,
  schema: profilePayload(
    z.strictObject({
      video_call: z.strictObject({
        id: z.string().min(1),
        previous_status: videoCallStatus,
        status: videoCallStatus,
        scheduled_at: isoDateTime.nullable(),
        started_at: isoDateTime.nullable(),
        ended_at: isoDateTime.nullable(),
        recording_available: z.boolean(),
      }),
    }),
  ),
  example: {
    profile: exampleProfile,
    details: {
      video_call: {
        id: "vc_6512bd43d9caa6e0",
        previous_status: "in_progress",
        status: "completed",
        scheduled_at: "2025-03-02T09:45:00Z",
        started_at: "2025-03-02T09:46:12Z",
        ended_at: "2025-03-02T09:53:40Z",
        recording_available: true,
      },
    },
  },
});
