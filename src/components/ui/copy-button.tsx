"use client";
import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "./button";

export function CopyButton({ value, label = "Copy", size = "sm", variant = "secondary", toastMessage = "Copied to clipboard", iconOnly }: {
  value: string;
  label?: string;
  size?: "sm" | "md" | "icon";
  variant?: "secondary" | "ghost";
  toastMessage?: string;
  iconOnly?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant={variant}
      size={iconOnly ? "icon" : size}
      aria-label={iconOnly ? label : undefined}
      title={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          toast.success(toastMessage);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          toast.error("The browser refused clipboard access; select the text and copy it");
        }
      }}
    >
      {copied ? <Check className="h-3.5 w-3.5" aria-hidden /> : <Copy className="h-3.5 w-3.5" aria-hidden />}
      {!iconOnly && label}
    </Button>
  );
}
