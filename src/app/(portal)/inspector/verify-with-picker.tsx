"use client";
import { Select } from "@/components/ui/field";
import type { EndpointOption } from "@/components/portal/use-endpoint-options";

function label(endpoint: EndpointOption) {
  return `${endpoint.description || endpoint.url} · ${endpoint.signatureScheme}`;
}

export function VerifyWithPicker({ endpoints, otherEndpoints, value, onChange }: {
  /** endpoints whose URL points at this bin */
  endpoints: EndpointOption[];
  otherEndpoints: EndpointOption[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="text-xs">
      <span className="mb-1 block font-medium text-slate-600 dark:text-slate-400">Verify signatures with</span>
      <Select value={value} onChange={(e) => onChange(e.target.value)} className="w-72 text-xs" aria-label="Verify signatures with">
        <option value="auto">The endpoint that sent each request (auto)</option>
        {endpoints.length > 0 && (
          <optgroup label="Endpoints pointing here">
            {endpoints.map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>{label(endpoint)}</option>
            ))}
          </optgroup>
        )}
        {otherEndpoints.length > 0 && (
          <optgroup label="Other endpoints">
            {otherEndpoints.map((endpoint) => (
              <option key={endpoint.id} value={endpoint.id}>{label(endpoint)}</option>
            ))}
          </optgroup>
        )}
        <option value="none">Don’t verify</option>
      </Select>
    </label>
  );
}
