import type { ReactNode } from "react";

/** What sign-in and sign-up show when the server throttled the attempt (429). */
export const TOO_MANY_ATTEMPTS = "Too many attempts. Wait a few minutes and try again.";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
          {/* eslint-disable-next-line @next/next/no-img-element -- a 400-byte SVG: nothing for next/image to optimize */}
          <img src="/logo.svg" alt="" width={24} height={24} />
          Hookline
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h1 className="text-xl font-semibold">{title}</h1>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{subtitle}</p>
          <div className="mt-5">{children}</div>
        </div>
      </div>
    </main>
  );
}

export function Field({ label, name, type = "text", error, autoComplete }: {
  label: string; name: string; type?: string; error?: string; autoComplete?: string;
}) {
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <input
        name={name}
        type={type}
        autoComplete={autoComplete}
        aria-invalid={Boolean(error)}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-950"
      />
      {error && <span className="mt-1 block text-xs text-red-600">{error}</span>}
    </label>
  );
}
