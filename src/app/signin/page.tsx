"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { AuthCard, Field, TOO_MANY_ATTEMPTS } from "@/components/auth-card";
import { signInInput } from "@/server/tenants/schemas";

export default function SignInPage() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return (
    <AuthCard title="Sign in" subtitle={<>New here? <Link className="text-indigo-600 hover:underline" href="/signup">Create an account</Link></>}>
      <form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = Object.fromEntries(new FormData(e.currentTarget));
          const parsed = signInInput.safeParse(form);
          if (!parsed.success) return setError(parsed.error.issues[0]?.message);
          setPending(true);
          const result = await signIn("credentials", { ...parsed.data, redirect: false });
          setPending(false);
          if (result?.ok) router.replace("/dashboard");
          else setError(result?.status === 429 ? TOO_MANY_ATTEMPTS : "Email or password is incorrect");
        }}
      >
        <Field label="Email" name="email" type="email" autoComplete="email" />
        <Field label="Password" name="password" type="password" autoComplete="current-password" />
        {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
        <p className="text-xs"><Link className="text-indigo-600 hover:underline" href="/forgot-password">Forgot your password?</Link></p>
        <button disabled={pending} className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthCard>
  );
}
