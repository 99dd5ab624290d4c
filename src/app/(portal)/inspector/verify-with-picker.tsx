"use client";
import { Select } from "@/components/ui/field";
import type { EndpointOption } from "@/components/portal/use-endpoint-options";

export function VerifyWithPicker({ endpoints, value, onChange }: { endpoints: EndpointOption[]; value: string; onChange: (id: string) => void }) {
  return (
    <label className="text-xs">
      <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">Verify signatures with</span>
      <Select value={value} onChange={(e) => onChange(e.target.value)} className="w-64 text-xs" aria-label="Verify signatures with">
        <option value="">No endpoint (don’t verify)</option>
        {endpoints.map((endpoint) => (
          <option key={endpoint.id} value={endpoint.id}>
            {endpoint.description || endpoint.url} · {endpoint.signatureScheme}
          </option>
        ))}
      </Select>
    </label>
  );
}
