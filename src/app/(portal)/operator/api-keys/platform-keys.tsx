"use client";
import { useTRPC } from "@/trpc/client";
import { CreateKeyDialog } from "@/components/portal/create-key-dialog";
import { KeyList, type KeyWording } from "@/components/portal/key-list";
import { createPlatformApiKeyInput, platformApiKeyScopes, type PlatformApiKeyScope } from "@/server/api-keys/schemas";

const wording: KeyWording = {
  noun: "platform key",
  aNoun: "a platform key",
  listLabel: "Platform API keys",
  rowTestId: "platform-key-row",
  newKeyTestId: "new-platform-key",
  nameFieldId: "platform-key-name",
  emptyDescription: "Create one for your backend to create tenants, publish for them by external id and mint portal links.",
  revokeDescription: "Every request using this key is refused from now on, for every tenant. This cannot be undone; create a new key to replace it.",
  createDescription: "Name it after the service that uses it, and give it only the scopes it needs.",
  namePlaceholder: "Product backend (production)",
  storeNote: "It acts for every tenant: store it in your secret manager now.",
  tryPath: "/api/v2/tenants",
};

const scopeHelp: Record<PlatformApiKeyScope, string> = {
  "tenants:read": "List and read tenants and their figures",
  "tenants:write": "Create, change and delete tenants; change any tenant's endpoints (with Hookline-Tenant)",
  publish: "Publish messages for any tenant (with Hookline-Tenant)",
  "portal-links": "Mint portal links to embed a tenant's portal",
  read: "Read any tenant's endpoints, logs and messages (with Hookline-Tenant)",
};

/** The install's platform keys. */
export function PlatformKeyList() {
  const trpc = useTRPC();
  return <KeyList wording={wording} list={trpc.operator.apiKeys.list.queryOptions()} revoke={trpc.operator.apiKeys.revoke.mutationOptions()} />;
}

export function CreatePlatformKeyDialog() {
  const trpc = useTRPC();
  return (
    <CreateKeyDialog
      wording={wording}
      scopes={platformApiKeyScopes}
      scopeHelp={scopeHelp}
      schema={createPlatformApiKeyInput}
      create={trpc.operator.apiKeys.create.mutationOptions()}
      invalidates={trpc.operator.apiKeys.list.queryKey()}
    />
  );
}
