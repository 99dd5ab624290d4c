import type { ButtonHTMLAttributes } from "react";
import { Slot } from "radix-ui";
import { Loader2 } from "lucide-react";
import { cn } from "./cn";

const variants = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 focus-visible:ring-indigo-500/40",
  secondary:
    "border border-slate-300 bg-white text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-500 focus-visible:ring-red-500/40",
  ghost: "text-slate-600 hover:bg-slate-100 focus-visible:ring-indigo-500/30 dark:text-slate-300 dark:hover:bg-slate-800",
} as const;

const sizes = {
  sm: "h-7 gap-1 px-2 text-xs",
  md: "h-9 gap-1.5 px-3 text-sm",
  icon: "h-8 w-8 justify-center",
} as const;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
  /** shows a spinner and disables the button */
  loading?: boolean;
  /** renders the child element (a Link) with the button's look */
  asChild?: boolean;
};

export function Button({ variant = "primary", size = "md", loading, asChild, className, children, disabled, type = "button", ...props }: ButtonProps) {
  const classes = cn(
    "inline-flex shrink-0 items-center rounded-md font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-2 disabled:cursor-not-allowed disabled:opacity-60",
    variants[variant],
    sizes[size],
    className,
  );
  if (asChild) {
    return (
      <Slot.Root className={classes} {...props}>
        {children}
      </Slot.Root>
    );
  }
  return (
    <button type={type} className={classes} disabled={disabled || loading} aria-busy={loading || undefined} {...props}>
      {loading && <Loader2 className="h-3.5 w-3.5 animate-spin" aria-hidden />}
      {children}
    </button>
  );
}
