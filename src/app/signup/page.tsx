"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useMutation } from "@tanstack/react-query";
import { AuthCard, Field, TOO_MANY_ATTEMPTS } from "@/components/auth-card";
import { signUpInput } from "@/server/tenants/schemas";
import { useTRPC } from "@/trpc/client";

const COULD_NOT_SIGN_IN = "We could not sign you in with these details. If you already have an account, sign in with its password.";

export default function SignUpPage() {
  const router = useRouter();
  const trpc = useTRPC();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  return (
    <AuthCard title="Create your account" subtitle={<>Already have one? <Link className="text-indigo-600 hover:underline" href="/signin">Sign in</Link></>}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const parsed = signUpInput.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
          if (!parsed.success) {
            const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
            return setErrors(fieldErrors);
          }
          setErrors({});
          try {
            await signUp.mutateAsync(parsed.data);
          } catch (error) {
            return setErrors({ form: error instanceof Error ? error.message : "Sign-up failed" });
          }
          // a taken email answers as a new one does; only the account's own password signs in
          const signedIn = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
          if (!signedIn?.ok) return setErrors({ form: signedIn?.status === 429 ? TOO_MANY_ATTEMPTS : COULD_NOT_SIGN_IN });
          router.replace("/dashboard");
        }}
      >
        <Field label="Your name" name="name" autoComplete="name" error={errors.name} />
        <Field label="Organization" name="organization" autoComplete="organization" error={errors.organization} />
        <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" error={errors.password} />
        {errors.form && <p role="alert" className="text-sm text-red-600">{errors.form}</p>}
        <button disabled={signUp.isPending} className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          {signUp.isPending ? "Creating…" : "Create account"}
        </button>
      </form>
    </AuthCard>
  );
}
