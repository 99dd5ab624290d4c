"use client";
import { useState } from "react";
import { Eye, EyeOff } from "lucide-react";
import { toast } from "sonner";
import { Button } from "./button";
import { CopyButton } from "./copy-button";

/**
 * A secret that stays on the server until the user asks for it: `load` runs on the first reveal, and the
 * value is only ever held in this component's state. A `value` given up front (a secret just rotated) is
 * shown at once, so the user can copy it to the receiver right away.
 */
export function SecretField({ load, label, value: known }: { load: () => Promise<string>; label: string; value?: string }) {
  const [value, setValue] = useState<string | undefined>(known);
  const [shown, setShown] = useState(known !== undefined);
  const [loading, setLoading] = useState(false);
  const reveal = async () => {
    if (shown) return setShown(false);
    if (value === undefined) {
      setLoading(true);
      try {
        setValue(await load());
      } catch (error) {
        toast.error(error instanceof Error ? error.message : "Could not load the secret");
        return;
      } finally {
        setLoading(false);
      }
    }
    setShown(true);
  };
  return (
    <div className="flex items-center gap-2">
      <code
        aria-label={label}
        data-testid="secret-value"
        className="min-w-0 flex-1 truncate rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 font-mono text-xs dark:border-slate-800 dark:bg-slate-950"
      >
        {shown && value !== undefined ? value : "•".repeat(32)}
      </code>
      <Button variant="secondary" size="sm" onClick={reveal} loading={loading}>
        {shown ? <EyeOff className="h-3.5 w-3.5" aria-hidden /> : <Eye className="h-3.5 w-3.5" aria-hidden />}
        {shown ? "Hide" : "Reveal"}
      </Button>
      {shown && value !== undefined && <CopyButton value={value} label="Copy" toastMessage={`${label} copied`} />}
    </div>
  );
}
