"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { AuthCard, Field } from "@/components/auth-card";
import { errorMessage } from "@/components/portal/errors";
import { resetPasswordInput } from "@/server/password-resets/schemas";
import { useTRPC } from "@/trpc/client";

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.passwordReset.reset.mutationOptions());
  const [error, setError] = useState<string>();
  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed" subtitle={<Link className="text-indigo-600 hover:underline" href="/signin">Sign in with your new password</Link>}>
        <p role="status" className="text-sm">Your password is changed, and every session that was signed in with the old one has ended.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" subtitle="Choosing one signs you out everywhere.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const parsed = resetPasswordInput.safeParse({ token, password: new FormData(e.currentTarget).get("password") });
          if (!parsed.success) return setError(parsed.error.issues[0]?.message);
          setError(undefined);
          await reset.mutateAsync(parsed.data).catch((failure: unknown) => setError(errorMessage(failure)));
        }}
      >
        <Field label="New password" name="password" type="password" autoComplete="new-password" error={error} />
        <button disabled={reset.isPending} className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          {reset.isPending ? "Saving…" : "Set new password"}
        </button>
      </form>
    </AuthCard>
  );
}
