import type { FieldErrors, Resolver } from "react-hook-form";
import { recordFromRows, rowsFromRecord, type KeyValueRow } from "@/components/ui/key-value-editor";
import {
  authSettingsIssues,
  createEndpointInput,
  endpointDefaults,
  joinEndpointUrl,
  movesToAnotherOrigin,
  updateEndpointInput,
  type CreateEndpointInput,
  type EndpointDto,
  type ReceiverAuthTypeName,
  type UpdateEndpointInput,
} from "@/server/endpoints/schemas";

// The form keeps what people type (strings, key/value rows); `toEndpointInput` turns it into the exact
// body tRPC and REST take, and the resolver validates that body with the server's own schema.

export type EndpointFormValues = {
  urlMode: "url" | "base";
  url: string;
  base_url: string;
  relative_path: string;
  description: string;
  is_active: boolean;
  enabled_events: string[];
  custom_headers: KeyValueRow[];
  metadata: KeyValueRow[];
  auth_type: ReceiverAuthTypeName;
  auth_settings: { apiKey: string; headerName: string; username: string; password: string; token: string };
  signature_scheme: EndpointDto["signature_scheme"];
  retry_count: string;
  retry_interval: string;
  backoff: EndpointDto["backoff"];
  timeout_ms: string;
  rate_limit_per_second: string;
  /** the payload filter as JSON text; blank = every message */
  filter: string;
};

const emptyAuthSettings = { apiKey: "", headerName: "X-API-Key", username: "", password: "", token: "" };

export function formDefaults(endpoint?: EndpointDto): EndpointFormValues {
  if (!endpoint) {
    return {
      urlMode: "url",
      url: "",
      base_url: "",
      relative_path: "",
      description: "",
      is_active: true,
      enabled_events: ["*"],
      custom_headers: [],
      metadata: [],
      auth_type: "None",
      auth_settings: emptyAuthSettings,
      signature_scheme: endpointDefaults.signatureScheme,
      retry_count: String(endpointDefaults.retryCount),
      retry_interval: String(endpointDefaults.retryIntervalSeconds),
      backoff: endpointDefaults.backoff,
      timeout_ms: String(endpointDefaults.timeoutMs),
      rate_limit_per_second: "",
      filter: "",
    };
  }
  return {
    urlMode: endpoint.base_url ? "base" : "url",
    url: endpoint.base_url ? "" : endpoint.url,
    base_url: endpoint.base_url ?? "",
    relative_path: endpoint.relative_path ?? "",
    description: endpoint.description,
    is_active: endpoint.is_active,
    enabled_events: endpoint.enabled_events,
    custom_headers: rowsFromRecord(endpoint.custom_headers),
    metadata: rowsFromRecord(endpoint.metadata),
    auth_type: endpoint.auth_type,
    // secrets never come back from the server: blank means "keep the stored one"
    auth_settings: { ...emptyAuthSettings, headerName: endpoint.auth_settings.headerName || "X-API-Key", username: endpoint.auth_settings.username ?? "" },
    signature_scheme: endpoint.signature_scheme,
    retry_count: String(endpoint.retry_count),
    retry_interval: String(endpoint.retry_interval),
    backoff: endpoint.backoff,
    timeout_ms: String(endpoint.timeout_ms),
    rate_limit_per_second: endpoint.rate_limit_per_second === null ? "" : String(endpoint.rate_limit_per_second),
    filter: endpoint.filter ? JSON.stringify(endpoint.filter, null, 2) : "",
  };
}

/** The filter text as the API takes it: blank is no filter (null); text that is not JSON says why. */
export function filterFromText(text: string): { filter: unknown } | { error: string } {
  if (!text.trim()) return { filter: null };
  try {
    return { filter: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** A parse error is reported by the resolver; meanwhile the body carries no filter change. */
function filterInput(values: EndpointFormValues) {
  const parsed = filterFromText(values.filter);
  return "filter" in parsed ? (parsed.filter as CreateEndpointInput["filter"]) : undefined;
}

/** A number field: blank stays undefined so the schema reports "required", text stays NaN so it reports the type. */
function numberOrUndefined(value: string): number | undefined {
  return value.trim() === "" ? undefined : Number(value);
}

function authSettingsFor(values: EndpointFormValues, keepStoredSecrets: boolean): Record<string, string> | undefined {
  const s = values.auth_settings;
  const pick = (settings: Record<string, string>) =>
    keepStoredSecrets ? Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== "")) : settings;
  switch (values.auth_type) {
    case "None":
      return keepStoredSecrets ? undefined : {};
    case "ApiKey":
      return pick({ apiKey: s.apiKey, headerName: s.headerName.trim() || "X-API-Key" });
    case "Basic":
      return pick({ username: s.username, password: s.password });
    case "Bearer":
      return pick({ token: s.token });
  }
}

export function toCreateInput(values: EndpointFormValues): CreateEndpointInput {
  return {
    ...(values.urlMode === "url"
      ? { url: values.url }
      : { base_url: values.base_url, relative_path: values.relative_path.trim() ? values.relative_path : undefined }),
    description: values.description,
    is_active: values.is_active,
    enabled_events: values.enabled_events as CreateEndpointInput["enabled_events"],
    custom_headers: recordFromRows(values.custom_headers),
    metadata: recordFromRows(values.metadata),
    auth_type: values.auth_type,
    auth_settings: authSettingsFor(values, false),
    signature_scheme: values.signature_scheme,
    retry_count: numberOrUndefined(values.retry_count) as number,
    retry_interval: numberOrUndefined(values.retry_interval) as number,
    backoff: values.backoff,
    timeout_ms: numberOrUndefined(values.timeout_ms) as number,
    rate_limit_per_second: values.rate_limit_per_second.trim() === "" ? null : Number(values.rate_limit_per_second),
    filter: filterInput(values),
  };
}

function formUrl(values: EndpointFormValues): string {
  return values.urlMode === "url" ? values.url : joinEndpointUrl(values.base_url, values.relative_path.trim() || null);
}

/** Whether the stored credentials still apply: the same auth type, at the same origin (see applyEndpointUpdate). */
function keepsStoredCredentials(values: EndpointFormValues, original: EndpointDto): boolean {
  return values.auth_type === original.auth_type && !movesToAnotherOrigin(original.url, formUrl(values));
}

export function toUpdateInput(values: EndpointFormValues, original: EndpointDto): UpdateEndpointInput {
  const create = toCreateInput(values);
  const keepStored = keepsStoredCredentials(values, original);
  return {
    ...(values.urlMode === "url"
      ? { url: values.url }
      : { base_url: values.base_url, relative_path: values.relative_path.trim() ? values.relative_path : null }),
    description: create.description,
    is_active: create.is_active,
    enabled_events: create.enabled_events,
    custom_headers: create.custom_headers,
    metadata: create.metadata,
    auth_type: create.auth_type,
    auth_settings: authSettingsFor(values, keepStored),
    signature_scheme: create.signature_scheme,
    retry_count: create.retry_count,
    retry_interval: create.retry_interval,
    backoff: create.backoff,
    timeout_ms: create.timeout_ms,
    rate_limit_per_second: create.rate_limit_per_second,
    filter: create.filter,
  };
}

/** Where a schema issue shows in the form: rows editors report on the editor, auth fields on the field. */
function fieldFor(path: readonly PropertyKey[]): string {
  const [head, second] = path.map(String);
  if (head === "auth_settings") return second ? `auth_settings.${second}` : "auth_type";
  if (head === "custom_headers" || head === "metadata" || head === "enabled_events") return head;
  return head ?? "root";
}

/** Zod's stock wording, said the way a form says it. */
function humanize(message: string): string {
  const bound = /^Too (big|small): expected (?:number|int) to be ([<>]=?)(-?\d+)/.exec(message);
  if (bound) return `Must be ${bound[2]!.startsWith("<") ? "at most" : "at least"} ${bound[3]}`;
  if (/expected (number|int), received/.test(message)) return "Enter a whole number";
  const length = /^Too (big|small): expected string to have ([<>])=(\d+) characters?/.exec(message);
  if (length) {
    if (length[2] === ">" && length[3] === "1") return "Required";
    return `Use ${length[2] === ">" ? "at least" : "at most"} ${length[3]} characters`;
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function messageFor(path: readonly PropertyKey[], message: string): string {
  const [head, second] = path.map(String);
  if ((head === "custom_headers" || head === "metadata") && second) return `${second}: ${message}`;
  // where in the filter: "and.0.gte: Expected number…"
  if (head === "filter" && path.length > 1) return `${path.slice(1).map(String).join(".")}: ${message}`;
  return humanize(message);
}

type Issue = { path: readonly PropertyKey[]; message: string; issues?: readonly { message: string }[] };

function toFieldErrors(issues: readonly Issue[]): FieldErrors<EndpointFormValues> {
  const errors: Record<string, unknown> = {};
  for (const issue of issues) {
    const field = fieldFor(issue.path);
    // a bad record key (a reserved header name) says why in its nested issue, not in "Invalid key in record"
    const message = issue.issues?.[0]?.message ?? issue.message;
    const error = { type: "validate", message: messageFor(issue.path, message) };
    if (field.startsWith("auth_settings.")) {
      const key = field.slice("auth_settings.".length);
      const group = (errors.auth_settings ??= {}) as Record<string, unknown>;
      group[key] ??= error;
    } else {
      errors[field] ??= error;
    }
  }
  return errors as FieldErrors<EndpointFormValues>;
}

function filterTextIssues(values: EndpointFormValues): Issue[] {
  const parsed = filterFromText(values.filter);
  return "error" in parsed ? [{ path: ["filter"], message: parsed.error }] : [];
}

/** Validates with the server's schemas, so the form and the API can never disagree on what is valid. */
export function endpointResolver(original?: EndpointDto): Resolver<EndpointFormValues> {
  return async (values) => {
    if (!original) {
      const input = toCreateInput(values);
      const parsed = createEndpointInput.safeParse(input);
      const filterIssues = filterTextIssues(values);
      if (parsed.success && !filterIssues.length) return { values, errors: {} };
      // zod skips the object's cross-field checks while a field is invalid; run the auth one anyway so
      // every problem shows at once
      const issues = parsed.success ? [] : [...parsed.error.issues, ...authSettingsIssues(values.auth_type, input.auth_settings)];
      return { values: {}, errors: toFieldErrors([...issues, ...filterIssues]) };
    }
    const input = toUpdateInput(values, original);
    const parsed = updateEndpointInput.safeParse(input);
    const issues: Issue[] = parsed.success ? [] : [...parsed.error.issues];
    // a new auth type or origin needs its settings in full; otherwise stored secrets stay (checked server-side)
    if (!keepsStoredCredentials(values, original)) issues.push(...authSettingsIssues(values.auth_type, input.auth_settings));
    if (values.urlMode === "url" && !values.url.trim()) issues.push({ path: ["url"], message: "is required" });
    if (values.urlMode === "base" && !values.base_url.trim()) issues.push({ path: ["base_url"], message: "is required" });
    issues.push(...filterTextIssues(values));
    return issues.length ? { values: {}, errors: toFieldErrors(issues) } : { values, errors: {} };
  };
}
