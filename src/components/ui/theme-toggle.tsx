"use client";
import { useSyncExternalStore } from "react";
import { Moon, Sun } from "lucide-react";

/** Runs before paint (inlined in the portal layout) so a dark page never flashes light. */
export const themeBootScript = `try{var t=localStorage.getItem("hookline-theme");var d=t?t==="dark":matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}`;

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const isDark = () => document.documentElement.classList.contains("dark");

export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  return (
    <button
      type="button"
      onClick={() => {
        const next = !isDark();
        document.documentElement.classList.toggle("dark", next);
        document.documentElement.style.colorScheme = next ? "dark" : "light";
        localStorage.setItem("hookline-theme", next ? "dark" : "light");
        listeners.forEach((listener) => listener());
      }}
      className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      aria-label={dark ? "Switch to light mode" : "Switch to dark mode"}
    >
      {dark ? <Sun className="h-4 w-4" aria-hidden /> : <Moon className="h-4 w-4" aria-hidden />}
      {dark ? "Light mode" : "Dark mode"}
    </button>
  );
}
