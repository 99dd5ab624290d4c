"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { AuthCard, Field, TOO_MANY_ATTEMPTS } from "@/components/auth-card";
import { errorMessage } from "@/components/portal/errors";
import { requestPasswordResetInput } from "@/server/password-resets/schemas";
import { useTRPC } from "@/trpc/client";
import { TRPCClientError } from "@trpc/client";

export default function ForgotPasswordPage() {
  const trpc = useTRPC();
  const request = useMutation(trpc.passwordReset.request.mutationOptions());
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<{ email: string; emailConfigured: boolean }>();
  if (answer) {
    return (
      <AuthCard title={answer.emailConfigured ? "Check your email" : "Email is not configured"} subtitle={<Link className="text-indigo-600 hover:underline" href="/signin">Back to sign in</Link>}>
        <p role="status" className="text-sm">
          {answer.emailConfigured
            ? `If ${answer.email} has an account, a link to choose a new password is on its way. It works once, for an hour.`
            : "This Hookline install cannot send email, so no reset link can reach you. Ask the person who runs it to set HOOKLINE_SMTP_URL, or to reset your password for you."}
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Reset your password" subtitle={<>Remembered it? <Link className="text-indigo-600 hover:underline" href="/signin">Sign in</Link></>}>
      <form
        noValidate
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const parsed = requestPasswordResetInput.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
          if (!parsed.success) return setError(parsed.error.issues[0]?.message);
          setError(undefined);
          try {
            const { email_configured } = await request.mutateAsync(parsed.data);
            setAnswer({ email: parsed.data.email, emailConfigured: email_configured });
          } catch (failure) {
            setError(failure instanceof TRPCClientError && failure.data?.code === "TOO_MANY_REQUESTS" ? TOO_MANY_ATTEMPTS : errorMessage(failure));
          }
        }}
      >
        <Field label="Email" name="email" type="email" autoComplete="email" error={error} />
        <button disabled={request.isPending} className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          {request.isPending ? "Sending…" : "Email me a reset link"}
        </button>
      </form>
    </AuthCard>
  );
}
