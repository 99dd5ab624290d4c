import type { EventTypeDefinition } from "./event-type";
import { profileStatusUpdated, riskAssessmentCalculated } from "./onboarding-events";
import {
  documentDelete,
  documentStatusChange,
  documentUpdate,
  documentUpload,
  profileCreate,
  profileLevelUpdate,
  profileStatusChange,
  profileUpdate,
  videoCallStatusChange,
  zipFileCreate,
} from "./profile-events";
import { endpointDisabled, endpointFailing, endpointRecovered, messageAttemptExhausted } from "./operational-events";
import { sessionSubmitted } from "./session-events";
import { consentCreated, consentRevoked, consentUpdated, userCreated } from "./user-consent-events";

// The catalog lives in code, not in the database: the event types are those the product publishes
// (tenants only choose which ones they receive, they never define any), and each schema is a zod
// schema that changes together with the code emitting the event, reviewed and versioned with it.
// A change of payload shape is therefore a code change with its own tests, never a data migration.
const eventTypes = [
  riskAssessmentCalculated,
  profileStatusUpdated,
  // in the order seed 002's form lists them
  profileCreate,
  profileUpdate,
  profileStatusChange,
  profileLevelUpdate,
  documentUpload,
  documentDelete,
  documentUpdate,
  documentStatusChange,
  zipFileCreate,
  videoCallStatusChange,
  sessionSubmitted,
  userCreated,
  consentCreated,
  consentUpdated,
  consentRevoked,
] as const;

export type EventTypeName = (typeof eventTypes)[number]["name"];

/** Every event name, in catalog order; a non-empty tuple so it can feed `z.enum(eventTypeNames)`. */
export const eventTypeNames = eventTypes.map((eventType) => eventType.name) as [EventTypeName, ...EventTypeName[]];

// Hookline's own events: endpoints subscribe to them by name (never through "*"), nobody publishes them.
const operationalEventTypes = [endpointDisabled, endpointFailing, endpointRecovered, messageAttemptExhausted] as const;

export type OperationalEventTypeName = (typeof operationalEventTypes)[number]["name"];

export const operationalEventTypeNames = operationalEventTypes.map((eventType) => eventType.name) as [OperationalEventTypeName, ...OperationalEventTypeName[]];

const operationalNames = new Set<string>(operationalEventTypeNames);

export function isOperationalEventType(name: string): name is OperationalEventTypeName {
  return operationalNames.has(name);
}

const byName = new Map<string, EventTypeDefinition>(eventTypes.map((eventType) => [eventType.name, eventType]));
const anyByName = new Map<string, EventTypeDefinition>([...eventTypes, ...operationalEventTypes].map((eventType) => [eventType.name, eventType]));

/** The event types publishers send, in catalog order. */
export function listEventTypes(): readonly EventTypeDefinition[] {
  return eventTypes;
}

export function listOperationalEventTypes(): readonly EventTypeDefinition[] {
  return operationalEventTypes;
}

/** A publishable event type; Hookline's operational events are not one. */
export function findEventType(name: string): EventTypeDefinition | undefined {
  return byName.get(name);
}

export class UnknownEventTypeError extends Error {
  constructor(readonly eventTypeName: string) {
    super(`Unknown event type "${eventTypeName}"`);
    this.name = "UnknownEventTypeError";
  }
}

/** For names validated on the way in (stored messages, operational ones included); a miss means the type left the catalog since. */
export function requireEventType(name: string): EventTypeDefinition {
  const eventType = anyByName.get(name);
  if (!eventType) throw new UnknownEventTypeError(name);
  return eventType;
}
