"use client";
import { useTRPC } from "@/trpc/client";
import { CreateKeyDialog } from "@/components/portal/create-key-dialog";
import { KeyList, type KeyWording } from "@/components/portal/key-list";
import { apiKeyScopes, createApiKeyInput, type ApiKeyScope } from "@/server/api-keys/schemas";

const wording: KeyWording = {
  noun: "API key",
  aNoun: "an API key",
  listLabel: "API keys",
  rowTestId: "api-key-row",
  newKeyTestId: "new-api-key",
  nameFieldId: "api-key-name",
  emptyDescription: "Create one to manage endpoints and publish events from your backend over the REST API.",
  revokeDescription: "Every request using this key is refused from now on. This cannot be undone; create a new key to replace it.",
  createDescription: "Give it a name that says where it is used, and only the scopes it needs.",
  namePlaceholder: "Billing service (production)",
  storeNote: "Store it in your secret manager now.",
  tryPath: "/api/v2/events",
};

const scopeHelp: Record<ApiKeyScope, string> = {
  read: "List and read endpoints, logs, events and messages",
  write: "Change endpoints, read and rotate secrets, retry, send tests",
  publish: "Publish messages (POST /api/v2/messages)",
};

/** The tenant's API keys. */
export function ApiKeyList() {
  const trpc = useTRPC();
  return <KeyList wording={wording} list={trpc.apiKeys.list.queryOptions()} revoke={trpc.apiKeys.revoke.mutationOptions()} />;
}

export function CreateApiKeyDialog() {
  const trpc = useTRPC();
  return (
    <CreateKeyDialog
      wording={wording}
      scopes={apiKeyScopes}
      scopeHelp={scopeHelp}
      schema={createApiKeyInput}
      create={trpc.apiKeys.create.mutationOptions()}
      invalidates={trpc.apiKeys.list.queryKey()}
    />
  );
}
