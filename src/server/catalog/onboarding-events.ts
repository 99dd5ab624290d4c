import { z } from "zod";
import { defineEventType } from "./event-type";

// Seed 000 documents these bodies field by field; names, casing and values are kept exactly.

const flatWireFormat = { kind: "flat" } as const;

/** `Type` is the event name; publishers may omit it because Hookline writes it on the wire anyway. */
function typeField<const Name extends string>(name: Name) {
  return z.literal(name).optional().describe(`Event type ("${name}"); filled in by Hookline when omitted`);
}

export const riskAssessmentCalculated = defineEventType({
  name: "RiskAssessmentCalculated",
  group: "Onboarding",
  description: "A risk assessment was calculated for a submission.",
  wireFormat: flatWireFormat,
  schema: z.strictObject({
    Type: typeField("RiskAssessmentCalculated"),
    RiskAssessmentId: z.string().min(1).describe("Unique identifier for the risk assessment"),
    SubmissionId: z.string().min(1).describe("Submission identifier"),
    Risk: z.enum(["Low", "Medium", "High"]).describe("Risk level of the profile"),
    ClientRating: z.enum(["Retail", "Professional", "N/A"]).describe("Customer segment rating"),
  }),
  example: {
    Type: "RiskAssessmentCalculated",
    RiskAssessmentId: "12345",
    SubmissionId: "67890",
    Risk: "Low",
    ClientRating: "Retail",
  },
});

export const profileStatusUpdated = defineEventType({
  name: "ProfileStatusUpdated",
  group: "Onboarding",
  description: "The status of a profile's submission changed, for example it was approved.",
  wireFormat: flatWireFormat,
  schema: z.strictObject({
    Type: typeField("ProfileStatusUpdated"),
    RiskAssessmentId: z.string().min(1).describe("Unique identifier for the associated risk assessment"),
    SubmissionId: z.string().min(1).describe("Submission identifier"),
    // the seed gives "Approved" only as an example, so any status the publisher uses is accepted
    Status: z.string().min(1).describe('Updated status (e.g., "Approved")'),
    ApprovedBy: z
      .strictObject({
        Id: z.string().min(1).describe("The id of the user who approved"),
        Name: z.string().min(1).describe("The full name of the user who approved"),
        Email: z.email().describe("The email of the user who approved"),
        Roles: z.array(z.string().min(1)).describe("The user roles"),
      })
      .describe("The user who approved the profile"),
  }),
  example: {
    Type: "ProfileStatusUpdated",
    RiskAssessmentId: "1bf4f6ad-807d-45e4-8e8b-613e51203618",
    SubmissionId: "9dc1b390-4a35-4310-a85a-25e6bd7cd3f6",
    Status: "Approved",
    ApprovedBy: {
      Id: "8392d3fb-ad15-43ca-8b9e-a7cbcf411067",
      Name: "Noelani Alfreda Boone William",
      Email: "tazixog@yopmail.com",
      Roles: ["MLRO"],
    },
  },
});
